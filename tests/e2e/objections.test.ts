/**
 * Publicity and objections in the browser: the unit head contests one indicator on their report,
 * the admin upholds it with an opinion, and the head sees the decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, checkA11y, type E2e, signInAs, startE2e } from './harness';

describe('结果公示与申诉', () => {
  let e2e: E2e;

  beforeAll(async () => {
    e2e = await startE2e({ now: () => new Date('2026-11-26T10:00:00+08:00') });
    // Prepare: the admin moves 2026 through scoring into publicity.
    const admin = await apiAs(e2e, 'admin');
    for (const to of ['scoring', 'publicity']) {
      const year = await admin<{ version: number }>('/api/years/2026');
      await admin('/api/years/2026/transitions', { method: 'POST', body: { to, version: year.version } });
    }
  }, 240_000);

  afterAll(async () => {
    await e2e?.stop();
  });

  it('lets the unit head object to one indicator, the admin uphold it and compute the rescored draft', async () => {
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

    const admin = await e2e.newPage();
    await signInAs(admin, 'admin', '/results/units/luoyang-thc?year=2026&asOf=Q4');
    const adminRow = admin
      .getByRole('region', { name: '结果公示与申诉' })
      .getByRole('row', { name: /3\.4 综合管理/ });
    await adminRow.getByRole('button', { name: '成立', exact: true }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('处理意见').fill('补充材料属实，由考核组重新评分');
    await dialog.getByRole('button', { name: '确认' }).click();
    await expect.poll(() => adminRow.textContent(), { timeout: 15_000 }).toContain('补充材料属实');

    await head.reload();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('成立，重新评分');

    // The assigned rater rescores the leaf; the admin computes the next draft version and reads the diff.
    const rater = await apiAs(e2e, 'rater-yizheng');
    await rater('/api/years/2026/units/luoyang-thc/periods/Q4/scores/3.4', {
      method: 'PUT',
      body: { version: 0, points: 4.8, comment: '台账已补齐' },
    });
    await admin.goto('/results?year=2026&asOf=Q4');
    const drafts = admin.getByRole('region', { name: '公示结果版本' });
    await drafts.getByText('开始公示').waitFor();
    await drafts.getByRole('button', { name: '重新计算公示结果' }).click();
    const recompute = admin.getByRole('dialog', { name: '重新计算公示结果' });
    await recompute.getByLabel(/洛阳镇卫生院 · 3\.4 综合管理/).check();
    await checkA11y(admin);
    await recompute.getByRole('button', { name: '生成新版本' }).click();
    await expect
      .poll(() => drafts.getByRole('status').textContent(), { timeout: 15_000 })
      .toContain('已生成第 2 版');
    const changed = drafts.getByRole('row', { name: /洛阳镇卫生院/ });
    await expect.poll(() => changed.textContent()).toContain('3.4 综合管理');
    expect(await drafts.getByRole('row').count()).toBe(2);
  }, 180_000);
});
