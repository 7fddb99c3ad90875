/**
 * Quarter-end evidence in the browser: a township reporter on a phone fills every Q4 value and
 * uploads two files (watching their progress bars), the unit head submits the period, and the
 * admin's progress matrix shows the unit as submitted. The server's clock is inside the Q4 window.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf, tinyPng } from '../../scripts/seed/demo-submissions';
import type { Worksheet } from '../../shared/schemas/submission';
import { apiAs, checkA11y, type E2e, signInAs, startE2e } from './harness';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const UNIT = 'luoyang-thc';
const SHEET = '/submissions?year=2026&period=Q4';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e({ now: () => new Date('2026-12-28T10:00:00+08:00') });
});
afterAll(async () => {
  await e2e?.stop();
});

/** A value that passes for the indicator's unit of measure. */
const valueFor = (indicator: Worksheet['rows'][number]['indicator']) => {
  switch (indicator.measure) {
    case 'rate':
      return '93.5';
    case 'count':
      return '2';
    case 'boolean':
      return 'true';
    case 'date':
      return '2026-12-15';
    default:
      return '12';
  }
};

/** Records every value the page's progress bars take, so a test can see that progress was shown. */
const watchProgress = (page: Page) =>
  page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { progressSeen: number[] }).progressSeen = seen;
    new MutationObserver(() => {
      for (const bar of document.querySelectorAll('progress')) seen.push(Number(bar.getAttribute('value')));
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['value'],
    });
  });

describe('quarter-end evidence in the browser', () => {
  it('reporter fills and uploads on a phone, the head submits, the admin sees it in the matrix', async () => {
    const sheet = await (await apiAs(e2e, `${UNIT}-reporter`))<Worksheet>(
      `/api/years/2026/units/${UNIT}/periods/Q4/worksheet`,
    );
    expect(sheet.window.state).toBe('open');

    // The reporter, on a phone, fills every indicator.
    const reporter = await e2e.newPage(PHONE);
    await signInAs(reporter, `${UNIT}-reporter`, SHEET);
    await reporter.goto(SHEET);
    await reporter.locator('.indicator-card').first().waitFor();
    for (const row of sheet.rows) {
      const card = reporter.locator(`section.indicator-card[data-code="${row.indicator.code}"]`);
      if (row.indicator.needsValue) {
        const control = card.locator('.item-form').locator('select, input').first();
        if (row.indicator.measure === 'boolean') await control.selectOption(valueFor(row.indicator));
        else await control.fill(valueFor(row.indicator));
      }
      await card.locator('textarea').first().fill(`${row.indicator.name}：已按要求完成，详见附件。`);
      await card.getByRole('button', { name: /^保存/ }).click();
      await card.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    }

    // Two files on the first indicator, a 3 MB scan on a slowed link so its progress shows.
    const first = reporter.locator(`section.indicator-card[data-code="${sheet.rows[0]!.indicator.code}"]`);
    const cdp = await reporter.context().newCDPSession(reporter);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: 4 * 1024 * 1024,
      uploadThroughput: 1024 * 1024,
    });
    await watchProgress(reporter);
    const scan = Buffer.concat([tinyPdf('scan'), Buffer.alloc(3 * 1024 * 1024, 0x20)]);
    await first.locator('input[type="file"]').setInputFiles([
      { name: '建档统计报表（盖章）.pdf', mimeType: 'application/pdf', buffer: scan },
      { name: '入户随访照片.png', mimeType: 'image/png', buffer: tinyPng(64, 48) },
    ]);
    await first.locator('progress').first().waitFor();
    await first
      .getByRole('button', { name: '建档统计报表（盖章）.pdf', exact: true })
      .waitFor({ timeout: 20_000 });
    await first.getByRole('button', { name: '入户随访照片.png', exact: true }).waitFor();
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    const seen = await reporter.evaluate(
      () => (window as unknown as { progressSeen: number[] }).progressSeen,
    );
    expect(seen.some((v) => v > 0 && v < 100)).toBe(true);
    expect(await first.locator('progress').count()).toBe(0);
    expect(await reporter.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
      true,
    );
    await checkA11y(reporter);
    // A reporter cannot submit: the head does.
    expect(await reporter.getByRole('button', { name: '提交本期材料' }).count()).toBe(0);
    await reporter.context().close();

    // The unit head submits the period.
    const head = await e2e.newPage();
    await signInAs(head, `${UNIT}-head`, SHEET);
    await head.goto(SHEET);
    await head.getByRole('button', { name: '提交本期材料' }).click();
    await head.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
    await head.getByText(`已提交：${sheet.rows.length} 项`).waitFor();
    await head
      .locator('.indicator-card .status-submitted')
      .nth(sheet.rows.length - 1)
      .waitFor();
    expect(await head.locator('.indicator-card .status-submitted').count()).toBe(sheet.rows.length);
    expect(await head.getByRole('button', { name: /^保存/ }).count()).toBe(0);
    // The evidence viewer shows an image inline from its short-lived link.
    await head.getByRole('button', { name: '入户随访照片.png', exact: true }).click();
    await head.getByRole('dialog', { name: '查看材料：入户随访照片.png' }).waitFor();
    await head.waitForFunction(
      () => (document.querySelector('.evidence-viewer img') as HTMLImageElement | null)?.naturalWidth === 64,
    );
    await head.getByRole('dialog').getByRole('button', { name: '关闭' }).click();
    await head.context().close();

    // The admin's matrix shows the unit as submitted.
    const admin = await e2e.newPage();
    await signInAs(admin, 'admin', '/progress');
    await admin.goto('/progress');
    await admin.locator('#progress-period').selectOption('Q4');
    const row = admin.locator(`tr[data-unit="${UNIT}"]`);
    await row.locator('td.status-submitted').first().waitFor();
    expect(await row.locator('td.status-submitted').count()).toBe(sheet.rows.length);
    expect(await row.locator('td.status-missing').count()).toBe(0);
    expect(await row.textContent()).toContain(`0 / ${sheet.rows.length}`);
    await checkA11y(admin);
    await admin.context().close();
  }, 90_000);

  it('offers a rater only the units assigned to them, and says when there are none', async () => {
    // Assess: rater-fuyou has no assignment this year; rater-jiceng rates every unit
    const idle = await e2e.newPage();
    await signInAs(idle, 'rater-fuyou', SHEET);
    await idle.getByText('本年度尚未分派给您任何单位').waitFor();
    await idle.context().close();
    const rater = await e2e.newPage();
    await signInAs(rater, 'rater-jiceng', SHEET);
    await rater.locator('.indicator-card').first().waitFor();
    await checkA11y(rater);
    await rater.context().close();
  }, 60_000);
});
