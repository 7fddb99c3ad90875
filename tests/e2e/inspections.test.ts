/**
 * An inspection from the phone to closure: an inspector records it with a photo (phone-sized page),
 * the admin sees the photo and approves after confirming, the unit answers the rectification order
 * with an evidence file, the inspector sees the file and closes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf, tinyPng } from '../../scripts/seed/demo-submissions';
import { checkA11y, type E2e, signInAs, startE2e } from './harness';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

const UNIT = '新兖中心卫生院';
const thisYear = new Date().getFullYear();

describe('an inspection and its rectification', () => {
  it('is recorded, approved, answered and closed', { timeout: 180_000 }, async () => {
    // Act 1: the inspector records it on a phone.
    const phone = await e2e.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await signInAs(phone, 'inspector-xingfeng', '/inspections');
    await phone.getByRole('heading', { name: '录入检查记录' }).waitFor();
    await phone.getByLabel('被检查单位').selectOption('xinyan-thc');
    await phone.getByLabel('检查方式').selectOption('暗访');
    await phone.getByLabel('检查日期').fill(`${thisYear}-11-20`);
    await phone.getByRole('button', { name: '添加检查发现' }).click();
    await phone.getByLabel('第 1 条：检查项').selectOption('XF-01');
    await phone.getByLabel('情况说明').fill('门诊重复收取一次性材料费');
    await phone.getByLabel('整改期限').fill(`${thisYear}-12-20`);
    await phone
      .getByLabel('现场照片', { exact: true })
      .setInputFiles({ name: '收费窗口.png', mimeType: 'image/png', buffer: tinyPng() });
    await phone.getByRole('button', { name: '移除 收费窗口.png' }).waitFor();
    await checkA11y(phone);
    await phone.getByRole('button', { name: '提交审核' }).click();
    await expect.poll(() => phone.getByRole('status').first().textContent()).toContain('等待考核办审核');
    expect(await phone.getByRole('status').first().textContent()).toContain('现场照片 1 个');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);

    // Act 2: the admin approves it, confirming first.
    const admin = await e2e.newPage();
    await signInAs(admin, 'admin', '/inspections');
    const row = admin
      .getByRole('table', { name: '待审核的检查记录' })
      .getByRole('row')
      .filter({ hasText: UNIT })
      .filter({ hasText: '暗访' });
    await row.getByRole('button', { name: '查看照片' }).click();
    await row.getByRole('button', { name: '收费窗口.png', exact: true }).waitFor();
    await row.getByRole('button', { name: '通过', exact: true }).click();
    const dialog = admin.getByRole('dialog', { name: '确认审核通过？' });
    await dialog.waitFor();
    await checkA11y(admin);
    await dialog.getByRole('button', { name: '确认通过' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => admin.getByRole('status').first().textContent()).toContain('已审核通过');

    // Act 3: the unit answers the rectification order.
    const unit = await e2e.newPage();
    await signInAs(unit, 'xinyan-thc-reporter', '/inspections');
    await unit.getByRole('heading', { name: '本单位整改通知' }).waitFor();
    await unit.getByLabel('整改情况').fill('已退还重复收取的费用，并对收费人员进行培训');
    await unit
      .getByLabel('上传整改佐证', { exact: true })
      .setInputFiles({ name: '退费凭证.pdf', mimeType: 'application/pdf', buffer: tinyPdf('refund') });
    await unit.getByRole('button', { name: '退费凭证.pdf', exact: true }).waitFor();
    await checkA11y(unit);
    await unit.getByRole('button', { name: '报告整改情况' }).click();
    await expect.poll(() => unit.getByRole('status').first().textContent()).toContain('已报告整改情况');

    // Act 4: the inspector closes it.
    await phone.reload();
    await phone.getByRole('button', { name: '退费凭证.pdf', exact: true }).waitFor();
    const close = phone.getByRole('button', { name: '整改到位，销号' });
    await close.click();

    // Assess
    await expect.poll(() => phone.getByRole('status').first().textContent()).toContain('已销号');
    await unit.reload();
    await expect
      .poll(() => unit.getByRole('row').filter({ hasText: '违规收费' }).textContent())
      .toContain('已销号');
  });
});
