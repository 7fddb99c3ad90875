/**
 * What the committee sees of a unit's period, built from plain data the repositories read: a
 * rater's queue item and the admin's scoring progress (counts per rater and per indicator, spread
 * alerts, finalized sheets). Pure.
 */
import type { RatingRecord, UnitFacts, Verification } from '../../schemas/facts';
import type { Leaf } from '../../schemas/scenario';
import type { Assignment, Queue, QueueItem, RaterSheet, ScoringProgress } from '../../schemas/scoring';
import type { EvidenceFile, SubmissionItem } from '../../schemas/submission';
import type { Period } from '../../schemas/year';
import { summaryCheck } from '../extraction/summary-check';
import { ruleTextOf } from '../scoring';
import { countBy, queueState, spreadAlerts } from './progress';
import { computeScore, ratingCents, type ScoredFields, wCentsOf } from './score-input';

/** What scoring needs of one unit in one period: its leaves, stored facts, reported items and files. */
export interface UnitPeriodScoring {
  unitId: string;
  leaves: Map<string, Leaf>;
  facts: UnitFacts;
  items: Map<string, SubmissionItem>;
  files: EvidenceFile[];
}

/** The stored score of a leaf: the verification (formula rules) or this rater's rating. */
export const scoreOf = (
  unit: UnitPeriodScoring,
  period: Period,
  code: string,
  raterId: string,
  leaf: Leaf,
): Verification | RatingRecord | undefined =>
  leaf.rule.type === 'rating'
    ? unit.facts.ratings.find((r) => r.period === period && r.code === code && r.raterId === raterId)
    : unit.facts.verifications.find((v) => v.period === period && v.code === code);

const fieldsOf = (leaf: Leaf, score: Verification | RatingRecord): ScoredFields => {
  if (leaf.rule.type === 'rating') {
    const rating = score as RatingRecord;
    return {
      kind: 'rating',
      ...(rating.pointsCents !== undefined ? { pointsCents: rating.pointsCents } : {}),
      ...(rating.band ? { band: rating.band } : {}),
    };
  }
  const v = score as Verification;
  return {
    kind: 'verification',
    verifiedValue: v.verifiedValue,
    ...(v.completion ? { completion: v.completion } : {}),
    ...(v.occurrences !== undefined ? { occurrences: v.occurrences } : {}),
  };
};

/** The engine's score of a stored record, or null where it no longer computes (e.g. a changed rule). */
const safeCompute = (leaf: Leaf, fields: ScoredFields, raterId: string) => {
  try {
    return computeScore(leaf, fields, raterId);
  } catch {
    return null;
  }
};

/** One item of a rater's queue, or undefined when the unit's agreement no longer has the leaf. */
export const queueItem = (
  year: number,
  period: Period,
  a: Assignment,
  unit: UnitPeriodScoring,
  unitName: string,
): QueueItem | undefined => {
  const leaf = unit.leaves.get(a.code);
  if (!leaf) return undefined;
  const reported = unit.items.get(a.code);
  const score = scoreOf(unit, period, a.code, a.raterId, leaf);
  return {
    unitId: a.unitId,
    unitName,
    code: a.code,
    name: leaf.name,
    ruleType: leaf.rule.type,
    ruleText: leaf.ruleText ?? ruleTextOf(leaf) ?? '',
    measure: leaf.measure,
    W: leaf.W,
    target: leaf.target ?? null,
    scale: leaf.rule.type === 'rating' ? leaf.rule.scale : null,
    state: queueState({ reportedStatus: reported?.status ?? null, scored: score !== undefined }),
    reported: reported
      ? {
          status: reported.status,
          value: reported.value,
          narrative: reported.narrative,
          version: reported.version,
        }
      : null,
    score: score ? { ...score } : null,
    computed: score ? safeCompute(leaf, fieldsOf(leaf, score), a.raterId) : null,
    files: unit.files
      .filter((f) => f.code === a.code)
      .map((f) => ({ fileId: f.fileId, name: f.name, size: f.size, contentType: f.contentType })),
    evidenceLink: `/submissions?year=${year}&period=${period}&unit=${a.unitId}`,
    summary: summaryCheck(reported?.value, reported?.source),
  };
};

/**
 * A rater's queue of a period: one item per assignment whose unit still has the leaf, in the
 * assignments' order, with the counts per state and the rater's sheet.
 */
export const raterQueue = (input: {
  year: number;
  period: Period;
  raterId: string;
  sheet: RaterSheet;
  assignments: readonly Assignment[];
  units: readonly UnitPeriodScoring[];
  unitNames: readonly { id: string; name: string }[];
}): Queue => {
  const { year, period } = input;
  const byId = new Map(input.units.map((u) => [u.unitId, u]));
  const names = new Map(input.unitNames.map((u) => [u.id, u.name]));
  const items = input.assignments.flatMap((a) => {
    const unit = byId.get(a.unitId);
    const item = unit && queueItem(year, period, a, unit, names.get(a.unitId) ?? a.unitId);
    return item ? [item] : [];
  });
  const counts = { pending: 0, scored: 0, returned: 0 };
  for (const item of items) counts[item.state]++;
  return { year, period, raterId: input.raterId, sheet: input.sheet, counts, items };
};

/** The raters a progress view lists: those with an assignment, whatever its unit's state. */
export const assignedRaterIds = (assignments: readonly Assignment[]): string[] =>
  [...new Set(assignments.map((a) => a.raterId))].sort();

/**
 * The admin's progress view of a period: each rater's and each indicator's counts over the
 * assignments whose unit still has the leaf, whether each rater's sheet is finalized, and the
 * spread alerts of `rating` leaves. Raters without a countable assignment are left out.
 */
export const scoringProgress = (input: {
  year: number;
  period: Period;
  assignments: readonly Assignment[];
  units: readonly UnitPeriodScoring[];
  users: readonly { id: string; name: string }[];
  sheets: readonly RaterSheet[];
}): ScoringProgress => {
  const { year, period } = input;
  const byUnit = new Map(input.units.map((u) => [u.unitId, u]));
  const rated = input.assignments.flatMap((a) => {
    const unit = byUnit.get(a.unitId);
    const leaf = unit?.leaves.get(a.code);
    if (!unit || !leaf) return [];
    const state = queueState({
      reportedStatus: unit.items.get(a.code)?.status ?? null,
      scored: scoreOf(unit, period, a.code, a.raterId, leaf) !== undefined,
    });
    return [{ a, leaf, state }];
  });
  const raterIds = assignedRaterIds(rated.map((r) => r.a));
  const finalized = new Set(input.sheets.filter((s) => s.state === 'finalized').map((s) => s.raterId));
  const names = new Map(input.users.map((u) => [u.id, u.name]));
  const byRater = countBy(
    rated,
    (r) => r.a.raterId,
    (r) => r.state,
  );
  const byCode = countBy(
    rated,
    (r) => r.a.code,
    (r) => r.state,
  );
  const leafNames = new Map(rated.map((r) => [r.a.code, r.leaf.name]));
  const groups = input.units.flatMap((unit) =>
    [...unit.leaves.values()]
      .filter((leaf) => leaf.rule.type === 'rating')
      .map((leaf) => ({
        unitId: unit.unitId,
        code: leaf.code,
        period,
        wCents: wCentsOf(leaf),
        marks: unit.facts.ratings
          .filter((r) => r.period === period && r.code === leaf.code)
          .flatMap((r) => {
            const cents = ratingCents(leaf, r);
            return cents === undefined ? [] : [{ raterId: r.raterId, cents }];
          }),
      })),
  );
  return {
    year,
    period,
    byRater: raterIds.map((raterId) => ({
      raterId,
      name: names.get(raterId) ?? raterId,
      finalized: finalized.has(raterId),
      ...(byRater.get(raterId) ?? { scored: 0, pending: 0, returned: 0 }),
    })),
    byIndicator: [...byCode.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
      .map(([code, counts]) => ({ code, name: leafNames.get(code) ?? code, ...counts })),
    spreadAlerts: spreadAlerts(groups),
  };
};
