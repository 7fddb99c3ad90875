import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '../../../scripts/extract';

const FILES = join(import.meta.dirname, '../../fixtures/extraction/files');
const at = (name: string) => join(FILES, name);

describe('npm run extract', () => {
  it('prints canonical JSON per indicator code: the value or null with the reason, and every candidate', async () => {
    const output = await extract([at('summary.docx'), '--indicators', at('indicators.json')]);
    expect(output).toMatchObject({ code: 0, stderr: '' });
    const result = JSON.parse(output.stdout);
    expect(Object.keys(result)).toEqual(['A1', 'A2', 'A3', 'B1', 'B2']);
    expect(result.A1).toMatchObject({ value: 92.93, unit: '%', chosen: 0, decision: 'single', reason: null });
    expect(result.A1.candidates[1]).toMatchObject({ value: 95, status: 'planned', rule: 'after-term' });
    expect(result.B1).toMatchObject({ value: 1846, unit: '人' });
    expect(result.B2).toEqual({
      value: null,
      unit: null,
      chosen: null,
      decision: null,
      reason: 'none',
      candidates: [],
    });
    // Canonical: keys sorted, no whitespace, the same bytes every run.
    expect(output.stdout.startsWith('{"A1":{"candidates":[{"end":')).toBe(true);
    expect((await extract([at('summary.docx'), '--indicators', at('indicators.json')])).stdout).toBe(
      output.stdout,
    );
  });

  it('says plainly when the file has no text, and when the arguments are wrong', async () => {
    const scanned = await extract([at('scanned.pdf'), '--indicators', at('indicators.json')]);
    expect(scanned.code).toBe(1);
    expect(scanned.stderr).toMatch(/scanned\.pdf: 未找到文字/);
    expect((await extract([at('summary.docx')])).stderr).toMatch(/^usage: npm run extract/);
    const missing = await extract([at('nothing.txt'), '--indicators', at('indicators.json')]);
    expect(missing.stderr).toMatch(/找不到文件 .*nothing\.txt/);
    const notIndicators = await extract([at('summary.docx'), '--indicators', at('summary.docx')]);
    expect(notIndicators.stderr).toMatch(/不是有效的 JSON/);
  });
});
