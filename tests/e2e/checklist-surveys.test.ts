/**
 * The checklist (检查清单) and satisfaction survey (满意度测评) pages: the admin adds and edits an
 * item and sees a refused workbook's every bad cell with nothing imported; imports a survey CSV and
 * sees the rates; an inspector reads the checklist and a leader the surveys, without edit controls.
 */
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, checkA11y, type E2e, signInAs, startE2e } from './harness';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

const thisYear = new Date().getFullYear();
const FILE_LABEL = '选择要导入的文件（.xlsx 或 .csv，不超过 2 MB）';

const checklistWorkbook = async (rows: unknown[][]) => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('检查清单');
  sheet.addRow(['编号', '检查内容', '扣分', '扣分指标', '一票否决', '否决类别']);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
};

const rowOf = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });

/**
 * Opens a form and retypes one field as a quick user on a slow device does: clicks 修改, clicks into
 * the field and types before the browser has drawn another frame or run a timer (the page's clock,
 * installed before it loaded, stands still meanwhile). Focus that the form moved later than the
 * commit that drew it would land in between, and the typing in another field.
 */
const retypeRightAfterOpening = async (page: Page, opener: Locator, field: Locator, text: string) => {
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  await opener.click();
  await field.click();
  await page.clock.runFor(1_000);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
  await page.clock.resume();
};

describe('the checklist page', () => {
  it('lets the admin add, edit and import items, refusing a bad workbook whole', {
    timeout: 60_000,
  }, async () => {
    // Prepare
    const admin = await e2e.newPage();
    await admin.clock.install(); // for retypeRightAfterOpening
    await signInAs(admin, 'admin', '/checklist');
    await rowOf(admin, 'XF-01').waitFor();

    // Act 1: add an item.
    await admin.getByRole('button', { name: '新增检查项' }).click();
    await admin.getByLabel('编号').fill('XF-90');
    await admin.getByLabel('检查内容').fill('未公示收费标准');
    const points = admin.getByRole('textbox', { name: '扣分', exact: true });
    await points.fill('1.234');
    await admin.getByLabel('扣分指标').fill('3.2');
    await admin.getByRole('button', { name: '保存检查项' }).click();
    // The API's 400 detail (body.points) stands beside its field.
    await expect.poll(() => admin.locator('.field-error').textContent()).toContain('最多 2 位小数');
    await checkA11y(admin);
    await points.fill('0.5');
    await admin.getByRole('button', { name: '保存检查项' }).click();
    await expect.poll(() => admin.getByRole('status').first().textContent()).toContain('已新增检查项 XF-90');
    await expect.poll(() => rowOf(admin, 'XF-90').textContent()).toContain('0.50');

    // Act 2: edit its points right after opening the form (it failed once in CI: the typing went to 检查内容).
    await retypeRightAfterOpening(
      admin,
      admin.getByRole('button', { name: /^修改\s*检查项 XF-90$/ }),
      points,
      '1',
    );
    await admin.getByRole('button', { name: '保存修改' }).click();
    await expect.poll(() => rowOf(admin, 'XF-90').textContent()).toContain('1.00');
    expect(await rowOf(admin, 'XF-90').textContent()).toContain('未公示收费标准');

    // Act 3: someone else saves it while the form is open; the stale save is explained and reloaded.
    await admin.getByRole('button', { name: /^修改\s*检查项 XF-90$/ }).click();
    const otherAdmin = await apiAs(e2e, 'admin');
    await otherAdmin(`/api/years/${thisYear}/checklist/XF-90`, {
      method: 'PUT',
      body: { text: '未公示收费标准', points: 1.5, leafCode: '3.2', veto: false, version: 2 },
    });
    await points.fill('2');
    await admin.getByRole('button', { name: '保存修改' }).click();
    await expect.poll(() => admin.getByRole('alert').textContent()).toContain('已被他人修改');
    await admin.getByRole('button', { name: '重新加载最新内容' }).click();
    await expect.poll(() => points.inputValue()).toBe('1.5');
    await admin.getByRole('button', { name: '取消' }).click();

    // Act 4: import a workbook with one bad row.
    const workbook = await checklistWorkbook([
      ['XF-91', '乱收费', 2, '3.2', '', ''],
      ['XF-92', '扣分不是数字', '两分', '3.2', '', ''],
    ]);
    await admin.getByLabel(FILE_LABEL).setInputFiles({
      name: '检查清单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: workbook,
    });
    await admin.getByRole('button', { name: '导入检查清单' }).click();

    // Assess
    const alert = admin.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('第 3 行 · 扣分 · 应为数字');
    expect(await alert.textContent()).toContain('未导入任何内容');
    expect(await rowOf(admin, 'XF-91').count()).toBe(0);
    await checkA11y(admin);
  });

  it('shows an inspector the checklist read-only', { timeout: 30_000 }, async () => {
    const inspector = await e2e.newPage();
    await signInAs(inspector, 'inspector-jijian', '/checklist');
    await rowOf(inspector, 'LZ-03').waitFor();
    expect(await rowOf(inspector, 'LZ-03').textContent()).toContain('一票否决');
    expect(await inspector.getByRole('button', { name: '新增检查项' }).count()).toBe(0);
    expect(await inspector.getByLabel(FILE_LABEL).count()).toBe(0);
    await checkA11y(inspector);
  });
});

describe('the surveys page', () => {
  it('imports a valid CSV for a quarter, shows the rates and takes a correction', {
    timeout: 30_000,
  }, async () => {
    const admin = await e2e.newPage();
    await admin.clock.install(); // for retypeRightAfterOpening
    await signInAs(admin, 'admin', '/surveys');
    // 3.3 群众满意率 is assessed in Q4 only: no other period is offered for it.
    await expect
      .poll(() => admin.getByLabel('考核期').locator('option').allTextContents())
      .toEqual(['第四季度']);
    await expect.poll(() => rowOf(admin, '洛阳镇卫生院').textContent()).toMatch(/\d+\.\d{2}%/);
    await admin.getByLabel(FILE_LABEL).setInputFiles({
      name: 'survey.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('单位编号,调查人数,满意人数\nluoyang-thc,3,2\nhesha-thc,400,391\n', 'utf8'),
    });
    await admin.getByRole('button', { name: '导入测评结果' }).click();

    await expect.poll(() => rowOf(admin, '洛阳镇卫生院').textContent()).toContain('66.67%');
    expect(await rowOf(admin, '河沙镇卫生院').textContent()).toContain('97.75%');
    expect(await admin.getByRole('status').first().textContent()).toContain('已导入 2 个单位');
    await checkA11y(admin);

    // Then corrects one unit's result by hand.
    await retypeRightAfterOpening(
      admin,
      admin.getByRole('button', { name: /^修改\s*洛阳镇卫生院的测评结果$/ }),
      admin.getByRole('textbox', { name: '满意人数' }),
      '3',
    );
    await admin.getByRole('button', { name: '保存测评结果' }).click();
    await expect.poll(() => rowOf(admin, '洛阳镇卫生院').textContent()).toContain('100.00%');
  });

  it('shows the leader the results read-only', { timeout: 30_000 }, async () => {
    const leader = await e2e.newPage();
    await signInAs(leader, 'leader', '/surveys');
    await expect.poll(() => rowOf(leader, '洛阳镇卫生院').textContent()).toMatch(/\d+\.\d{2}%/);
    expect(await leader.getByRole('button', { name: '录入一个单位' }).count()).toBe(0);
    expect(await leader.getByLabel(FILE_LABEL).count()).toBe(0);
    await checkA11y(leader);
  });
});
