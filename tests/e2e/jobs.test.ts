/**
 * A job in the browser: the admin exports the results, reloads the page while the job runs and sees
 * the same job's progress (its id is in the address), then downloads the workbook; axe passes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, type E2e, signInAs, startE2e } from './harness';

describe('后台任务', () => {
  let e2e: E2e;

  beforeAll(async () => {
    // A pause after each stored progress, so the small demo's export runs for a few seconds.
    e2e = await startE2e({ now: () => new Date('2026-11-26T10:00:00+08:00'), jobPaceMs: 1_500 });
  }, 240_000);

  afterAll(async () => {
    await e2e?.stop();
  });

  it('shows the same progress after a reload in the middle, then the download link', async () => {
    // Prepare
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/results?year=2026');
    await page.getByRole('table').first().waitFor();
    // Act: start the export and wait until it is under way
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const bar = page.getByRole('progressbar', { name: /导出考核结果/ });
    await expect
      .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 })
      .toBeGreaterThan(0);
    const before = Number(await bar.getAttribute('aria-valuenow'));
    const jobId = new URL(page.url()).searchParams.get('job');
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    await checkA11y(page);
    await page.reload();
    // Assess: the same job, its progress not gone back
    await bar.waitFor();
    expect(new URL(page.url()).searchParams.get('job')).toBe(jobId);
    const after = Number(await bar.getAttribute('aria-valuenow'));
    expect(after).toBeGreaterThanOrEqual(before);
    expect(await page.getByRole('link', { name: /^下载/ }).count()).toBe(after === 100 ? 1 : 0);
    const link = page.getByRole('link', { name: /^下载 2026年度考核结果-Q\d\.xlsx$/ });
    await link.waitFor({ timeout: 60_000 });
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^2026年度考核结果-Q\d\.xlsx$/);
    await checkA11y(page);
    await page.context().close();
  }, 180_000);
});
