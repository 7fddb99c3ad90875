/**
 * The rater consistency report as the API gives it (docs/rater-consistency.md): computed from the
 * scenario the engine scores, with the raters' names and the year's thresholds — in the request for
 * a year within the live limit of the results page, otherwise by the `consistency` job, which stores
 * it whole; each reader is then shown what `raterLinesVisibleTo` lets them see of it.
 */

import type { Db } from '../db/client';
import { readComputedConsistency } from '../db/consistency-repo';
import { listUsers } from '../db/org-repo';
import { loadScenario } from '../db/results-repo';
import { computedLive } from '../db/results-run-repo';
import { getYear } from '../db/year-repo';
import {
  consistencySteps,
  type RaterSensitivity,
  reportVisibleTo,
  thresholdsOf,
} from '../domain/consistency';
import { parseScenario } from '../domain/scoring';
import type { ConsistencyReportView } from '../schemas/consistency';
import type { Period } from '../schemas/year';

/** How far a computation has come (a job stores it as progress). */
export interface ConsistencyProgress {
  /** After each unit's facts are read. */
  read?: (done: number, total: number) => void;
  /** Before each rater's sensitivity (the engine re-scores their units), and once all are done. */
  rescored?: (done: number, total: number) => Promise<void>;
}

/** Computes the report of the year (or `period`); with `onlyRater`, that rater's line only. */
export const computeConsistencyReport = async (
  db: Db,
  year: number,
  { period, onlyRater }: { period?: Period | null; onlyRater?: string },
  progress: ConsistencyProgress = {},
): Promise<ConsistencyReportView> => {
  const [stored, users, settings] = await Promise.all([
    loadScenario(db, year, progress.read),
    listUsers(db),
    getYear(db, year),
  ]);
  const { head, raterIds, sensitivityOf } = consistencySteps(parseScenario(stored), {
    thresholds: thresholdsOf(settings.consistency),
    ...(period ? { period } : {}),
    ...(onlyRater ? { onlyRater } : {}),
  });
  const sensitivity: RaterSensitivity[] = [];
  for (const raterId of raterIds) {
    await progress.rescored?.(sensitivity.length, raterIds.length);
    sensitivity.push(sensitivityOf(raterId));
  }
  await progress.rescored?.(raterIds.length, raterIds.length);
  const names = new Map(users.map((u) => [u.id, u.name]));
  const raters = head.raters.map((r) => ({ ...r, raterName: names.get(r.raterId) ?? r.raterId }));
  return { ...head, raters, sensitivity };
};

/**
 * The report as `lines` may read it (`raterLinesVisibleTo`): computed now within the live limit;
 * above it the latest stored report of the scope with when it was computed (`computed`), or an
 * empty one with `computed: null` while none has been.
 */
export const readConsistencyReport = async (
  db: Db,
  year: number,
  period: Period | null,
  lines: 'all' | string,
  liveMaxUnits?: number,
): Promise<ConsistencyReportView> => {
  const onlyRater = lines === 'all' ? undefined : lines;
  if (await computedLive(db, year, liveMaxUnits)) {
    return computeConsistencyReport(db, year, { period, ...(onlyRater ? { onlyRater } : {}) });
  }
  const [stored, settings] = await Promise.all([
    readComputedConsistency(db, year, period),
    getYear(db, year),
  ]);
  if (!stored) {
    return {
      year,
      period,
      asOfPeriod: period ?? 'Q4',
      thresholds: thresholdsOf(settings.consistency),
      raters: [],
      indicators: [],
      sensitivity: [],
      computed: null,
    };
  }
  const { jobId, computedAt, computedBy, computedByName } = stored.computed;
  return {
    ...reportVisibleTo(stored.report, lines),
    computed: { jobId, computedAt, computedBy, computedByName },
  };
};
