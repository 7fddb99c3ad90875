/**
 * The admin's and leaders' lists at county scale: search by unit name and filters with counts on
 * 目标责任书, 上报进度, 考核结果 and 检查记录; "已签 x / y" and 提醒签订 (the unit head gets the notice, once a
 * day); units without a signed agreement shown on 上报进度; proposals decided on 加减分与否决.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { seedUnit } from '../../shared/db/org-repo';
import { newUnit, seedUnsignedUnit } from '../api/unsigned-unit';
import { checkA11y, type E2e, signInAs, startE2e } from './harness';

const YEAR = new Date().getFullYear();

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
  // Two units joined this year: 新湖 has an issued agreement not yet signed, 北湖 none at all.
  await seedUnsignedUnit(e2e.stack.db, YEAR, new Date());
  await seedUnit(e2e.stack.db, newUnit('beihu-thc', '北湖镇卫生院'));
}, 240_000);
afterAll(async () => {
  await e2e?.stop();
});

describe.concurrent('lists for the admin and leaders', { timeout: 120_000 }, () => {
  it('finds an agreement by unit name and state, and counts what is shown', async ({ expect }) => {
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/agreements');
    const primary = page.getByRole('heading', { level: 2, name: /基层医疗卫生机构/ });
    await expect.poll(() => primary.textContent()).toContain('已签 14 / 15');

    await page.getByLabel('查找单位').fill('河沙');
    await expect.poll(() => page.locator('.filter-count').textContent()).toContain('显示 1 / 26 份');
    expect(await page.locator('tbody tr').allTextContents()).toEqual([
      expect.stringContaining('河沙镇卫生院'),
    ]);

    await page.getByLabel('查找单位').fill('');
    await page.getByLabel('状态', { exact: true }).selectOption('issued');
    await expect.poll(() => page.locator('.filter-count').textContent()).toContain('显示 1 / 26 份');
    expect(await page.locator('tbody tr').allTextContents()).toEqual([
      expect.stringContaining('新湖镇卫生院'),
    ]);
    await checkA11y(page);
    await page.context().close();
  });

  it('reminds the heads of unsigned agreements once a day, and the head reads the notice', async ({
    expect,
  }) => {
    const admin = await e2e.newPage();
    await signInAs(admin, 'admin', '/agreements');
    const remind = admin.getByRole('button', { name: /^提醒签订\s*基层医疗卫生机构\s*（1 份未签）$/ });
    await remind.click();
    const dialog = admin.getByRole('dialog', { name: '提醒签订目标责任书？' });
    await dialog.getByRole('button', { name: '发送提醒' }).click();
    await expect.poll(() => admin.getByRole('status').first().textContent()).toContain('已提醒 1 个单位');
    await remind.click();
    await dialog.getByRole('button', { name: '发送提醒' }).click();
    await expect.poll(() => admin.getByRole('status').first().textContent()).toContain('今天已提醒过');

    const head = await e2e.newPage();
    await signInAs(head, 'xinhu-thc-head', '/notifications');
    const notes = head.getByRole('listitem').filter({ hasText: '请签订' });
    await expect.poll(() => notes.count()).toBe(1);
    expect(await notes.first().textContent()).toContain(`${YEAR} 年度目标管理责任书`);
    await admin.context().close();
    await head.context().close();
  });

  it('shows on 上报进度 the units without a signed agreement, and finds a unit by name', async ({
    expect,
  }) => {
    const page = await e2e.newPage();
    await signInAs(page, 'leader', '/progress');
    const unsigned = page.getByRole('table', { name: '未签订责任书的单位' });
    await expect
      .poll(() => unsigned.locator('tbody tr').allTextContents())
      .toEqual([
        expect.stringMatching(/北湖镇卫生院.*未生成/),
        expect.stringMatching(/新湖镇卫生院.*已下达，待签订/),
      ]);

    await page.getByLabel('查找单位').fill('河沙');
    const matrix = page.getByRole('table', { name: '各单位指标上报状态' });
    await expect.poll(() => matrix.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('.filter-count').textContent()).toMatch(/显示 1 \/ \d+ 个单位/);
    await checkA11y(page);
    await page.context().close();
  });

  it('finds results by unit name and grade', async ({ expect }) => {
    const page = await e2e.newPage();
    await signInAs(page, 'leader', `/results?year=${YEAR - 1}&asOf=Q4`);
    await page.getByRole('table', { name: /县级医疗机构排名/ }).waitFor();
    await page.getByLabel('等级', { exact: true }).selectOption('不合格');
    await expect
      .poll(() => page.locator('.results-category tbody tr').allTextContents())
      .toEqual([expect.stringContaining('清河县铁路医院')]);
    expect(await page.locator('.filter-count').textContent()).toMatch(/显示 1 \/ 25 个单位/);
    await page.getByLabel('等级', { exact: true }).selectOption('');
    await page.getByLabel('查找单位').fill('镇卫生院');
    await expect.poll(() => page.locator('.results-category tbody tr').count()).toBeGreaterThan(5);
    const names = await page.locator('.results-category tbody tr').allTextContents();
    expect(names.filter((text) => !text.includes('镇卫生院'))).toEqual([]);
    await checkA11y(page);
    await page.context().close();
  });

  it('finds the year’s inspection records by unit name and state', async ({ expect }) => {
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/inspections');
    const records = page.getByRole('table', { name: '本年度检查记录' });
    await expect.poll(() => records.locator('tbody tr').count()).toBeGreaterThan(2);
    await page.getByLabel('查找单位').fill('洛阳');
    await expect
      .poll(() => records.locator('tbody tr').allTextContents())
      .toEqual([expect.stringContaining('洛阳镇卫生院')]);
    expect(await page.locator('.filter-count').textContent()).toMatch(/显示 1 \/ \d+ 条/);
    await page.getByLabel('查找单位').fill('');
    await page.locator('#year-inspections-choice').selectOption('submitted');
    await expect
      .poll(() => records.locator('tbody tr').allTextContents())
      .toEqual([expect.stringContaining('漕河镇卫生院')]);
    await checkA11y(page);
    await page.context().close();
  });

  it('shows a leader the year’s figures and the dashboard first on the home page', async ({ expect }) => {
    const page = await e2e.newPage();
    await signInAs(page, 'leader', '/');
    const figures = page.getByRole('region', { name: '本年度概况' });
    await expect.poll(() => figures.textContent()).toContain('已提交');
    const text = await figures.textContent();
    expect(text).toMatch(/优秀 \d+（上年 \d+）/);
    expect(text).toMatch(/预警单位（得分率低于 60%）\d+ 个/);
    expect(text).toContain('2 个单位未签订责任书');
    await page.getByRole('heading', { level: 2, name: '领导看板' }).waitFor();
    const order = await page.evaluate(() =>
      [...document.querySelectorAll('h2')]
        .map((h) => h.textContent)
        .filter((t) => t === '领导看板' || t === '现在要做的事'),
    );
    expect(order).toEqual(['领导看板', '现在要做的事']);
    await checkA11y(page);
    await page.context().close();
  });

  it('puts the proposals to decide under 加减分与否决, the inspections under 检查记录', async ({
    expect,
  }) => {
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/proposals');
    await page.getByRole('heading', { level: 2, name: '提议审批' }).waitFor();
    await page.goto('/inspections');
    await page.getByRole('heading', { level: 2, name: '检查记录审核' }).waitFor();
    expect(await page.getByText('没有待审批的加分、减分或一票否决提议').count()).toBe(0);
    expect(await page.getByRole('table', { name: '待审批的提议' }).count()).toBe(0);
    await page.context().close();
  });
});
