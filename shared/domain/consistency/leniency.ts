/**
 * Per rater: how their marks compare with the other raters of the same items. Leniency is the mean
 * signed deviation of a rater's mark from the leave-one-out mean of the co-raters on the same
 * (unit, indicator, period); an item nobody else rated counts as rated but not as co-rated.
 */
import { FULL_BP, type RatedItem } from './marks';
import { roundDiv, spreadOf } from './round';
import type { ConsistencyThresholds } from './thresholds';

/** One rater's line. Percentages are hundredths of a percent of `W` (10000 = 100 %). */
export interface RaterConsistency {
  raterId: string;
  itemsRated: number;
  coRatedItems: number;
  meanMarkBp: number;
  /** Mean signed deviation from the co-raters' mean (positive: more lenient than the others). */
  leniencyBp: number;
  /** Population standard deviation of those deviations. */
  leniencySpreadBp: number;
  /** Share of the rater's marks at the top of the scale, in hundredths of a percent. */
  fullMarksShareBp: number;
  /** Share of the rater's marks at the top or the bottom of the scale. */
  extremesShareBp: number;
  flag: 'lenient' | 'harsh' | null;
}

interface Tally {
  marks: number[];
  deviations: number[];
  top: number;
  extreme: number;
}

const share = (count: number, of: number): number => (of === 0 ? 0 : roundDiv(count * FULL_BP, of));
const mean = (values: readonly number[]): number => {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length === 0 ? 0 : roundDiv(sum, values.length);
};

/**
 * Each rater's line, by rater id. A deviation is rounded to 0.01 % of `W` before averaging.
 * @example raterConsistency(items, DEFAULT_THRESHOLDS)[0]?.leniencyBp // 1500 (15 % of W above the others)
 */
export const raterConsistency = (
  items: readonly RatedItem[],
  thresholds: ConsistencyThresholds,
): RaterConsistency[] => {
  const tallies = new Map<string, Tally>();
  for (const item of items) {
    let sum = 0;
    for (const mark of item.marks) sum += mark.bp;
    const others = item.marks.length - 1;
    for (const mark of item.marks) {
      let tally = tallies.get(mark.raterId);
      if (!tally) {
        tally = { marks: [], deviations: [], top: 0, extreme: 0 };
        tallies.set(mark.raterId, tally);
      }
      tally.marks.push(mark.bp);
      if (mark.top) tally.top += 1;
      if (mark.top || mark.bottom) tally.extreme += 1;
      // m − (Σ − m)/(k − 1) = (k·m − Σ)/(k − 1), exact until this one rounding.
      if (others > 0) tally.deviations.push(roundDiv(item.marks.length * mark.bp - sum, others));
    }
  }
  return [...tallies.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([raterId, tally]) => {
      const leniencyBp = mean(tally.deviations);
      const flagged =
        tally.deviations.length >= thresholds.minCoRatedItems && Math.abs(leniencyBp) > thresholds.leniencyBp;
      return {
        raterId,
        itemsRated: tally.marks.length,
        coRatedItems: tally.deviations.length,
        meanMarkBp: mean(tally.marks),
        leniencyBp,
        leniencySpreadBp: spreadOf(tally.deviations),
        fullMarksShareBp: share(tally.top, tally.marks.length),
        extremesShareBp: share(tally.extreme, tally.marks.length),
        flag: flagged ? (leniencyBp > 0 ? 'lenient' : 'harsh') : null,
      };
    });
};
