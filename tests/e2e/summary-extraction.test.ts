/**
 * Values from the unit's work summary in the browser (issue 16): a reporter uploads a .docx summary
 * through 从工作总结提取 (kept as evidence), takes three proposed values and edits one before taking it;
 * the rater's queue, filtered to 与工作总结不一致, shows exactly that one, with the summary's figure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyDocx } from '../../scripts/seed/demo-submissions';
import type { Worksheet } from '../../shared/schemas/submission';
import type { Queue } from '../../web/src/pages/scoring/scoring-api';
import { apiAs, checkA11y, type E2e, signInAs, startE2e } from './harness';

const RATER = 'rater-jiceng';
const FIGURES = [92.93, 88.5, 76.4];

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e({ now: () => new Date('2026-12-28T10:00:00+08:00') });
}, 240_000);
afterAll(async () => {
  await e2e?.stop();
});

/** A unit of the rater's Q4 queue with three rate indicators to fill, and those three rows. */
const pickUnit = async () => {
  const queue = await (await apiAs(e2e, RATER))<Queue>('/api/years/2026/periods/Q4/scoring-queue');
  for (const unitId of new Set(queue.items.map((x) => x.unitId))) {
    const assigned = new Set(queue.items.filter((x) => x.unitId === unitId).map((x) => x.code));
    const sheet = await (await apiAs(e2e, `${unitId}-reporter`))<Worksheet>(
      `/api/years/2026/units/${unitId}/periods/Q4/worksheet`,
    );
    const rows = sheet.rows.filter(
      (r) =>
        r.indicator.measure === 'rate' &&
        r.indicator.needsValue &&
        !r.item &&
        assigned.has(r.indicator.code) &&
        !/[（(]/.test(r.indicator.name),
    );
    if (rows.length >= 3) return { unitId, rows: rows.slice(0, 3) };
  }
  throw new Error('no unit with three rate indicators in the rater’s Q4 queue');
};

describe('values from a work summary in the browser', () => {
  it('reporter uploads a .docx and takes three values, editing one; the rater sees exactly one flagged', async () => {
    const { unitId, rows } = await pickUnit();
    const names = rows.map((r) => r.indicator.name);
    const text = names.map((name, i) => `本季度${name}${FIGURES[i]}%。`).join('');

    // The reporter uploads the summary and extracts from it.
    const reporter = await e2e.newPage();
    await signInAs(reporter, `${unitId}-reporter`, '/submissions?year=2026&period=Q4');
    await reporter.locator('.indicator-card').first().waitFor();
    const panel = reporter.locator('details.summary-extraction');
    await panel.locator('summary').click();
    await panel.getByLabel(/^上传工作总结/).setInputFiles({
      name: '第四季度工作总结.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: tinyDocx(text),
    });
    await panel.getByRole('button', { name: '上传并提取' }).click();
    const row = (name: string) =>
      panel.locator('tbody tr').filter({ has: reporter.getByRole('rowheader', { name, exact: true }) });
    await row(names[0]!).waitFor();
    for (const [i, name] of names.entries()) {
      await expect(row(name).getByLabel(`${name} 建议值`).inputValue()).resolves.toBe(String(FIGURES[i]));
      await expect(row(name).locator('mark').textContent()).resolves.toBe(`${FIGURES[i]}%`);
    }
    await checkA11y(reporter);
    // Two taken as proposed, the third edited to 77 first.
    await row(names[2]!).getByLabel(`${names[2]} 建议值`).fill('77');
    for (const name of names) {
      await row(name).getByRole('button', { name: '采用' }).click();
      await row(name).getByText('已采用').waitFor();
    }
    // The summary is kept as evidence of the indicator it was filed under (the first row by default).
    await reporter.locator('section.indicator-card').getByText('第四季度工作总结.docx').first().waitFor();
    await checkA11y(reporter);

    // The rater filters the queue to 与工作总结不一致: exactly the edited one.
    const rater = await e2e.newPage();
    await signInAs(rater, RATER, '/scoring?year=2026&period=Q4');
    const queue = rater.getByRole('navigation', { name: '评分任务' });
    await queue.getByRole('button').first().waitFor();
    await rater.getByLabel('与工作总结不一致').check();
    await expect(queue.getByRole('button').count()).resolves.toBe(1);
    await expect(queue.getByRole('button').first().textContent()).resolves.toContain(names[2]);
    await queue.getByRole('button').first().click();
    await rater.getByText(`填报值 77，工作总结原文为 ${FIGURES[2]}`).waitFor();
    await expect(rater.locator('.summary-check mark').textContent()).resolves.toBe(`${FIGURES[2]}%`);
    await checkA11y(rater);
  }, 240_000);
});
