import { describe, expect, it } from 'vitest';
import { periodsToRemind, planReminders } from '../../../shared/domain/submissions/reminders';
import { endOfBeijingDay } from '../../../shared/domain/submissions/window';

const Q2 = {
  period: 'Q2' as const,
  opensAt: '2026-06-24T09:00:00+08:00',
  closesAt: '2026-07-10T18:00:00+08:00',
};
const units = [
  { unitId: 'late', outstanding: 4, extension: null },
  { unitId: 'done', outstanding: 0, extension: null },
  { unitId: 'extended', outstanding: 2, extension: { untilAt: endOfBeijingDay('2026-07-20') } },
];

describe('planning reminders', () => {
  it('reminds units with outstanding items N days before their close and on the day', () => {
    const three = planReminders(2026, Q2, units, new Date('2026-07-07T09:00:00+08:00'), 3);
    const day = planReminders(2026, Q2, units, new Date('2026-07-10T09:00:00+08:00'), 3);
    const between = planReminders(2026, Q2, units, new Date('2026-07-08T09:00:00+08:00'), 3);
    expect(three.map((r) => [r.unitId, r.daysLeft])).toEqual([['late', 3]]);
    expect(day.map((r) => [r.unitId, r.daysLeft])).toEqual([['late', 0]]);
    expect(day[0]?.title).toBe('今天截止：第二季度材料上报');
    expect(between).toEqual([]);
  });

  it('follows an extension, and gives one key per unit, period and day', () => {
    const ext = planReminders(2026, Q2, units, new Date('2026-07-17T09:00:00+08:00'), 3);
    expect(ext.map((r) => r.unitId)).toEqual(['extended']);
    expect(ext[0]?.dedupeKey).toBe('remind-2026Q2-20260717');
    expect(ext[0]?.body).toContain('2026年7月20日 23:59');
  });

  it('looks only at opened windows, and past the close long enough for extensions', () => {
    expect(periodsToRemind([Q2], new Date('2026-06-01T00:00:00+08:00'))).toEqual([]);
    expect(periodsToRemind([Q2], new Date('2026-07-25T00:00:00+08:00'))).toEqual([Q2]);
    expect(periodsToRemind([Q2], new Date('2026-12-25T00:00:00+08:00'))).toEqual([]);
  });
});
