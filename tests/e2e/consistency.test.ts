/**
 * 评分一致性 in the browser: the leader opens it from 考核结果 on a phone, reads 2025's raters,
 * indicators and the explanation, and axe passes; a rater sees only their own line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, type E2e, signInAs, startE2e } from './harness';

describe('评分一致性', () => {
  let e2e: E2e;

  beforeAll(async () => {
    e2e = await startE2e({ now: () => new Date('2026-11-26T10:00:00+08:00') });
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
  });
});
