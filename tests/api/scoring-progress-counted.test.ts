/**
 * 评分进度 above the live limit (a municipal year): each rater's counts from counting Queries over
 * the rater's own partition, no Query over the period's assignments of every rater and no unit's
 * period read; at the demo year the counts equal the whole view's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPeriodAssignments, listSheets } from '../../shared/db/assignment-repo';
import { listUsers } from '../../shared/db/org-repo';
import { loadUnitPeriods } from '../../shared/db/score-repo';
import { assignedRaterIds, scoringProgress } from '../../shared/domain/scoring-workflow/unit-period';
import type { TestApi } from './harness';
import { createScoringApi } from './scoring-harness';

const PROGRESS = '/api/years/2026/periods/Q4/scoring-progress';

describe('scoring progress above the live limit', () => {
  let api: TestApi;
  const sent: { input: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    // Every year is above a limit of 0 units: the counted view.
    api = await createScoringApi({ liveResultsMaxUnits: 0 });
    api.db.raw.middlewareStack.add(
      (next) => async (args) => {
        sent.push({ input: args.input as Record<string, unknown> });
        return next(args);
      },
      { step: 'initialize', name: 'recordCommands' },
    );
  }, 120_000);
  afterAll(() => api.close());

  const whole = async (period: 'Q3' | 'Q4' = 'Q4') => {
    const assignments = await listPeriodAssignments(api.db, 2026, period);
    const [units, users, sheets] = await Promise.all([
      loadUnitPeriods(
        api.db,
        2026,
        period,
        assignments.map((a) => a.unitId),
      ),
      listUsers(api.db),
      listSheets(api.db, 2026, period, assignedRaterIds(assignments)),
    ]);
    return scoringProgress({ year: 2026, period, assignments, units, users, sheets });
  };

  it('counts each rater’s scored and pending as the whole view does', async () => {
    await api.call('PUT', '/api/years/2026/units/luoyang-thc/periods/Q4/scores/3.4', {
      as: 'rater-jikong',
      body: { version: 0, points: 3, comment: '综合管理薄弱' },
    });
    const expected = await whole();
    sent.length = 0;
    const res = await api.call('GET', PROGRESS, { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body.counted).toBe(true);
    const counts = (rows: { raterId: string; scored: number; pending: number; finalized: boolean }[]) =>
      rows.map(({ raterId, scored, pending, finalized }) => ({ raterId, scored, pending, finalized }));
    expect(counts(res.body.byRater)).toEqual(counts(expected.byRater));
    expect(res.body.byRater.some((r: { scored: number }) => r.scored > 0)).toBe(true);
    // No Query over the period's assignments of every rater; the only Query that sends items back
    // is the users' (the raters), the others count.
    const queries = sent.filter((s) => s.input.KeyConditionExpression !== undefined);
    const values = queries.map((s) => JSON.stringify(s.input.ExpressionAttributeValues));
    expect(values.filter((v) => v.includes('#ASSIGN#Q4"'))).toEqual([]);
    expect(queries.filter((s) => s.input.Select !== 'COUNT')).toHaveLength(1);
    // No unit's period read by key (agreement, facts, items, files).
    const keyed = sent.filter((s) => s.input.Key !== undefined || s.input.RequestItems !== undefined);
    expect(keyed.filter((s) => JSON.stringify(s.input).includes('UNIT#'))).toEqual([]);
  });

  it('counts a finalized sheet whole, verified formula leaves included (Q3)', async () => {
    // A sheet is finalized only with every item scored or verified (409 SHEET_INCOMPLETE otherwise);
    // a verification has no rater's index, so only the finalized sheet says the formula leaves are done.
    const finalize = await api.call('POST', '/api/years/2026/periods/Q3/sheet/finalize', {
      as: 'rater-jiceng',
      body: { confirm: true },
    });
    expect(finalize.status).toBe(200);
    const expected = await whole('Q3');
    const res = await api.call('GET', '/api/years/2026/periods/Q3/scoring-progress', { as: 'admin' });
    const finalized = expected.byRater.filter((r) => r.finalized);
    expect(finalized.length).toBeGreaterThan(0);
    for (const r of finalized) {
      const row = res.body.byRater.find((x: { raterId: string }) => x.raterId === r.raterId);
      expect({ scored: row.scored, pending: row.pending }).toEqual({ scored: r.scored, pending: r.pending });
    }
  });

  it('leaves out the per-indicator counts and the spread alerts, which need every rating', async () => {
    const res = await api.call('GET', PROGRESS, { as: 'admin' });
    expect(res.body.byIndicator).toEqual([]);
    expect(res.body.spreadAlerts).toEqual([]);
  });

  it('is refused to a rater', async () => {
    const res = await api.call('GET', PROGRESS, { as: 'rater-jikong' });
    expect(res.status).toBe(403);
  });
});
