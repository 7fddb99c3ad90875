/**
 * Bonus and veto proposals with evidence: a unit head proposes a bonus with a file on a phone, an
 * inspector proposes a veto after a confirmation, the admin opens the bonus's file in the approval
 * queue on /proposals (加减分与否决) and approves it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf } from '../../scripts/seed/demo-submissions';
import { checkA11y, type E2e, signInAs, startE2e } from './harness';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

describe('proposals with evidence', () => {
  it('are proposed with files, confirmed for a veto, and approved from the queue', {
    timeout: 180_000,
  }, async () => {
    // Act 1: the unit head proposes a bonus on a phone, with the award document.
    const head = await e2e.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signInAs(head, 'hesha-thc-head', '/proposals');
    await head.getByRole('heading', { name: '提出加分' }).waitFor();
    await head.getByLabel('项目名称').fill('市级卫生应急先进集体');
    await head.getByLabel('分值').fill('0.5');
    await head.getByLabel('理由').fill('市卫健委表彰文件，本院获评卫生应急先进集体');
    await head
      .getByLabel('佐证材料', { exact: true })
      .setInputFiles({ name: '表彰文件.pdf', mimeType: 'application/pdf', buffer: tinyPdf('award') });
    await checkA11y(head);
    await head.getByRole('button', { name: '提交提议' }).click();
    await expect.poll(() => head.getByRole('status').first().textContent()).toContain('等待考核办审批');
    expect(await head.getByRole('status').first().textContent()).toContain('佐证材料 1 个');
    const mine = head.getByRole('row').filter({ hasText: '市级卫生应急先进集体' });
    await expect.poll(() => mine.textContent()).toContain('待审批');
    await checkA11y(head);
    const width = await head.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);

    // Act 2: an inspector proposes a veto, confirming first.
    const inspector = await e2e.newPage();
    await signInAs(inspector, 'inspector-xingfeng', '/proposals');
    await inspector.getByLabel('类别', { exact: true }).selectOption('veto');
    await inspector.locator('#proposal-unit').selectOption('hesha-thc');
    await inspector.getByLabel('否决事项类别').selectOption('瞒报迟报疫情');
    await inspector.getByLabel('理由').fill('发热门诊一例病例迟报两天');
    await inspector.getByRole('button', { name: '提交提议' }).click();
    const confirm = inspector.getByRole('dialog', { name: '确认提出一票否决？' });
    await confirm.waitFor();
    await checkA11y(inspector);
    await confirm.getByRole('button', { name: '确认提出' }).click();
    await expect.poll(() => inspector.getByRole('status').first().textContent()).toContain('一票否决');

    // Act 3: the admin sees the bonus's file in the approval queue and approves it.
    const admin = await e2e.newPage();
    await signInAs(admin, 'admin', '/proposals');
    const row = admin.getByRole('row').filter({ hasText: '市级卫生应急先进集体' });
    await row.getByRole('button', { name: '查看材料' }).click();
    await row.getByRole('button', { name: '表彰文件.pdf', exact: true }).waitFor();
    await row.getByRole('button', { name: '批准' }).click();
    const dialog = admin.getByRole('dialog', { name: '确认审核通过？' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '确认通过' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Assess
    await expect.poll(() => admin.getByRole('status').first().textContent()).toContain('已审核通过');
    await head.reload();
    await expect
      .poll(() => head.getByRole('row').filter({ hasText: '市级卫生应急先进集体' }).textContent())
      .toContain('已批准');
  });
});
