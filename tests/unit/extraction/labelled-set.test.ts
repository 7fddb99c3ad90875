/**
 * Precision and recall of summary extraction on the labelled set (tests/fixtures/extraction/cases.json):
 * real work summaries (the seeds) and one synthetic file per normalisation. A proposed value counts
 * as right when it equals the label; a value proposed where the label is null is wrong. Precision is
 * what matters most — a wrong value is worse than none — hence the higher bar.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ExtractionIndicator, extractValues } from '../../../shared/domain/extraction';
import { decodeText } from '../../../shared/extraction-readers/text';

const DIR = join(import.meta.dirname, '../../fixtures/extraction');

interface LabelledIndicator extends ExtractionIndicator {
  expected: number | null;
}
interface LabelledDocument {
  id: string;
  file: string;
  /** 1-based, inclusive. */
  lines?: [number, number];
  indicators: LabelledIndicator[];
}

const { documents } = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as {
  documents: LabelledDocument[];
};

const textOf = (doc: LabelledDocument) => {
  const text = decodeText(readFileSync(join(DIR, doc.file)));
  if (!doc.lines) return text;
  return text
    .split('\n')
    .slice(doc.lines[0] - 1, doc.lines[1])
    .join('\n');
};

/** Every labelled indicator with what extraction proposed for it. */
const outcomes = documents.flatMap((doc) => {
  const result = extractValues(textOf(doc), doc.indicators);
  return doc.indicators.map((indicator) => ({
    where: `${doc.id} ${indicator.code} ${indicator.name}`,
    expected: indicator.expected,
    proposed: result[indicator.code]?.value ?? null,
    reason: result[indicator.code]?.reason,
  }));
});

describe('summary extraction on the labelled set', () => {
  const proposed = outcomes.filter((o) => o.proposed !== null);
  const right = proposed.filter((o) => o.proposed === o.expected);
  const labelled = outcomes.filter((o) => o.expected !== null);
  const precision = right.length / proposed.length;
  const recall = right.length / labelled.length;
  const report = [
    `precision ${precision.toFixed(3)} (${right.length}/${proposed.length}), recall ${recall.toFixed(3)} (${right.length}/${labelled.length}), ${outcomes.length} labels`,
    ...proposed
      .filter((o) => o.proposed !== o.expected)
      .map((o) => `wrong: ${o.where}: ${o.proposed} (label ${o.expected})`),
    ...labelled
      .filter((o) => o.proposed === null)
      .map((o) => `missed: ${o.where}: ${o.expected} (${o.reason})`),
  ].join('\n');

  it('covers every synthetic normalisation and more than a hundred labels', () => {
    expect(outcomes.length).toBeGreaterThan(100);
    expect(documents.filter((d) => d.file.startsWith('synthetic/')).map((d) => d.id)).toEqual(
      expect.arrayContaining([
        'synthetic-gb18030',
        'synthetic-traditional',
        'synthetic-fullwidth',
        'synthetic-baifenzhi',
      ]),
    );
  });

  it('proposes values with precision of at least 0.97', () => {
    console.info(report);
    expect(precision, report).toBeGreaterThanOrEqual(0.97);
  });

  it('finds at least 85 % of the labelled values', () => {
    expect(recall, report).toBeGreaterThanOrEqual(0.85);
  });
});
