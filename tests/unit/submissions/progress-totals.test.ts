import { describe, expect, it } from 'vitest';
import { progressTotals } from '../../../shared/domain/submissions/progress-totals';

const closesAt = '2026-10-15T23:59:59+08:00';
const base = {
  units: 5,
  closesAt,
  submissions: [{ unitId: 'a' }, { unitId: 'b' }],
  extensions: [
    { unitId: 'c', untilAt: '2026-10-20T23:59:59+08:00' },
    // A submitted unit's extension does not make it less overdue twice.
    { unitId: 'a', untilAt: '2026-10-20T23:59:59+08:00' },
  ],
};

describe('the progress page’s totals', () => {
  it('counts no unit overdue while the period is open', () => {
    expect(progressTotals({ ...base, now: new Date('2026-10-15T23:59:59+08:00') })).toEqual({
      units: 5,
      submitted: 2,
      notSubmitted: 3,
      overdue: 0,
    });
  });

  it('counts the unsubmitted units past the close, except those whose extension still runs', () => {
    expect(progressTotals({ ...base, now: new Date('2026-10-16T09:00:00+08:00') }).overdue).toBe(2);
  });

  it('counts a unit overdue once its extension has ended too', () => {
    expect(progressTotals({ ...base, now: new Date('2026-10-21T09:00:00+08:00') }).overdue).toBe(3);
  });
});
