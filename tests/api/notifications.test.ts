/**
 * Reminders and the notification list: units with missing items are reminded N days before the
 * close and on the day of the close (their extension included), once per day; users read their
 * own notifications only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReminders } from '../../functions/reminders';
import { createTestApi, type TestApi } from './harness';
import { createFixtureUnit, type FixtureUnit, fillQ2, IN_Q2, unitPeriodPath } from './submissions-fixtures';

describe('reminders and notifications', () => {
  let api: TestApi;
  let lagging: FixtureUnit;
  let done: FixtureUnit;
  let extended: FixtureUnit;

  beforeAll(async () => {
    api = await createTestApi({ now: IN_Q2 });
    [lagging, done, extended] = await Promise.all([
      createFixtureUnit(api, '落后卫生院'),
      createFixtureUnit(api, '完成卫生院'),
      createFixtureUnit(api, '延期卫生院'),
    ]);
    await fillQ2(api, done);
    const submitted = await api.call('POST', `${unitPeriodPath(done.unitId)}/submission`, {
      as: done.head,
      body: {},
      headers: { 'idempotency-key': 'reminder-done-0001' },
    });
    expect(submitted.status).toBe(200);
    const granted = await api.call('PUT', `${unitPeriodPath(extended.unitId)}/extension`, {
      as: 'admin',
      body: { until: '2026-07-20', reason: '新旧系统切换' },
    });
    expect(granted.status).toBe(200);
  });
  afterAll(() => api.close());

  const notesOf = async (userId: string) =>
    (await api.call('GET', '/api/notifications', { as: userId })).body;
  const reminders = (notes: { items: { kind: string; title: string }[] }) =>
    notes.items.filter((n) => n.kind === 'reminder');

  it('reminds units with missing items 3 days before the close, once however often it runs', async () => {
    // Act: 2026-07-07 09:00 Beijing time is 3 days before the Q2 close (07-10 18:00)
    const first = await runReminders(api.db, new Date('2026-07-07T09:00:00+08:00'), 3);
    const second = await runReminders(api.db, new Date('2026-07-07T15:00:00+08:00'), 3);
    // Assess
    expect(first.notifications).toBeGreaterThanOrEqual(2);
    expect(second.notifications).toBe(0);
    const reporter = reminders(await notesOf(lagging.reporter));
    const head = reminders(await notesOf(lagging.head));
    expect(reporter).toHaveLength(1);
    expect(head).toHaveLength(1);
    expect(reporter[0]).toMatchObject({ title: '第二季度材料上报还有 3 天截止' });
    expect((await notesOf(lagging.reporter)).items[0].body).toContain('还有 7 项指标未提交');
    expect(reminders(await notesOf(done.reporter))).toEqual([]);
    // The extended unit closes on 07-20: nothing yet.
    expect(reminders(await notesOf(extended.reporter))).toEqual([]);
  });

  it('reminds on the day of the close, and the extended unit on its own dates', async () => {
    await runReminders(api.db, new Date('2026-07-08T09:00:00+08:00'), 3);
    expect(reminders(await notesOf(lagging.reporter))).toHaveLength(1);
    await runReminders(api.db, new Date('2026-07-10T09:00:00+08:00'), 3);
    const closing = reminders(await notesOf(lagging.reporter));
    expect(closing).toHaveLength(2);
    expect(closing[0]?.title).toBe('今天截止：第二季度材料上报');
    await runReminders(api.db, new Date('2026-07-17T09:00:00+08:00'), 3);
    const ext = reminders(await notesOf(extended.head));
    expect(ext).toHaveLength(1);
    expect(
      (await notesOf(extended.head)).items.find((n: { kind: string }) => n.kind === 'reminder').body,
    ).toContain('2026年7月20日 23:59');
  });

  it('counts unread notifications and marks them read, one or all, for their owner only', async () => {
    const before = await notesOf(lagging.reporter);
    expect(before.unread).toBe(before.items.length);
    const id = before.items[0].id as string;
    expect((await api.call('POST', `/api/notifications/${id}/read`, { as: done.reporter })).status).toBe(404);
    expect((await api.call('POST', `/api/notifications/${id}/read`, { as: lagging.reporter })).status).toBe(
      204,
    );
    expect((await notesOf(lagging.reporter)).unread).toBe(before.unread - 1);
    const all = await api.call('POST', '/api/notifications/read-all', { as: lagging.reporter });
    expect(all.body.marked).toBe(before.unread - 1);
    expect((await notesOf(lagging.reporter)).unread).toBe(0);
    expect((await notesOf(lagging.head)).unread).toBeGreaterThan(0);
  });

  it('tells the extended unit about its extension', async () => {
    const notes = await notesOf(extended.reporter);
    expect(
      notes.items.some(
        (n: { kind: string; title: string }) => n.kind === 'extension' && n.title.includes('2026-07-20'),
      ),
    ).toBe(true);
  });

  it('flags an overdue rectification: the admins daily, the unit once on its first overdue day', async () => {
    // An approved inspection of 河沙镇卫生院 orders a rectification due 2026-07-15; nobody answers it.
    const recorded = await api.call('POST', '/api/years/2026/inspections', {
      as: 'inspector-xingfeng',
      body: {
        unitId: 'hesha-thc',
        kind: '明查',
        date: '2026-06-20',
        findings: [{ itemCode: 'XF-01', note: '收费窗口对老年患者态度生硬', rectifyBy: '2026-07-15' }],
      },
    });
    expect(recorded.status).toBe(201);
    const approved = await api.call(
      'POST',
      `/api/years/2026/units/hesha-thc/inspections/${recorded.body.id}/decision`,
      {
        as: 'admin',
        body: { decision: 'approve', version: recorded.body.version },
      },
    );
    expect(approved.status).toBe(200);
    const itemText = recorded.body.findings[0].itemText as string;
    const rectifications = (n: { items: { kind: string; title: string; body: string }[] }) =>
      n.items.filter((x) => x.kind === 'rectification');
    await runReminders(api.db, new Date('2026-07-15T09:00:00+08:00'), 3);
    expect(rectifications(await notesOf('hesha-thc-head'))).toEqual([]);
    const firstDay = await runReminders(api.db, new Date('2026-07-16T09:00:00+08:00'), 3);
    const again = await runReminders(api.db, new Date('2026-07-16T17:00:00+08:00'), 3);
    await runReminders(api.db, new Date('2026-07-18T09:00:00+08:00'), 3);

    expect(firstDay.notifications).toBeGreaterThan(0);
    expect(again.notifications).toBe(0);
    const unit = rectifications(await notesOf('hesha-thc-head'));
    expect(unit).toHaveLength(1);
    expect(unit[0]).toMatchObject({ title: '整改已逾期' });
    expect(unit[0]?.body).toContain('2026-07-15');
    const admin = rectifications(await notesOf('admin'));
    expect(admin.length).toBeGreaterThanOrEqual(2);
    expect(admin[0]).toMatchObject({ title: '1 项整改已逾期' });
    expect(admin[0]?.body).toContain(`河沙镇卫生院「${itemText}」（期限 2026-07-15）`);
    expect(rectifications(await notesOf('luoyang-thc-head'))).toEqual([]);
  });
});
