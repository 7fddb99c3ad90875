import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Unit } from '../../shared/schemas/org';
import { apiAs, checkA11y, type E2e, signInAs, startE2e } from './harness';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

describe.concurrent('unit management', () => {
  it('lets the admin add a unit and shows it under its category', async ({ expect }) => {
    // Prepare
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/units');
    await page.getByRole('link', { name: '新增单位' }).click();
    await page.getByRole('heading', { level: 1, name: '新增单位' }).waitFor();

    // Act
    await page.getByLabel('单位编号').fill('xinzhuang-thc');
    await page.getByLabel('单位名称').fill('新庄镇卫生院');
    await page.getByLabel('单位类别').selectOption({ label: '基层医疗卫生机构' });
    await page.getByLabel('单位负责人').fill('王丽');
    await page.getByLabel('联系人 1 姓名').fill('王丽');
    await page.getByLabel('联系人 1 电话').fill('0531-8523099');
    await page.getByRole('button', { name: '新增单位' }).click();

    // Assess
    await page.getByRole('heading', { level: 1, name: '单位管理' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: '已新增单位' }).textContent()).toBe(
      '已新增单位：新庄镇卫生院',
    );
    const primaryCare = page.getByRole('region', { name: /基层医疗卫生机构/ });
    expect(await primaryCare.getByRole('row', { name: /新庄镇卫生院/ }).textContent()).toContain(
      '0531-8523099',
    );
    await page.getByLabel('搜索单位').fill('新庄');
    expect(await page.locator('#unit-search-count').textContent()).toBe('找到 1 个单位');
    await page.context().close();
  });

  it('shows a bad phone number next to its field, linked for screen readers', async ({ expect }) => {
    // Prepare
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/units/new');
    await page.getByLabel('单位编号').waitFor();

    // Act
    await page.getByLabel('单位编号').fill('bad-phone-thc');
    await page.getByLabel('单位名称').fill('试验镇卫生院');
    await page.getByLabel('单位负责人').fill('李明');
    await page.getByLabel('联系人 1 姓名').fill('李明');
    await page.getByLabel('联系人 1 电话').fill('电话待定');
    await page.getByRole('button', { name: '新增单位' }).click();

    // Assess
    const phone = page.getByLabel('联系人 1 电话');
    await page.getByRole('alert').waitFor();
    expect(await page.locator('#unit-contacts-0-phone-error').textContent()).toBe('错误：电话号码格式不正确');
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    expect(await phone.getAttribute('aria-describedby')).toContain('unit-contacts-0-phone-error');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('unit-contacts-0-phone');
    expect(await page.getByRole('alert').getByRole('link').allTextContents()).toEqual([
      '第 1 位联系人的电话：电话号码格式不正确',
    ]);
    expect(new URL(page.url()).pathname).toBe('/units/new');
    await checkA11y(page);
    await page.context().close();
  });

  it('says when someone else saved the unit first, and reloads it on request', async ({ expect }) => {
    // Prepare: the admin opens the CDC, then a colleague saves it
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/units/cdc/edit');
    const head = page.getByLabel('单位负责人');
    await head.waitFor();
    const api = await apiAs(e2e, 'admin2');
    const cdc = await api<Unit>('/api/units/cdc');
    const { id: _id, ...rest } = cdc;
    await api('/api/units/cdc', { method: 'PUT', body: { ...rest, head: '陈卫国' } });

    // Act
    await head.fill('陈新民');
    await page.getByRole('button', { name: '保存修改' }).click();

    // Assess
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('数据已被他人修改，请刷新后重试');
    await alert.getByRole('button', { name: /重新加载/ }).click();
    await expect.poll(() => head.inputValue()).toBe('陈卫国');
    expect(await page.getByRole('status').textContent()).toContain('已载入最新数据');
    await page.context().close();
  });

  it('passes axe (WCAG 2 A/AA) on the units list and the unit form', async () => {
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/units');
    await page.locator('.data-table').first().waitFor();
    await checkA11y(page);

    await page.getByRole('link', { name: '新增单位' }).click();
    await page.getByLabel('单位编号').waitFor();
    await checkA11y(page);
    await page.context().close();
  });
});
