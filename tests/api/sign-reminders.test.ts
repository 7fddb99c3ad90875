/**
 * 提醒签订 (issue 13): the admin reminds the heads of a category's issued, unsigned agreements; one
 * notice per head and day, so a second click the same day writes nothing; anyone else is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from './harness';
import { seedUnsignedUnit } from './unsigned-unit';

const Y = 2026;
const remindPath = `/api/years/${Y}/agreements/remind`;

describe('提醒签订', () => {
  let api: TestApi;
  const signNotes = async (as: string) =>
    (
      (await api.call('GET', '/api/notifications', { as })).body.items as { kind: string; title: string }[]
    ).filter((n) => n.kind === 'sign_reminder');

  beforeAll(async () => {
    api = await createTestApi();
    // Prepare: a unit joined this year, its agreement issued and not signed.
    await seedUnsignedUnit(api.db, Y, new Date('2026-11-26T09:00:00+08:00'));
  }, 120_000);
  afterAll(() => api.close());

  it('tells the head of each unsigned agreement once a day', async () => {
    // Act
    const first = await api.call('POST', remindPath, { as: 'admin', body: { categoryId: 'primary-care' } });
    const again = await api.call('POST', remindPath, { as: 'admin', body: { categoryId: 'primary-care' } });
    api.setNow(new Date('2026-11-27T10:00:00+08:00'));
    const nextDay = await api.call('POST', remindPath, { as: 'admin', body: { categoryId: 'primary-care' } });

    // Assess
    expect(first.body).toEqual({ units: 1, notified: 1, withoutHead: [] });
    expect(again.body).toEqual({ units: 1, notified: 0, withoutHead: [] });
    expect(nextDay.body.notified).toBe(1);
    const notes = await signNotes('xinhu-thc-head');
    expect(notes).toHaveLength(2);
    expect(notes[0]?.title).toBe('请签订 2026 年度目标管理责任书');
    expect(await signNotes('hesha-thc-head')).toEqual([]);
  });

  it('refuses anyone but the admin, and an unknown category', async () => {
    const asHead = await api.call('POST', remindPath, {
      as: 'hesha-thc-head',
      body: { categoryId: 'primary-care' },
    });
    const unknown = await api.call('POST', remindPath, { as: 'admin', body: { categoryId: 'no-such' } });
    expect(asHead.status).toBe(403);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('该单位类别不存在');
  });
});
