/**
 * 考核结果 in the browser: the leader reads last year's ranking (the vetoed hospital last), this
 * year's quarter view with its 预警 list, and one unit's score report; a unit head sees only their
 * own unit; axe passes on both pages; and the page fits a 375 px phone.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, type E2e, signInAs, startE2e } from './harness';

const noPageScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('考核结果', () => {
  let e2e: E2e;

  beforeAll(async () => {
    // The stack seeds 2025 (published) and 2026's scored quarters; the 2026 windows are Q1–Q3 open.
    e2e = await startE2e({ now: () => new Date('2026-11-26T10:00:00+08:00') });
  }, 240_000);

  afterAll(async () => {
    await e2e?.stop();
  });

  it('the leader reads the 2025 ranking, the 2026 Q3 预警 list and a unit’s score report', async () => {
    const page = await e2e.newPage({ viewport: { width: 375, height: 800 } });
    await signInAs(page, 'leader', '/');
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('link', { name: '考核结果' }).first().click();
    await page.getByRole('heading', { level: 1, name: '考核结果' }).waitFor();

    // 2025, full year: the vetoed hospital is last in its category, marked with the reason.
    await page.getByLabel('考核年度').selectOption('2025');
    await expect.poll(() => page.getByLabel('截至').inputValue()).toBe('Q4');
    const county = page.getByRole('table', { name: /县级医疗机构排名/ });
    await county.waitFor();
    const rows = county.locator('tbody tr');
    const last = rows.nth((await rows.count()) - 1);
    await expect.poll(() => last.textContent()).toContain('清河县铁路医院');
    expect(await last.textContent()).toContain('一票否决');
    expect(await page.getByRole('button', { name: '导出 Excel' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: /公布页面/ }).getAttribute('href')).toBe('/rankings/');
    // The leader does not publish.
    expect(await page.getByRole('button', { name: /发布/ }).count()).toBe(0);
    await page.getByRole('heading', { name: '已发布版本' }).waitFor();
    await page
      .getByText(/SHA-256：/)
      .first()
      .waitFor();
    // Charts: images labelled with their data.
    const gradeChart = page.getByRole('img', { name: /各类别等级分布/ });
    await gradeChart.waitFor();
    expect(await gradeChart.getAttribute('aria-label')).toMatch(/县级医疗机构：优秀 \d+ 个/);
    await page.getByRole('img', { name: /季度趋势/ }).waitFor();
    expect(await noPageScroll(page)).toBe(true);
    await checkA11y(page);

    // 2026 as of Q3: the score rate column and the 预警 list.
    await page.getByLabel('考核年度').selectOption('2026');
    await page.getByLabel('截至').selectOption('Q3');
    const warning = page.getByRole('region', { name: '预警：以下单位本季度得分率低于 60%' });
    await warning.waitFor();
    expect(await warning.getByRole('listitem').count()).toBeGreaterThan(0);
    await page.getByRole('columnheader', { name: '得分率' }).first().waitFor();
    // Partial points are graded on the score rate, and the header says so; so does the chart.
    await page.getByRole('columnheader', { name: '预计等级（按得分率）' }).first().waitFor();
    await page.getByRole('img', { name: /各类别预计等级（按得分率）分布/ }).waitFor();
    expect(await noPageScroll(page)).toBe(true);
    await checkA11y(page);

    // 洛阳镇卫生院's score report: explanations of every indicator.
    await page.getByRole('link', { name: '洛阳镇卫生院' }).first().click();
    await page.getByRole('heading', { level: 1, name: '洛阳镇卫生院考核结果' }).waitFor();
    expect(page.url()).toContain('/results/units/luoyang-thc?year=2026&asOf=Q3');
    await page.getByText('计分说明').first().waitFor();
    await page.getByText('评分标准').first().waitFor();
    expect(await page.locator('.leaf').count()).toBeGreaterThan(3);
    expect(await page.locator('.leaf-facts dd').nth(2).textContent()).not.toBe('');
    await page.getByRole('button', { name: '打印' }).waitFor();
    await page.locator('details summary').first().click();
    expect(await noPageScroll(page)).toBe(true);
    await checkA11y(page);
    await page.context().close();
  }, 180_000);

  it('a unit head sees only their own unit and its report', async () => {
    const page = await e2e.newPage();
    await signInAs(page, 'luoyang-thc-head', '/results');
    await page.getByRole('heading', { level: 1, name: '考核结果' }).waitFor();
    const tables = page.getByRole('table');
    await tables.first().waitFor();
    expect(await tables.count()).toBe(1);
    const rows = tables.first().locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('洛阳镇卫生院');
    expect(await page.getByRole('button', { name: '导出 Excel' }).count()).toBe(0);
    expect(await page.getByRole('img').count()).toBe(0);
    await checkA11y(page);

    await rows.first().getByRole('link', { name: '洛阳镇卫生院' }).click();
    await page.getByRole('heading', { level: 1, name: '洛阳镇卫生院考核结果' }).waitFor();
    await page.getByText('计分说明').first().waitFor();
    await checkA11y(page);

    // Another unit's report is refused by the API and said so.
    await page.goto('/results/units/railway-hospital?year=2026');
    await page.getByRole('alert').waitFor();
    await page.context().close();
  }, 120_000);

  it('the admin exports the Excel and publishes a correction of 2025 only with a reason', async () => {
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/results?year=2025');
    await page.getByRole('table', { name: /县级医疗机构排名/ }).waitFor();

    // The workbook is made by a job: its progress shows, then the link to the file.
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const link = page.getByRole('link', { name: '下载 2025年度考核结果-Q4.xlsx' });
    await link.waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('2025年度考核结果-Q4.xlsx');

    await page.getByRole('button', { name: '发布更正版' }).click();
    const dialog = page.getByRole('dialog', { name: /更正版/ });
    await dialog.getByText(/不可更改的快照/).waitFor();
    await dialog.getByRole('button', { name: '发布更正版' }).click();
    await dialog.getByText('请填写更正理由（至少 4 个字）').waitFor();
    expect(await dialog.getByLabel('更正理由').getAttribute('aria-invalid')).toBe('true');
    await checkA11y(page);
    await dialog.getByLabel('更正理由').fill('更正一项核定数据录入错误');
    await dialog.getByRole('button', { name: '发布更正版' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /已发布第 \d+ 版/ })
      .waitFor();
    await page.getByText(/更正第 \d+ 版：更正一项核定数据录入错误/).waitFor();
    await page.context().close();
  }, 120_000);
});
