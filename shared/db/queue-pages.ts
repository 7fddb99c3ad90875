/**
 * A rater's queue a page of units at a time (a city's rater holds 500 units a quarter): the page's
 * assignments are read from the rater's partition in sort-key order (unit, then indicator) with a
 * Limit, from after the cursor's unit, and cut at a unit boundary, so a unit is never split between
 * pages. Only those units' periods are then read (agreement, facts, items, files by key), a few at a
 * time. The header's totals are counting Queries (nothing sent back), read on the first page only.
 */
import type { Assignment } from '../schemas/scoring';
import type { Period } from '../schemas/year';
import { countRaterAssignments } from './assignment-repo';
import type { Db } from './client';
import { countPrefix, queryPages, stripKeys } from './items';
import { raterAssignmentsAfter, raterAssignmentsQuery, raterRatingsQuery } from './keys';

/** Assignments read per Query: a unit holds about a dozen, so a page of 50 units is a few Queries. */
const ASSIGNMENTS_PER_QUERY = 200;

export interface AssignmentPage {
  assignments: Assignment[];
  /** The page's last unit, when more units follow. */
  next: string | null;
}

/** The rater's assignments of a period for `units` units, after the unit `afterUnitId`. */
export const pageRaterAssignments = async (
  db: Db,
  q: { year: number; raterId: string; period: Period; units: number; afterUnitId?: string | undefined },
): Promise<AssignmentPage> => {
  const { year, raterId, period } = q;
  const condition = q.afterUnitId
    ? (() => {
        const range = raterAssignmentsAfter(year, raterId, period, q.afterUnitId);
        return {
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': range.pk, ':from': range.from, ':to': range.to },
        };
      })()
    : (() => {
        const prefix = raterAssignmentsQuery(year, raterId, period);
        return {
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
          ExpressionAttributeValues: { ':pk': prefix.pk, ':sk': prefix.skPrefix },
        };
      })();
  const assignments: Assignment[] = [];
  const units: string[] = [];
  for await (const page of queryPages(db, { ...condition, Limit: ASSIGNMENTS_PER_QUERY })) {
    for (const item of page.Items ?? []) {
      const a = stripKeys<Assignment>(item);
      if (units.at(-1) !== a.unitId) {
        // One unit past the page: the page is whole and more follow.
        if (units.length === q.units) return { assignments, next: units.at(-1) ?? null };
        units.push(a.unitId);
      }
      assignments.push(a);
    }
  }
  return { assignments, next: null };
};

/** The header of a rater's queue pages: how many assignments they hold, and how many they have rated. */
export const countRaterQueue = async (db: Db, year: number, raterId: string, period: Period) => {
  const [assigned, rated] = await Promise.all([
    countRaterAssignments(db, year, raterId, period),
    countPrefix(db, raterRatingsQuery(year, raterId, period)),
  ]);
  return { assigned, rated };
};
