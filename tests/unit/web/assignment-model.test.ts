import { describe, expect, it } from 'vitest';
import type { Assignment } from '../../../shared/schemas/scoring';
import {
  cellRaters,
  conflictsOf,
  copyGroups,
  previousPeriod,
} from '../../../web/src/pages/assignments/assignment-model';

const assignment = (unitId: string, code: string, raterId: string): Assignment => ({
  year: 2026,
  period: 'Q1',
  unitId,
  code,
  raterId,
  assignedBy: 'admin',
  assignedAt: '2026-01-10T09:00:00+08:00',
  version: 1,
});

describe('the assignment page’s model', () => {
  const all = [assignment('u1', 'A1', 'r1'), assignment('u2', 'A1', 'r1'), assignment('u2', 'A1', 'r2')];

  it('counts, per rater, the units of a category assigned to an indicator', () => {
    expect(cellRaters(all, 'A1', ['u1', 'u2'])).toEqual([
      { raterId: 'r1', units: 2 },
      { raterId: 'r2', units: 1 },
    ]);
    expect(cellRaters(all, 'A1', ['u1'])).toEqual([{ raterId: 'r1', units: 1 }]);
    expect(cellRaters(all, 'B1', ['u1', 'u2'])).toEqual([]);
  });

  it('copies the previous period as one request per indicator and rater', () => {
    expect(copyGroups(all)).toEqual([
      { code: 'A1', raterId: 'r1', unitIds: ['u1', 'u2'] },
      { code: 'A1', raterId: 'r2', unitIds: ['u2'] },
    ]);
    expect(previousPeriod('Q3')).toBe('Q2');
    expect(previousPeriod('Q1')).toBeNull();
  });

  it('names the units a rater must not score (回避)', () => {
    expect(conflictsOf({ affiliatedUnitIds: ['u2'] }, ['u1', 'u2'])).toEqual(['u2']);
    expect(conflictsOf({ affiliatedUnitIds: [] }, ['u1'])).toEqual([]);
  });
});
