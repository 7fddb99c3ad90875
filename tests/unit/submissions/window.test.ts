import { describe, expect, it } from 'vitest';
import {
  beijingDate,
  daysUntil,
  effectiveClose,
  endOfBeijingDay,
  formatBeijing,
  windowAllows,
  windowState,
} from '../../../shared/domain/submissions/window';

const Q2 = { opensAt: '2026-06-24T09:00:00+08:00', closesAt: '2026-07-10T18:00:00+08:00' };

describe('submission windows by the server clock', () => {
  it('is open from the opening to the close, inclusive', () => {
    expect(windowState(Q2, new Date('2026-06-24T08:59:59+08:00')).kind).toBe('not_open');
    expect(windowState(Q2, new Date('2026-06-24T09:00:00+08:00')).kind).toBe('open');
    expect(windowState(Q2, new Date('2026-07-10T18:00:00+08:00')).kind).toBe('open');
    expect(windowState(Q2, new Date('2026-07-10T18:00:01+08:00'))).toEqual({
      kind: 'closed',
      closesAt: Q2.closesAt,
    });
  });

  it('stays open for a unit with an extension until the end of its day', () => {
    const extension = { untilAt: endOfBeijingDay('2026-07-15') };
    expect(windowState(Q2, new Date('2026-07-15T23:00:00+08:00'), extension)).toEqual({
      kind: 'open',
      closesAt: '2026-07-15T23:59:59.999+08:00',
      extended: true,
    });
    expect(windowState(Q2, new Date('2026-07-16T00:00:00+08:00'), extension)).toEqual({
      kind: 'closed',
      closesAt: '2026-07-15T23:59:59.999+08:00',
    });
    expect(effectiveClose(Q2, { untilAt: endOfBeijingDay('2026-07-01') })).toBe(Q2.closesAt);
  });

  it('speaks Beijing time whatever the server’s zone', () => {
    expect(formatBeijing('2026-07-10T10:00:00Z')).toBe('2026年7月10日 18:00');
    expect(beijingDate(new Date('2026-07-09T16:30:00Z'))).toBe('2026-07-10');
    expect(daysUntil(Q2.closesAt, new Date('2026-07-07T09:00:00+08:00'))).toBe(3);
    expect(daysUntil(Q2.closesAt, new Date('2026-07-10T00:10:00+08:00'))).toBe(0);
  });

  it('allows drafts before the opening, a submission only while open, nothing after the close', () => {
    const at = (iso: string) => windowState(Q2, new Date(iso));
    const before = at('2026-06-20T10:00:00+08:00');
    const during = at('2026-07-01T10:00:00+08:00');
    const after = at('2026-07-11T10:00:00+08:00');
    expect([before, during, after].map((s) => windowAllows(s, 'draft'))).toEqual([true, true, false]);
    expect([before, during, after].map((s) => windowAllows(s, 'submit'))).toEqual([false, true, false]);
  });
});
