/**
 * A rater's 工作台 (`GET /api/me/tasks`) counts their assignments of each period from their unit
 * markers' per-period counts (one Query of one item per unit), not by scanning their queue; older
 * markers without those counts fall back to counting the queue, with the same answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRaterAssignments, createAssignments } from '../../shared/db/assignment-repo';
import { batchPut, getItem } from '../../shared/db/items';
import { raterUnitKey } from '../../shared/db/keys';
import type { Period } from '../../shared/schemas/year';
import { CURRENT_YEAR, type TestApi } from './harness';
import { createScoringApi } from './scoring-harness';

const Y = CURRENT_YEAR;
const RATER = 'rater-jiceng';
const PERIODS: readonly Period[] = ['Q1', 'Q2', 'Q3', 'Q4'];

interface Task {
  kind: string;
  link: string;
  count?: number;
}

describe('a rater’s 工作台 counts their assignments of each period', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createScoringApi();
  }, 180_000);
  afterAll(() => api.close());

  const sheetCounts = async () => {
    const tasks = (await api.call('GET', `/api/me/tasks?year=${Y}`, { as: RATER })).body as Task[];
    return Object.fromEntries(
      tasks
        .filter((t) => t.kind === 'sheet_to_finalize')
        .map((t) => [new URL(t.link, 'http://x').searchParams.get('period'), t.count]),
    );
  };
  const queueCounts = async () => {
    const counts = await Promise.all(PERIODS.map((p) => countRaterAssignments(api.db, Y, RATER, p)));
    return Object.fromEntries(PERIODS.map((p, i) => [p, counts[i]]).filter(([, n]) => Number(n) > 0));
  };

  it('shows the same counts as the rater’s queue holds, in every period', async () => {
    // Prepare
    const expected = await queueCounts();
    expect(Object.keys(expected).length).toBeGreaterThan(0);

    // Act, Assess
    expect(await sheetCounts()).toEqual(expected);
  });

  it('follows a new assignment into its period', async () => {
    // Prepare
    const before = await sheetCounts();
    await createAssignments(api.db, [
      {
        year: Y,
        period: 'Q2',
        unitId: 'luoyang-thc',
        code: '9.9',
        raterId: RATER,
        assignedBy: 'admin',
        assignedAt: `${Y}-02-01T09:00:00+08:00`,
        version: 1,
      },
    ]);

    // Act
    const after = await sheetCounts();

    // Assess
    expect(after.Q2).toBe((before.Q2 ?? 0) + 1);
    expect(after).toEqual(await queueCounts());
  });

  it('counts the queue when a marker was written before the per-period counts', async () => {
    // Prepare: one of the rater's markers as older data has it, its total and no per-period counts
    const key = raterUnitKey(Y, RATER, 'luoyang-thc');
    const marker = await getItem<{ assignments: number }>(api.db, key);
    expect(marker?.assignments).toBeGreaterThan(0);
    const expected = await queueCounts();
    await batchPut(api.db, [
      {
        ...key,
        entity: 'rater-unit',
        year: Y,
        raterId: RATER,
        unitId: 'luoyang-thc',
        assignments: marker?.assignments,
      },
    ]);

    // Act, Assess
    expect(await sheetCounts()).toEqual(expected);
  });
});
