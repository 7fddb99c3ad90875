/**
 * The distance between a unit's claim and the confirmed result: 自评 − 审定 per unit and
 * indicator, over items whose review is done. Positive means the unit claimed more than was
 * confirmed (overclaim). A large systematic overclaim warns before publicity.
 */
import type { DistanceReport, DistanceRow, StageReview } from '../../schemas/review-stages';
import { stageFigure, submittedSelf } from './review';

export interface DistanceSource {
  review: StageReview;
  unitName: string;
  name: string;
}

/** One row per done item with a submitted self score, largest overclaim first. */
export const distanceRows = (sources: readonly DistanceSource[]): DistanceRow[] =>
  sources
    .flatMap(({ review, unitName, name }) => {
      const self = submittedSelf(review);
      const final = review.status === 'done' ? stageFigure(review) : null;
      if (self === null || !final) return [];
      return [
        {
          unitId: review.unitId,
          unitName,
          period: review.period,
          code: review.code,
          name,
          selfCents: self,
          finalCents: final.cents,
          distanceCents: self - final.cents,
        },
      ];
    })
    .sort(
      (a, b) =>
        b.distanceCents - a.distanceCents ||
        a.unitId.localeCompare(b.unitId) ||
        a.code.localeCompare(b.code) ||
        a.period.localeCompare(b.period),
    );

const totals = <K extends string>(rows: readonly DistanceRow[], key: (r: DistanceRow) => K) => {
  const by = new Map<K, { rows: DistanceRow[] }>();
  for (const row of rows) {
    const group = by.get(key(row)) ?? { rows: [] };
    group.rows.push(row);
    by.set(key(row), group);
  }
  return [...by.values()].map(({ rows: group }) => ({
    first: group[0] as DistanceRow,
    items: group.length,
    overclaimed: group.filter((r) => r.distanceCents > 0).length,
    distanceCents: group.reduce((sum, r) => sum + r.distanceCents, 0),
  }));
};

/** The committee's report: the rows, the units that overclaim most, the indicators most overclaimed. */
export const distanceReport = (year: number, sources: readonly DistanceSource[]): DistanceReport => {
  const rows = distanceRows(sources);
  const order = (a: { distanceCents: number }, b: { distanceCents: number }) =>
    b.distanceCents - a.distanceCents;
  return {
    year,
    rows,
    byUnit: totals(rows, (r) => r.unitId)
      .map(({ first, ...t }) => ({ unitId: first.unitId, unitName: first.unitName, ...t }))
      .sort((a, b) => order(a, b) || a.unitId.localeCompare(b.unitId)),
    byIndicator: totals(rows, (r) => r.code)
      .map(({ first, ...t }) => ({ code: first.code, name: first.name, ...t }))
      .sort((a, b) => order(a, b) || a.code.localeCompare(b.code)),
  };
};

/** A unit overclaims systematically when at least this many of its items were lowered … */
export const OVERCLAIM_MIN_ITEMS = 3;
/** … and its claims exceed the confirmed figures by at least this much in total (5.00 points). */
export const OVERCLAIM_MIN_CENTS = 500;

/** Units whose self scores exceed the confirmed ones on several items and by a large total. */
export const systematicOverclaims = (report: Pick<DistanceReport, 'byUnit'>) =>
  report.byUnit.filter((u) => u.overclaimed >= OVERCLAIM_MIN_ITEMS && u.distanceCents >= OVERCLAIM_MIN_CENTS);
