/**
 * 评分一致性 in the browser: the leader opens it from 考核结果 on a phone, reads 2025's raters,
 * indicators and the explanation, and axe passes; a rater sees only their own line. The admin sees
 * this year's lenient rater flagged, in the table and the chart, exports the report (an export job,
 * then its download link), and once the year is in 集中评分 the checklist of 进入结果公示 warns of
 * that rater.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LENIENT_RATER } from '../../scripts/seed/demo-facts';
import { advanceYear, afterWindows } from '../api/year-steps';
import { checkA11y, type E2e, signInAs, startE2e, stepApiOf } from './harness';

describe('评分一致性', () => {
  let e2e: E2e;
  // The server's clock: the demo's late-November day, moved past the windows by the last test.
  let clock = new Date('2026-11-26T10:00:00+08:00');

  beforeAll(async () => {
    e2e = await startE2e({ now: () => clock });
  }, 240_000);

  afterAll(async () => {
    await e2e?.stop();
  });

  it('the leader reads every rater’s line on a phone; a rater reads only their own', async () => {
    // Prepare
    const page = await e2e.newPage({ viewport: { width: 375, height: 800 } });
    await signInAs(page, 'leader', '/results');

    // Act
    await page.getByRole('link', { name: '评分一致性' }).click();
    await page.getByRole('heading', { level: 1, name: '评分一致性' }).waitFor();
    await page.getByLabel('考核年度').selectOption('2025');

    // Assess
    const raters = page.getByRole('table', { name: '评分人', exact: true });
    await raters.waitFor();
    expect(await raters.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    await page.getByRole('table', { name: '指标评分一致程度' }).waitFor();
    await page.getByText('各项统计的含义').click();
    await page.getByText(/减去同一项其他评分人的平均分/).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await checkA11y(page);

    // A rater: their own line, no indicator table.
    const own = await e2e.newPage();
    await signInAs(own, 'rater-jikong', '/results/consistency');
    await own.getByLabel('考核年度').selectOption('2025');
    const line = own.getByRole('table', { name: '评分人', exact: true });
    await line.waitFor();
    expect(await line.locator('tbody tr').count()).toBe(1);
    expect(await own.getByRole('table', { name: '指标评分一致程度' }).count()).toBe(0);
    await checkA11y(own);
  }, 120_000);

  it('the admin sees the lenient rater flagged, exports the report, and the publicity checklist warns', async () => {
    // Prepare
    const admin = await e2e.newPage();
    await signInAs(admin, 'admin', '/results/consistency?year=2026');
    await admin.getByLabel('考核年度').selectOption('2026');

    // Act & Assess: the flag, in the banner, the table and the chart's words.
    const banner = admin.getByRole('status').filter({ hasText: '评分尺度偏差' });
    await banner.getByText(/郭敏：偏宽（评分尺度偏差），宽严偏差 \+\d+\.\d\d %/).waitFor();
    const raters = admin.getByRole('table', { name: '评分人', exact: true });
    expect(await raters.getByRole('row', { name: /郭敏/ }).textContent()).toContain('偏宽');
    expect(await raters.locator('tbody tr').filter({ hasText: '评分尺度偏差' }).count()).toBe(1);
    const chart = admin.getByRole('img', { name: /各评分人宽严偏差/ });
    expect(await chart.getAttribute('aria-label')).toMatch(/郭敏 \+\d+(\.\d+)?%（评分尺度偏差）/);
    await admin.locator('.chart canvas').first().waitFor();
    await checkA11y(admin);

    // The export: a job, whose progress ends in the download link.
    await admin.getByRole('button', { name: '导出 Excel' }).click();
    const link = admin.getByRole('link', { name: '下载 2026年度全年评分一致性.xlsx' });
    await link.waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([admin.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('2026年度全年评分一致性.xlsx');

    // The year moves into 集中评分 (windows closed); the checklist of 进入结果公示 warns of the rater.
    clock = afterWindows(2026);
    await advanceYear(
      stepApiOf(e2e, (date) => {
        clock = date;
      }),
      2026,
      'scoring',
    );
    await admin.goto('/year');
    const checklist = admin.getByRole('region', { name: '进入结果公示前的检查' });
    await checklist.getByText(/评分尺度偏差：1 位评分人.*郭敏（偏宽）/).waitFor();
    await checklist.getByRole('link', { name: '评分一致性' }).waitFor();
    await checkA11y(admin);
    expect(LENIENT_RATER.raterId).toBe('rater-jikong');
  }, 180_000);
});
