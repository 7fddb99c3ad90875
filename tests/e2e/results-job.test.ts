/**
 * A municipal year's results page in the browser (the live limit lowered to 0 units, so the demo
 * county reads as a municipal year): no lines before the first computation, 计算结果 starts the results
 * job, a reload mid-job shows the same job, and when it has finished the ranking shows with
 * 结果计算于 …; axe passes. Its 评分一致性 page likewise: 计算报告 starts the consistency job, a reload
 * mid-job, then the report with 报告计算于 … (the demo's lenient rater flagged); a rater reads only
 * their own line of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, type E2e, signInAs, startE2e } from './harness';
import { reloadMidJob } from './job-steps';

describe('计算考核结果 and 计算评分一致性 (municipal year)', () => {
  let e2e: E2e;

  beforeAll(async () => {
    e2e = await startE2e({
      now: () => new Date('2026-11-26T10:00:00+08:00'),
      liveResultsMaxUnits: 0,
    });
  }, 240_000);

  afterAll(async () => {
    await e2e?.stop();
  });

  it('computes the year as a job, survives a reload, then shows the ranking and when it was computed', async () => {
    // Prepare
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/results?year=2026&asOf=Q4');
    await page.getByText('尚未计算').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    // Act: start, wait until it is under way, reload
    e2e.jobGate.hold();
    await page.getByRole('button', { name: '计算结果' }).click();
    const { before, after, jobId, jobIdAfter } = await reloadMidJob(page, /计算考核结果/, e2e.jobGate);
    // Assess: the same job, not gone back; then the ranking with when and by whom
    expect(jobIdAfter).toBe(jobId);
    expect(after).toBeGreaterThanOrEqual(before);
    e2e.jobGate.release();
    await page.getByText(/^结果计算于 .+（王建华 发起）/).waitFor({ timeout: 60_000 });
    await page.getByRole('table').first().waitFor();
    await page.getByRole('button', { name: '重新计算' }).waitFor();
    await checkA11y(page);
    await page.context().close();
  }, 180_000);

  it('computes the 评分一致性 report as a job, survives a reload, then shows it with when it was computed', async () => {
    // Prepare
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/results/consistency?year=2026');
    await page.getByText(/报告由后台计算，尚未计算/).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    // Act: start, wait until it is under way, reload
    e2e.jobGate.hold();
    await page.getByRole('button', { name: '计算报告' }).click();
    const { before, after, jobId, jobIdAfter } = await reloadMidJob(page, /计算评分一致性/, e2e.jobGate);
    // Assess: the same job, not gone back; then the report with when and by whom
    expect(jobIdAfter).toBe(jobId);
    expect(after).toBeGreaterThanOrEqual(before);
    e2e.jobGate.release();
    await page.getByText(/^报告计算于 .+（王建华 发起）/).waitFor({ timeout: 90_000 });
    const banner = page.getByRole('status').filter({ hasText: '评分尺度偏差' });
    await banner.getByText(/郭敏：偏宽（评分尺度偏差）/).waitFor();
    await page.getByRole('table', { name: '评分人', exact: true }).waitFor();
    await page.getByRole('button', { name: '重新计算' }).waitFor();
    await checkA11y(page);
    await page.context().close();

    // A rater: their own line of the stored report, no computing.
    const own = await e2e.newPage();
    await signInAs(own, 'rater-jikong', '/results/consistency?year=2026');
    const line = own.getByRole('table', { name: '评分人', exact: true });
    await line.waitFor();
    expect(await line.locator('tbody tr').count()).toBe(1);
    expect(await own.getByRole('table', { name: '指标评分一致程度' }).count()).toBe(0);
    expect(await own.getByRole('button', { name: '重新计算' }).count()).toBe(0);
    await checkA11y(own);
  }, 240_000);
});
