/**
 * Publicity, objections and publication in the browser: the unit head contests one indicator; the
 * admin tries to publish early and sees what blocks it, with links; decides the objection in the
 * inbox, has it rescored and recomputed, waits out the publicity days and publishes; the published
 * ranking page shows the result, and the objector is told the score before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPublicity } from '../api/year-steps';
import { checkA11y, type E2e, signInAs, startE2e, stepApiOf } from './harness';
import { reloadMidJob } from './job-steps';

describe('结果公示、申诉与发布', () => {
  let e2e: E2e;
  // The server's clock: the demo's late-November day (the seed's year), moved on by the test.
  let clock = new Date('2026-11-26T10:00:00+08:00');

  /** The year steps of the API tests, over HTTP against this file's stack. */
  const stepApi = () =>
    stepApiOf(e2e, (date) => {
      clock = date;
    });

  beforeAll(async () => {
    e2e = await startE2e({ now: () => clock });
    // Prepare: Q4 closed, the committee scores and finalizes, approvals decided, publicity opens.
    await openPublicity(stepApi(), 2026);
  }, 300_000);

  afterAll(async () => {
    await e2e?.stop();
  });

  it('refuses to publish early, lists what blocks with links, and publishes once each is cleared', async () => {
    // The unit head objects to one indicator.
    const head = await e2e.newPage({ viewport: { width: 390, height: 844 } });
    await signInAs(head, 'luoyang-thc-head', '/results/units/luoyang-thc?year=2026&asOf=Q4');
    const panel = head.getByRole('region', { name: '结果公示与申诉' });
    await panel.waitFor();
    await panel.getByLabel('申诉指标').selectOption('3.4');
    await panel.getByLabel('申诉理由').fill('太短');
    await panel.getByRole('button', { name: '提交申诉' }).click();
    await panel.getByText('请写明申诉理由（至少 10 个字）').waitFor();
    await panel.getByLabel('申诉理由').fill('综合管理台账已于十月补齐，评分时未查看补充材料');
    await panel.getByRole('button', { name: '提交申诉' }).click();
    const row = panel.getByRole('row', { name: /3\.4 综合管理/ });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('待处理');
    await checkA11y(head);

    // The admin tries to publish at once: two blockers, the confirmation refuses.
    const admin = await e2e.newPage();
    await signInAs(admin, 'admin', '/year');
    const checklist = admin.getByRole('region', { name: '发布最终结果前的检查' });
    await checklist.getByText(/公示期（5 天）尚未结束/).waitFor();
    await checklist.getByText('1 件申诉尚未处理：洛阳镇卫生院 综合管理').waitFor();
    await admin.getByRole('button', { name: '发布最终结果' }).click();
    const publish = admin.getByRole('dialog', { name: '确认发布最终结果？' });
    expect(
      await publish.getByRole('button', { name: '确认发布最终结果' }).getAttribute('aria-disabled'),
    ).toBe('true');
    await checkA11y(admin);
    await publish.getByRole('button', { name: '取消' }).click();

    // The link leads to the objection inbox, filtered to those waiting; the admin upholds it there.
    await checklist.getByRole('link', { name: '申诉处理' }).click();
    const inboxRow = admin.getByRole('row', { name: /洛阳镇卫生院 3\.4 综合管理/ });
    await inboxRow.getByRole('button', { name: '成立', exact: true }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('处理意见').fill('补充材料属实，由考核组重新评分');
    await dialog.getByRole('button', { name: '确认' }).click();
    await admin.getByText('没有符合条件的申诉。').waitFor();
    await admin.getByLabel('状态').selectOption('rescoring');
    await expect.poll(() => inboxRow.textContent(), { timeout: 15_000 }).toContain('成立，待重新评分');
    await checkA11y(admin);
    await head.reload();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('成立，重新评分');

    // Still blocked: the upheld objection has no recomputed draft yet.
    await admin.goto('/year');
    await checklist.getByText(/1 件成立的申诉尚未重新评分/).waitFor();

    // The admin reopens the rater's sheet, the rater rescores the leaf.
    const api = stepApi();
    await api.call('POST', '/api/years/2026/periods/Q4/raters/rater-yizheng/sheet/reopen', {
      as: 'admin',
      body: { reason: '申诉成立，重新评分' },
    });
    const queue = (await api.call('GET', '/api/years/2026/periods/Q4/scoring-queue', { as: 'rater-yizheng' }))
      .body;
    const item = queue.items.find(
      (i: { unitId: string; code: string }) => i.unitId === 'luoyang-thc' && i.code === '3.4',
    );
    const rescored = await api.call('PUT', '/api/years/2026/units/luoyang-thc/periods/Q4/scores/3.4', {
      as: 'rater-yizheng',
      body: { version: item.score.version, points: 4.8, comment: '台账已补齐' },
    });
    expect(rescored.status).toBe(200);

    // The checklist's link to the results page, where the next draft version is computed.
    await checklist.getByRole('link', { name: '重新计算公示结果' }).click();
    const drafts = admin.getByRole('region', { name: '公示结果版本' });
    await drafts.getByRole('listitem').filter({ hasText: '开始公示' }).first().waitFor();
    await drafts.getByRole('button', { name: '重新计算公示结果' }).click();
    const recompute = admin.getByRole('dialog', { name: '重新计算公示结果' });
    await recompute.getByLabel(/洛阳镇卫生院 · 3\.4 综合管理/).check();
    await checkA11y(admin);
    // The recomputation is a job: held mid-way, the page reloaded shows the same job and progress.
    e2e.jobGate.hold();
    await recompute.getByRole('button', { name: '生成新版本' }).click();
    const { jobId, jobIdAfter } = await reloadMidJob(admin, /重新计算公示结果/, e2e.jobGate);
    expect(jobIdAfter).toBe(jobId);
    e2e.jobGate.release();
    await expect
      .poll(() => drafts.getByRole('status').textContent(), { timeout: 30_000 })
      .toContain('已生成第 2 版');
    const changed = drafts.getByRole('row', { name: /洛阳镇卫生院/ });
    await expect.poll(() => changed.textContent()).toContain('3.4 综合管理');

    // The publicity days pass; nothing blocks; the admin publishes from the year page.
    clock = new Date(clock.getTime() + 6 * 86_400_000);
    await admin.goto('/year');
    await checklist.getByText('成立的申诉均已重新计算').waitFor();
    expect(await checklist.textContent()).not.toContain('未完成');
    await admin.getByRole('button', { name: '发布最终结果' }).click();
    await publish.getByRole('button', { name: '确认发布最终结果' }).click();
    const state = admin.locator('.panel-heading .state-badge');
    await expect.poll(() => state.textContent(), { timeout: 30_000 }).toBe('结果已发布');

    // The published ranking page shows the unit; the objector was told before → after.
    await admin.goto('/rankings/2026/');
    await admin.getByText('洛阳镇卫生院').first().waitFor();
    const notes = (await api.call('GET', '/api/notifications', { as: 'luoyang-thc-head' })).body;
    const told = notes.items.find((n: { title: string }) => n.title === '申诉重新评分结果：综合管理');
    expect(told.body).toMatch(
      /综合管理得分 [\d.]+ 分 → [\d.]+ 分，总分 [\d.]+ 分 → [\d.]+ 分（第 2 版公示结果）/,
    );
    // …and reads the same figures on their unit's report.
    await head.reload();
    await expect
      .poll(() => row.textContent(), { timeout: 15_000 })
      .toMatch(/重新评分（第 2 版）：得分 [\d.]+ 分 → [\d.]+ 分/);
  }, 240_000);
});
