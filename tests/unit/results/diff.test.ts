import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffResults } from '../../../shared/domain/results/diff';
import { computeResults, parseScenario } from '../../../shared/domain/scoring';

const examplePath = resolve(import.meta.dirname, '../../../docs/examples/worked-example.scenario.json');
const raw = () => JSON.parse(readFileSync(examplePath, 'utf8'));
const resultsOf = (scenario: unknown) => computeResults(parseScenario(scenario));

describe('the difference between two results versions', () => {
  it('is empty for the same results', () => {
    const diff = diffResults(resultsOf(raw()), resultsOf(raw()));
    expect(diff).toEqual({ units: [], rescoredUnits: 0 });
  });

  it('names the rescored leaf and the unit’s old and new standing', () => {
    const before = resultsOf(raw());
    const changed = raw();
    const fact = changed.facts.find((f: { code: string }) => f.code === 'A01');
    fact.verifiedValue = 50;
    const after = resultsOf(changed);

    const diff = diffResults(before, after);

    expect(diff.rescoredUnits).toBe(1);
    const [unit] = diff.units;
    expect(unit?.leaves.map((l) => l.code)).toEqual(['A01']);
    const leaf = unit?.leaves[0];
    expect(leaf?.afterCents).toBeLessThan(leaf?.beforeCents ?? 0);
    expect((unit?.after?.finalCents ?? 0) - (unit?.before?.finalCents ?? 0)).toBe(
      (leaf?.afterCents ?? 0) - (leaf?.beforeCents ?? 0),
    );
  });

  it('shows a unit that is new in the later version with no earlier standing', () => {
    const before = resultsOf(raw());
    const empty = { ...before, categories: before.categories.map((c) => ({ ...c, units: [] })) };
    const diff = diffResults(empty, before);
    expect(diff.units[0]).toMatchObject({ unitId: 'luoyang-thc', before: null, after: { rank: 1 } });
    expect(diff.units[0]?.leaves.every((l) => l.beforeCents === null)).toBe(true);
  });
});
