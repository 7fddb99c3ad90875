/**
 * The one-off backfill's decisions (scripts/backfill.ts), pure: what older data lacks of what this
 * version stores. Plain stored attributes in, the writes to make out, so it is tested without a store.
 * - a rater's unit markers (`raterUnitKey`), each the exact count of the rater's assignments at the unit,
 *   in all and per period (version 3);
 * - survey results' gsi1 entry (`surveyIndexes`: a period's results in one Query);
 * - pending amendments' sparse gsi2 entry (`pendingAmendmentIndexes`: the admin's 工作台).
 */
import { PERIODS, type Period } from '../schemas/year';
import { pendingAmendmentIndexes, raterUnitKey, surveyIndexes } from './keys';

/** The stored shape this version writes; the backfill brings older data up to it. */
export const SCHEMA_VERSION = 3;

type PeriodCounts = Record<`assignments${Period}`, number>;

/**
 * A rater's unit marker as stored: how many of the rater's assignments are at the unit, in all and
 * per period (the rater's 工作台 reads the per-period counts; version 2 stored the total only).
 */
export type RaterUnitMarker = {
  year: number;
  raterId: string;
  unitId: string;
  assignments: number;
} & PeriodCounts;

export type StoredMarker = { raterId: string; unitId: string; assignments?: number } & Partial<PeriodCounts>;

const COUNTED = ['assignments', ...PERIODS.map((p) => `assignments${p}` as const)] as const;

/**
 * The markers to write for a year: for every rater and unit of `assignments` the counts there, and
 * 0 for a stored marker whose unit holds none of the rater's assignments; a marker already right in
 * all its counts is left.
 */
export const planRaterUnits = (
  year: number,
  assignments: readonly { raterId: string; unitId: string; period: Period }[],
  stored: readonly StoredMarker[],
): RaterUnitMarker[] => {
  const counts = new Map<string, RaterUnitMarker>();
  const id = (m: { raterId: string; unitId: string }) => `${m.raterId}#${m.unitId}`;
  const empty = (m: { raterId: string; unitId: string }): RaterUnitMarker => ({
    year,
    raterId: m.raterId,
    unitId: m.unitId,
    assignments: 0,
    assignmentsQ1: 0,
    assignmentsQ2: 0,
    assignmentsQ3: 0,
    assignmentsQ4: 0,
  });
  for (const s of stored) counts.set(id(s), empty(s));
  for (const a of assignments) {
    const marker = counts.get(id(a)) ?? empty(a);
    marker.assignments += 1;
    marker[`assignments${a.period}`] += 1;
    counts.set(id(a), marker);
  }
  const now = new Map(stored.map((s) => [id(s), s]));
  return [...counts.values()].filter((m) => COUNTED.some((name) => now.get(id(m))?.[name] !== m[name]));
};

/** A marker as the table stores it (the same item the demo seed writes). */
export const raterUnitItem = (m: RaterUnitMarker) => ({
  ...raterUnitKey(m.year, m.raterId, m.unitId),
  entity: 'rater-unit',
  ...m,
});

/** Index attributes to set on (and remove from) one stored item; `pendingOnly`: only while still pending. */
export interface IndexUpdate {
  key: { pk: string; sk: string };
  set: Record<string, string>;
  remove: string[];
  /** The write holds only if the amendment is (`pending`) or is not (`decided`) still pending. */
  when?: 'pending' | 'decided';
}

type Stored = Record<string, unknown>;
const text = (item: Stored, name: string) => (typeof item[name] === 'string' ? (item[name] as string) : '');
const keyOf = (item: Stored) => ({ pk: text(item, 'pk'), sk: text(item, 'sk') });
const differs = (item: Stored, wanted: Record<string, string>) =>
  Object.entries(wanted).some(([name, value]) => item[name] !== value);

/** A unit's survey results of the year (stored: keys, `period`, `code`, gsi1) lacking their gsi1 entry. */
export const planSurveyIndexes = (year: number, unitId: string, stored: readonly Stored[]): IndexUpdate[] =>
  stored.flatMap((item) => {
    const wanted = surveyIndexes(year, unitId, text(item, 'period'), text(item, 'code'));
    return differs(item, wanted) ? [{ key: keyOf(item), set: wanted, remove: [] }] : [];
  });

/**
 * A unit's amendments of the year (stored: keys, `id`, `state`, gsi2): a pending one lacking its gsi2
 * entry gets it; a decided one still holding it loses it.
 */
export const planAmendmentIndexes = (
  year: number,
  unitId: string,
  stored: readonly Stored[],
): IndexUpdate[] =>
  stored.flatMap((item): IndexUpdate[] => {
    if (item.state === 'pending') {
      const wanted = pendingAmendmentIndexes(year, unitId, text(item, 'id'));
      return differs(item, wanted) ? [{ key: keyOf(item), set: wanted, remove: [], when: 'pending' }] : [];
    }
    return item.gsi2pk !== undefined
      ? [{ key: keyOf(item), set: {}, remove: ['gsi2pk', 'gsi2sk'], when: 'decided' }]
      : [];
  });
