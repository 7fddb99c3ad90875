import { describe, expect, it } from 'vitest';
import {
  assignedRaterIds,
  queueItem,
  raterQueue,
  scoringProgress,
  type UnitPeriodScoring,
} from '../../../shared/domain/scoring-workflow/unit-period';
import type { RatingRecord } from '../../../shared/schemas/facts';
import type { Leaf } from '../../../shared/schemas/scenario';
import type { Assignment, RaterSheet } from '../../../shared/schemas/scoring';
import type { SubmissionItem } from '../../../shared/schemas/submission';

const periods = ['Q1' as const, 'Q2' as const, 'Q3' as const, 'Q4' as const];
const rating: Leaf = {
  code: '3.4',
  name: '服务态度',
  W: 5,
  measure: 'number',
  direction: 'higher',
  periods,
  rule: { type: 'rating', scale: 'points' },
};
const threshold: Leaf = {
  code: '1.1',
  name: '门诊满意率',
  W: 8,
  measure: 'rate',
  direction: 'higher',
  periods,
  rule: { type: 'threshold' },
  target: 75,
};

const assignment = (unitId: string, code: string, raterId: string): Assignment => ({
  year: 2026,
  period: 'Q1',
  unitId,
  code,
  raterId,
  assignedBy: 'admin',
  assignedAt: '2026-01-01T00:00:00Z',
  version: 1,
});
const rated = (unitId: string, raterId: string, pointsCents: number): RatingRecord => ({
  unitId,
  period: 'Q1',
  code: '3.4',
  raterId,
  pointsCents,
  comment: '',
  at: '2026-04-01T00:00:00Z',
  version: 1,
});
const unit = (unitId: string, ratings: RatingRecord[], items: [string, Partial<SubmissionItem>][] = []) =>
  ({
    unitId,
    leaves: new Map([
      ['3.4', rating],
      ['1.1', threshold],
    ]),
    facts: { unitId, verifications: [], ratings, reported: [], deductions: [], adjustments: [], vetoes: [] },
    items: new Map(items),
    files: [],
  }) as UnitPeriodScoring;
const sheet = (raterId: string, state: RaterSheet['state']): RaterSheet =>
  ({ year: 2026, period: 'Q1', raterId, state, version: 1 }) as RaterSheet;

describe('scoringProgress', () => {
  // Prepare: two raters on 3.4 of u1 (one scored 5.00, one 3.00 of W 5: a 40 % spread), r1 also
  // on 1.1 of u1 (returned to the unit), r3 on a unit whose agreement is gone.
  const assignments = [
    assignment('u1', '3.4', 'r1'),
    assignment('u1', '3.4', 'r2'),
    assignment('u1', '1.1', 'r1'),
    assignment('u9', '3.4', 'r3'),
  ];
  const units = [
    unit('u1', [rated('u1', 'r1', 500), rated('u1', 'r2', 300)], [['1.1', { status: 'returned' }]]),
  ];

  it('counts each rater and indicator, names them and marks finalized sheets', () => {
    // Act
    const progress = scoringProgress({
      year: 2026,
      period: 'Q1',
      assignments,
      units,
      users: [{ id: 'r1', name: '张委员' }],
      sheets: [sheet('r1', 'finalized'), sheet('r2', 'open'), sheet('r3', 'finalized')],
    });

    // Assess
    expect(progress.byRater).toEqual([
      { raterId: 'r1', name: '张委员', finalized: true, scored: 1, pending: 0, returned: 1 },
      { raterId: 'r2', name: 'r2', finalized: false, scored: 1, pending: 0, returned: 0 },
    ]);
    expect(progress.byIndicator).toEqual([
      { code: '1.1', name: '门诊满意率', scored: 0, pending: 0, returned: 1 },
      { code: '3.4', name: '服务态度', scored: 2, pending: 0, returned: 0 },
    ]);
    expect(progress.spreadAlerts).toEqual([
      expect.objectContaining({ unitId: 'u1', code: '3.4', minCents: 300, maxCents: 500, wCents: 500 }),
    ]);
  });

  it('reads the sheets of every assigned rater once, sorted', () => {
    expect(assignedRaterIds(assignments)).toEqual(['r1', 'r2', 'r3']);
  });
});

describe('queueItem', () => {
  it('shows the rater their own rating with the engine score, pending where they have none', () => {
    const u = unit('u1', [rated('u1', 'r1', 400)]);
    const mine = queueItem(2026, 'Q1', assignment('u1', '3.4', 'r1'), u, '县医院');
    expect(mine).toMatchObject({ unitName: '县医院', state: 'scored', score: { pointsCents: 400 } });
    expect(mine?.computed).not.toBeNull();
    const other = queueItem(2026, 'Q1', assignment('u1', '3.4', 'r2'), u, '县医院');
    expect(other).toMatchObject({ state: 'pending', score: null, computed: null });
    expect(queueItem(2026, 'Q1', assignment('u1', '9.9', 'r1'), u, '县医院')).toBeUndefined();
  });
});

describe('raterQueue', () => {
  it("lists the rater's items with unit names and counts, skipping a leaf the agreement lost", () => {
    // Prepare: r1 rated 3.4 of u1; 1.1 of u1 is returned to the unit; 9.9 no longer exists
    const u = unit('u1', [rated('u1', 'r1', 400)], [['1.1', { status: 'returned' }]]);
    const assignments = [
      assignment('u1', '3.4', 'r1'),
      assignment('u1', '1.1', 'r1'),
      assignment('u1', '9.9', 'r1'),
    ];

    // Act
    const queue = raterQueue({
      year: 2026,
      period: 'Q1',
      raterId: 'r1',
      sheet: sheet('r1', 'open'),
      assignments,
      units: [u],
      unitNames: [{ id: 'u1', name: '县医院' }],
    });

    // Assess
    expect(queue.items.map((i) => [i.code, i.unitName, i.state])).toEqual([
      ['3.4', '县医院', 'scored'],
      ['1.1', '县医院', 'returned'],
    ]);
    expect(queue.counts).toEqual({ pending: 0, scored: 1, returned: 1 });
  });
});
