/**
 * The agreement cycle in the browser: the admin imports a template workbook (a refused one first,
 * showing the bad cell), generates and issues a category's agreements; a unit head signs; the admin
 * amends the agreement and approves it; the unit head sees what changed and signs again; the
 * printed agreement carries the signature.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATEGORIES, DEMO_UNITS } from '../../scripts/seed/demo-org';
import { demoTemplate } from '../../scripts/seed/demo-templates';
import { demoYear } from '../../scripts/seed/demo-year';
import { seedYear } from '../../shared/db/year-repo';
import { writeTemplateWorkbook } from '../../shared/excel/write-template-workbook';
import { checkA11y, type E2e, signInAs, startE2e } from './harness';

/** Next year: set up, with no templates yet (this year's agreements are seeded signed). */
const YEAR = new Date().getFullYear() + 1;

let e2e: E2e;
let dir: string;
let goodWorkbook: string;
let badWorkbook: string;

beforeAll(async () => {
  e2e = await startE2e();
  await seedYear(e2e.stack.db, demoYear(YEAR, 'setup'));
  dir = mkdtempSync(join(tmpdir(), 'kaoping-e2e-workbook-'));
  const bytes = await writeTemplateWorkbook({
    year: YEAR,
    categories: DEMO_CATEGORIES,
    units: DEMO_UNITS,
    templates: [{ ...demoTemplate(YEAR, 'primary-care') }],
  });
  goodWorkbook = join(dir, '指标模板.xlsx');
  writeFileSync(goodWorkbook, bytes);
  // The same workbook with one weight changed: the category no longer sums to 100.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  wb.getWorksheet('指标模板')!.getCell('E3').value = 6;
  badWorkbook = join(dir, '指标模板-有误.xlsx');
  writeFileSync(badWorkbook, new Uint8Array(await wb.xlsx.writeBuffer()));
});
afterAll(async () => {
  await e2e?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('agreements in the browser', () => {
  it('runs import → generate → issue → sign → amend → approve → diff → sign again', async () => {
    // The admin imports the template workbook: a refused one names the cell, the good one imports.
    const admin = await e2e.newPage();
    await signInAs(admin, 'admin', `/templates?year=${YEAR}`);
    await admin.getByRole('heading', { level: 1, name: '指标模板' }).waitFor();
    await admin.getByLabel('选择要导入的工作簿').setInputFiles(badWorkbook);
    await admin.getByRole('button', { name: '导入工作簿' }).click();
    const errors = admin.getByRole('table', { name: /工作簿中的错误/ });
    await errors.waitFor();
    expect(await errors.getByRole('row').nth(1).locator('td').allTextContents()).toEqual([
      '指标模板',
      '15',
      'E',
      '（分值）：类别“基层医疗卫生机构”：指标分值合计为 98.00，应为 100',
    ]);
    await admin.getByLabel('选择要导入的工作簿').setInputFiles(goodWorkbook);
    await admin.getByRole('button', { name: '导入工作簿' }).click();
    await admin.getByRole('status').filter({ hasText: '已导入 1 个类别' }).waitFor();
    // The table reloads after the import's status shows: wait for the new template's row.
    await admin.getByRole('row', { name: /基层医疗卫生机构.*14 项指标，合计 100\.00 分/ }).waitFor();

    // The admin generates and issues the category's agreements.
    await admin.goto(`/agreements?year=${YEAR}`);
    await admin.getByRole('button', { name: '按模板生成基层医疗卫生机构责任书' }).click();
    await admin.getByRole('button', { name: '确认生成' }).click();
    await admin.getByRole('status').filter({ hasText: '新生成 14 份' }).waitFor();
    await admin.getByRole('button', { name: '下达全部草稿（14 份）' }).click();
    await admin.getByRole('button', { name: '确认下达' }).click();
    await admin.getByRole('status').filter({ hasText: '已下达 14 份责任书' }).waitFor();

    // The unit head reads the agreement and signs it with their name.
    const head = await e2e.newPage();
    await signInAs(head, 'luoyang-thc-head', `/agreements?year=${YEAR}`);
    await head.getByRole('link', { name: '洛阳镇卫生院' }).click();
    await head.getByRole('heading', { level: 1, name: `洛阳镇卫生院 · ${YEAR}年度目标责任书` }).waitFor();
    await checkA11y(head);
    await head.getByRole('button', { name: '签订责任书' }).click();
    // The hash is there to verify, folded under 详情, not the first thing a signer reads.
    const signDialog = head.getByRole('dialog');
    expect(await signDialog.locator('code.hash').isVisible()).toBe(false);
    await signDialog.getByText('详情：核验码').click();
    expect(await signDialog.locator('code.hash').isVisible()).toBe(true);
    // A wrong name keeps the dialog open, with the error at the field.
    await head.getByLabel('请输入本人姓名').fill('韩春');
    await head.getByRole('button', { name: '确认签订' }).click();
    const nameField = head.getByRole('dialog').getByLabel('请输入本人姓名');
    await expect.poll(() => nameField.getAttribute('aria-invalid')).toBe('true');
    expect(await head.getByRole('dialog').locator('.field-error').textContent()).toContain(
      '请输入本人姓名“韩春生”',
    );
    await nameField.fill('韩春生');
    await head.getByRole('button', { name: '确认签订' }).click();
    await head.getByRole('status').filter({ hasText: '已签订责任书' }).waitFor();
    expect(await head.locator('.page-lead .state-badge').textContent()).toBe('已签订');

    // The admin amends the signed agreement and approves the amendment.
    await admin.goto(`/agreements/${YEAR}/luoyang-thc`);
    await admin.getByRole('button', { name: '提出变更' }).click();
    await admin.getByLabel('新农合参合率 本单位目标值').fill('88');
    await admin.getByLabel('变更理由').fill('县政府调整新农合参合任务');
    await admin.getByLabel('自哪个考核期起执行').selectOption('Q3');
    await admin.getByRole('button', { name: '提交变更' }).click();
    await admin.getByRole('heading', { name: '待审批的变更' }).waitFor();
    await admin.getByText('自第三季度起执行，此前各期仍按第 1 版计分').waitFor();
    await admin.getByRole('button', { name: '批准变更' }).click();
    await admin.getByRole('button', { name: '批准', exact: true }).click();
    await admin.getByRole('status').filter({ hasText: '已批准变更' }).waitFor();

    // The unit head is asked on the home page to sign the amended agreement, sees what changed, and signs.
    await head.goto('/');
    await head.getByRole('link', { name: '签订变更后的责任书' }).click();
    await head.getByRole('heading', { level: 1, name: `洛阳镇卫生院 · ${YEAR}年度目标责任书` }).waitFor();
    const diff = head.getByRole('region', { name: '第 1 版 → 第 2 版的变化' });
    await diff.waitFor();
    expect(await diff.textContent()).toContain('新农合参合率');
    expect(await diff.locator('li li').first().textContent()).toBe('目标值：90% → 88%');
    await head.getByRole('button', { name: '签订责任书' }).click();
    await head.getByLabel('请输入本人姓名').fill('韩春生');
    await head.getByRole('button', { name: '确认签订' }).click();
    await head.getByRole('status').filter({ hasText: '已签订责任书' }).waitFor();
    const versions = head.getByRole('table', { name: '版本记录' });
    // The table re-renders after signing: wait for the new revision's row rather than count once.
    await expect.poll(() => versions.getByRole('row').count(), { timeout: 15_000 }).toBe(3);
    expect(await versions.textContent()).toContain('县政府调整新农合参合任务');

    // The printed agreement: title, parties, the table, and the signature.
    await head.goto(`/agreements/${YEAR}/luoyang-thc/print`);
    await head.getByRole('heading', { level: 1, name: `${YEAR}年度清河县卫生健康目标管理责任书` }).waitFor();
    await head.emulateMedia({ media: 'print' });
    const text = await head.locator('.agreement-print').textContent();
    expect(text).toContain('甲方：清河县卫生健康局');
    expect(text).toContain('乙方：洛阳镇卫生院');
    expect(text).toContain('每低于目标 1 个百分点扣 2 分');
    expect(
      await head.locator('.signature-block').nth(1).locator('.signature-line').first().textContent(),
    ).toBe('韩春生');
    expect(await head.locator('.app-header').isVisible()).toBe(false);

    // The list says, per category, how many units have signed.
    await admin.goto(`/agreements?year=${YEAR}`);
    const signedCount = admin.locator('h2 .count').filter({ hasText: /已签 1 \/ \d+/ });
    await signedCount.first().waitFor();
    await admin.context().close();
    await head.context().close();
  }, 120_000);
});
