/**
 * The raters' marks of a scenario, read from the same facts the engine scores, each expressed in
 * hundredths of a percent of the leaf's `W` (10000 = full marks) so that leaves of different weight
 * and the two rating scales (points, bands) can be compared.
 */
import type { Period, Scenario } from '../../schemas/scenario';
import { type CompiledAgreement, compileAgreement } from '../scoring/agreement';
import { POINT_PLACES, scaledOf } from '../scoring/decimal';
import { isMarkAllowed } from '../scoring/mark-grid';
import type { CompiledLeaf } from '../scoring/types';
import { roundDiv } from './round';

/** 100 % of `W` in hundredths of a percent. */
export const FULL_BP = 10_000;

export interface RatedMark {
  raterId: string;
  /** The mark in hundredths of a percent of `W`. */
  bp: number;
  /** The top of the scale: `W` on the points scale, the highest band on the band scale. */
  top: boolean;
  /** The bottom of the scale: 0 on the points scale, the lowest band on the band scale. */
  bottom: boolean;
}

/** One rated (unit, indicator, period) with every rater's mark. */
export interface RatedItem {
  unitId: string;
  unitName: string;
  categoryId: string;
  code: string;
  indicatorName: string;
  period: Period;
  wCents: number;
  marks: RatedMark[];
}

/**
 * A mark on the points scale as a share of `W`.
 * @example pointsMark('r1', 1500, 2000) // { raterId: 'r1', bp: 7500, top: false, bottom: false }
 */
export const pointsMark = (raterId: string, cents: number, wCents: number): RatedMark => ({
  raterId,
  bp: roundDiv(cents * FULL_BP, wCents),
  top: cents === wCents,
  bottom: cents === 0,
});

const markOf = (leaf: CompiledLeaf, rating: { points?: number | string; band?: string }) => {
  const rule = leaf.rule;
  if (rule.type !== 'rating') return null;
  if (rule.scale === 'bands') {
    const percents = Object.values(rule.bands);
    const percent =
      rating.band === undefined ? undefined : rule.bands[rating.band as keyof typeof rule.bands];
    if (percent === undefined) return null;
    return {
      bp: percent * 100,
      top: percent === Math.max(...percents),
      bottom: percent === Math.min(...percents),
    };
  }
  if (rating.points === undefined || leaf.wCents <= 0) return null;
  const cents = scaledOf(rating.points, POINT_PLACES);
  if (typeof cents === 'string' || !isMarkAllowed(cents, leaf.wCents)) return null;
  return pointsMark('', cents, leaf.wCents);
};

/**
 * Every rated item of the scenario (optionally of one period), in the scenario's fact order. Marks
 * the engine would refuse are left out here too; a rater rating the same item twice counts once.
 * @example ratedItems(scenario, 'Q4')[0]?.marks // [{ raterId: 'r1', bp: 8000, top: false, bottom: false }]
 */
export const ratedItems = (scenario: Scenario, period?: Period): RatedItem[] => {
  // Only the agreements are compiled (not the whole scenario): the marks are read once, below.
  const agreements = new Map(scenario.agreements.map((a, i) => [a.unitId, { a, i }] as const));
  const compiled = new Map<string, CompiledAgreement & Scenario['units'][number]>();
  const unitOf = (unitId: string) => {
    const cached = compiled.get(unitId);
    if (cached) return cached;
    const found = agreements.get(unitId);
    const meta = units.get(unitId);
    if (!found || !meta) return undefined;
    const unit = { ...meta, ...compileAgreement(found.a.indicators, `agreements[${found.i}]`, null, []) };
    compiled.set(unitId, unit);
    return unit;
  };
  const units = new Map(scenario.units.map((u) => [u.id, u] as const));
  const items: RatedItem[] = [];
  for (const fact of scenario.facts) {
    if (!fact.ratings || fact.ratings.length === 0) continue;
    if (period !== undefined && fact.period !== period) continue;
    const unit = unitOf(fact.unitId);
    const at = unit?.leafIndex?.get(fact.code);
    const leaf = at === undefined ? undefined : unit?.leaves[at];
    if (!unit || !leaf || leaf.rule.type !== 'rating') continue;
    const marks: RatedMark[] = [];
    for (const rating of fact.ratings) {
      if (marks.some((m) => m.raterId === rating.raterId)) continue;
      const mark = markOf(leaf, rating);
      if (mark) marks.push({ ...mark, raterId: rating.raterId });
    }
    if (marks.length === 0) continue;
    items.push({
      unitId: unit.id,
      unitName: unit.name,
      categoryId: unit.categoryId,
      code: leaf.code,
      indicatorName: leaf.name,
      period: fact.period,
      wCents: leaf.wCents,
      marks,
    });
  }
  return items;
};
