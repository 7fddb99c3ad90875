import { describe, expect, it } from 'vitest';
import { planOverdueNotes } from '../../../shared/domain/inspections/overdue';
import type { Rectification } from '../../../shared/schemas/inspection';

const order = (
  id: string,
  unitId: string,
  dueDate: string,
  state: Rectification['state'] = 'open',
): Rectification => ({
  id,
  year: 2026,
  unitId,
  inspectionId: 'ins-x',
  n: 1,
  itemText: `检查项 ${id}`,
  note: '',
  dueDate,
  state,
  team: ['inspector-xingfeng'],
  history: [],
  version: 1,
});
const names = (id: string) => ({ a: '甲卫生院', b: '乙卫生院' })[id] ?? id;

describe('overdue rectification notes', () => {
  it('says nothing on the due day itself', () => {
    expect(planOverdueNotes(2026, [order('1', 'a', '2026-07-15')], '2026-07-15', names)).toEqual({
      overdue: 0,
      admin: null,
      units: [],
    });
  });

  it('tells the unit on the first day past due only, and the admin every day', () => {
    const open = [order('1', 'a', '2026-07-15'), order('2', 'b', '2026-07-10')];
    const first = planOverdueNotes(2026, open, '2026-07-16', names);
    expect(first.units.map((u) => u.unitId)).toEqual(['a']);
    expect(first.admin?.title).toBe('2 项整改已逾期');
    expect(first.admin?.body).toMatch(/^乙卫生院「检查项 2」（期限 2026-07-10）；甲卫生院/);
    const later = planOverdueNotes(2026, open, '2026-07-20', names);
    expect(later.units).toEqual([]);
    expect(later.admin?.dedupeKey).toBe(first.admin?.dedupeKey);
  });

  it('leaves out answered orders awaiting review, and lists at most five by name', () => {
    const many = Array.from({ length: 7 }, (_, i) => order(String(i), 'a', '2026-07-01'));
    const plan = planOverdueNotes(
      2026,
      [...many, order('x', 'b', '2026-07-01', 'answered')],
      '2026-07-20',
      names,
    );
    expect(plan.admin?.title).toBe('7 项整改已逾期');
    expect(plan.admin?.body).toContain('等 7 项');
    expect(plan.admin?.body).not.toContain('乙卫生院');
  });
});
