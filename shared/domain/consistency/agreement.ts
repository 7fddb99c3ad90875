/**
 * Per rating indicator: how far its raters agree. The statistic is deliberately simple and readable
 * by a committee: for every item (unit, period) with two or more marks, the range of the marks
 * (highest − lowest) as a percentage of `W`; the indicator reports the mean range and the share of
 * items whose range is within the agreement threshold (20 % of `W` by default, the spread alert's).
 */
import { FULL_BP, type RatedItem } from './marks';
import { roundDiv } from './round';
import type { ConsistencyThresholds } from './thresholds';

/** How many of an indicator's widest-spread items are listed. */
export const WIDEST_LISTED = 3;

export interface WideItem {
  unitId: string;
  unitName: string;
  period: RatedItem['period'];
  rangeBp: number;
}

/** One rating indicator's line. Percentages are hundredths of a percent (of `W` for ranges). */
export interface IndicatorAgreement {
  code: string;
  name: string;
  /** Items (unit × period) with two or more marks: the ones agreement is measured on. */
  items: number;
  units: number;
  raters: number;
  meanRangeBp: number;
  /** Share of those items whose range is within the threshold. */
  agreementShareBp: number;
  widest: WideItem[];
}

const rangeOf = (item: RatedItem): number => {
  let high = 0;
  let low = FULL_BP;
  for (const mark of item.marks) {
    high = Math.max(high, mark.bp);
    low = Math.min(low, mark.bp);
  }
  return high - low;
};

/**
 * Each rating indicator with co-rated items, by code; indicators rated by one rater only are left out.
 * @example indicatorAgreement(items, DEFAULT_THRESHOLDS)[0]?.meanRangeBp // 1500
 */
export const indicatorAgreement = (
  items: readonly RatedItem[],
  thresholds: ConsistencyThresholds,
): IndicatorAgreement[] => {
  const byCode = new Map<string, { name: string; items: { item: RatedItem; range: number }[] }>();
  for (const item of items) {
    if (item.marks.length < 2) continue;
    const entry = byCode.get(item.code) ?? { name: item.indicatorName, items: [] };
    entry.items.push({ item, range: rangeOf(item) });
    byCode.set(item.code, entry);
  }
  return [...byCode.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, entry]) => {
      let total = 0;
      let agreeing = 0;
      const units = new Set<string>();
      const raters = new Set<string>();
      for (const { item, range } of entry.items) {
        total += range;
        if (range <= thresholds.agreementRangeBp) agreeing += 1;
        units.add(item.unitId);
        for (const mark of item.marks) raters.add(mark.raterId);
      }
      const widest = [...entry.items]
        .sort((a, b) => b.range - a.range || (a.item.unitId < b.item.unitId ? -1 : 1))
        .slice(0, WIDEST_LISTED)
        .map(({ item, range }) => ({
          unitId: item.unitId,
          unitName: item.unitName,
          period: item.period,
          rangeBp: range,
        }));
      return {
        code,
        name: entry.name,
        items: entry.items.length,
        units: units.size,
        raters: raters.size,
        meanRangeBp: roundDiv(total, entry.items.length),
        agreementShareBp: roundDiv(agreeing * FULL_BP, entry.items.length),
        widest,
      };
    });
};
