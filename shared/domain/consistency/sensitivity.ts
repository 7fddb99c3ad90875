/**
 * Outcome sensitivity: for each rater, the results recomputed by the scoring engine without that
 * rater's marks (the remaining raters' mean, trimmed from 5 raters on), and the units whose grade or
 * rank would change. Only what a rater's removal can change is re-scored: the leaves that rater
 * marked, of the units they marked; then only those units' categories are ranked again.
 */
import type { Grade, Results, UnitResult } from '../../schemas/results';
import type { Agreement, Fact, Leaf, Period, Scenario } from '../../schemas/scenario';
import { computeResults, rankAndGrade } from '../scoring/compute';
import { POINT_PLACES, scaledOf } from '../scoring/decimal';
import { PERIODS, periodIndex } from '../scoring/periods';

export interface OutcomeChange {
  unitId: string;
  unitName: string;
  categoryId: string;
  finalCents: number;
  finalCentsWithout: number;
  rank: number;
  rankWithout: number;
  grade: Grade;
  gradeWithout: Grade;
}

export interface RaterSensitivity {
  raterId: string;
  changes: OutcomeChange[];
}

const removes = (raterId: string, period: Period | undefined) => (fact: Fact) =>
  fact.ratings?.some((r) => r.raterId === raterId) && (period === undefined || fact.period === period);

const without = (fact: Fact, raterId: string): Fact => ({
  ...fact,
  ratings: fact.ratings?.filter((r) => r.raterId !== raterId),
});

/** The scenario without `raterId`'s marks (only those of `period` when given). */
export const withoutRater = (scenario: Scenario, raterId: string, period?: Period): Scenario => {
  const removed = removes(raterId, period);
  return { ...scenario, facts: scenario.facts.map((f) => (removed(f) ? without(f, raterId) : f)) };
};

/**
 * The period the sensitivity compares results as of: the report's period, or without one the last
 * period anyone has marked (the results so far, graded on the score rate before Q4; Q4 for a year
 * marked to its end).
 */
export const sensitivityPeriod = (scenario: Scenario, period?: Period): Period => {
  if (period) return period;
  let last = -1;
  for (const fact of scenario.facts)
    if (fact.ratings && fact.ratings.length > 0) last = Math.max(last, periodIndex(fact.period));
  return PERIODS[last] ?? 'Q4';
};

const keyOf = (unitId: string, code: string) => `${unitId}\u0000${code}`;

/** The leaves worth the rest of the agreement's 100 points, so that an agreement cut to `codes` compiles. */
const restLeaf = (agreement: Agreement, keptCents: number): Leaf => {
  const codes = new Set(agreement.indicators.flatMap((d) => d.leaves.map((l) => l.code)));
  let code = '其余指标';
  while (codes.has(code)) code += '·';
  const rest = 10_000 - keptCents;
  return {
    code,
    name: code,
    W: `${Math.floor(rest / 100)}.${String(rest % 100).padStart(2, '0')}`,
    measure: 'number',
    direction: 'higher',
    rule: { type: 'deduction' },
    periods: ['Q4'],
  };
};

/** The agreement with only the leaves `codes` (and one leaf for the rest of its points). */
const cutAgreement = (agreement: Agreement, codes: ReadonlySet<string>): Agreement => {
  let keptCents = 0;
  const indicators: Agreement['indicators'] = [];
  for (const dimension of agreement.indicators) {
    const leaves = dimension.leaves.filter((leaf) => codes.has(leaf.code));
    for (const leaf of leaves) keptCents += Number(scaledOf(leaf.W, POINT_PLACES));
    if (leaves.length > 0) indicators.push({ ...dimension, leaves });
  }
  if (keptCents < 10_000) indicators.push({ name: '其余指标', leaves: [restLeaf(agreement, keptCents)] });
  return { ...agreement, indicators };
};

/** The facts of the year indexed once, for every rater's re-score. */
interface Indexed {
  factsByLeaf: Map<string, Fact[]>;
  /** Per rater, per unit, the leaves they marked (in the report's period). */
  markedBy: Map<string, Map<string, Set<string>>>;
  agreements: Map<string, Agreement>;
  /** Agreements cut to the leaves some rater marked, by unit and leaves (raters often mark the same). */
  cut: Map<string, Agreement>;
  actualUnits: Map<string, UnitResult>;
}

const indexScenario = (scenario: Scenario, actual: Results, period: Period | undefined): Indexed => {
  const factsByLeaf = new Map<string, Fact[]>();
  const markedBy = new Map<string, Map<string, Set<string>>>();
  for (const fact of scenario.facts) {
    const key = keyOf(fact.unitId, fact.code);
    const list = factsByLeaf.get(key);
    if (list) list.push(fact);
    else factsByLeaf.set(key, [fact]);
    if (!fact.ratings || (period !== undefined && fact.period !== period)) continue;
    for (const { raterId } of fact.ratings) {
      const units = markedBy.get(raterId) ?? new Map<string, Set<string>>();
      markedBy.set(raterId, units);
      units.set(fact.unitId, (units.get(fact.unitId) ?? new Set<string>()).add(fact.code));
    }
  }
  return {
    factsByLeaf,
    markedBy,
    agreements: new Map(scenario.agreements.map((a) => [a.unitId, a])),
    cut: new Map(),
    actualUnits: new Map(actual.categories.flatMap((c) => c.units.map((u) => [u.unitId, u] as const))),
  };
};

const cutFor = (index: Indexed, unitId: string, codes: ReadonlySet<string>): Agreement | undefined => {
  const key = `${unitId}\u0000${[...codes].join('\u0000')}`;
  const cached = index.cut.get(key);
  if (cached) return cached;
  const agreement = index.agreements.get(unitId);
  if (!agreement) return undefined;
  const cut = cutAgreement(agreement, codes);
  index.cut.set(key, cut);
  return cut;
};

/**
 * Each marked unit's final score without `raterId`: the engine re-scores only the leaves they
 * marked (the other leaves, bonuses, penalties and vetoes cannot change), and the difference of
 * those leaves' annual scores moves the unit's base and final score.
 */
const shiftsWithout = (
  scenario: Scenario,
  index: Indexed,
  raterId: string,
  period: Period | undefined,
  asOfPeriod: Period,
): Map<string, number> => {
  const codesByUnit = index.markedBy.get(raterId) ?? new Map<string, Set<string>>();
  const removed = removes(raterId, period);
  const agreements: Agreement[] = [];
  const facts: Fact[] = [];
  for (const [unitId, codes] of codesByUnit) {
    const agreement = cutFor(index, unitId, codes);
    if (agreement) agreements.push(agreement);
    for (const code of codes)
      for (const fact of index.factsByLeaf.get(keyOf(unitId, code)) ?? [])
        facts.push(removed(fact) ? without(fact, raterId) : fact);
  }
  const rescored = computeResults(
    {
      ...scenario,
      units: scenario.units.filter((u) => codesByUnit.has(u.id)),
      agreements,
      facts,
      deductions: [],
      bonuses: [],
      penalties: [],
      vetoes: [],
    },
    { asOfPeriod },
  );
  const shifts = new Map<string, number>();
  for (const unit of rescored.categories.flatMap((c) => c.units)) {
    const codes = codesByUnit.get(unit.unitId);
    const before = new Map(index.actualUnits.get(unit.unitId)?.leaves.map((l) => [l.code, l.annualCents]));
    let shift = 0;
    for (const leaf of unit.leaves)
      if (codes?.has(leaf.code)) shift += leaf.annualCents - (before.get(leaf.code) ?? 0);
    if (shift !== 0) shifts.set(unit.unitId, shift);
  }
  return shifts;
};

/** The units of the categories whose scores shift, ranked again by the engine; the changed ones listed. */
const changesAfter = (actual: Results, shifts: ReadonlyMap<string, number>): OutcomeChange[] => {
  const changes: OutcomeChange[] = [];
  for (const category of actual.categories) {
    if (!category.units.some((u) => shifts.has(u.unitId))) continue;
    const shifted = category.units.map(({ rank: _r, grade: _g, scoreRateBasisPoints: _s, ...unit }) => {
      const shift = shifts.get(unit.unitId) ?? 0;
      return { ...unit, baseCents: unit.baseCents + shift, finalCents: unit.finalCents + shift };
    });
    const after = new Map(
      rankAndGrade(shifted, category.excellentQuota, actual.asOfPeriod).map((u) => [u.unitId, u]),
    );
    for (const unit of category.units) {
      const other = after.get(unit.unitId);
      if (!other || (other.rank === unit.rank && other.grade === unit.grade)) continue;
      changes.push({
        unitId: unit.unitId,
        unitName: unit.unitName,
        categoryId: category.categoryId,
        finalCents: unit.finalCents,
        finalCentsWithout: other.finalCents,
        rank: unit.rank,
        rankWithout: other.rank,
        grade: unit.grade,
        gradeWithout: other.grade,
      });
    }
  }
  return changes;
};

/**
 * For every rater in `raterIds`, the units whose grade or rank differs without their marks (those
 * of `period` when given). `actual` is the engine's result for the scenario as it is, as of
 * `sensitivityPeriod(scenario, period)` (passed in so it is computed once).
 */
export const outcomeSensitivity = (
  scenario: Scenario,
  actual: Results,
  raterIds: readonly string[],
  period?: Period,
): RaterSensitivity[] => {
  const index = indexScenario(scenario, actual, period);
  return raterIds.map((raterId) => {
    const shifts = shiftsWithout(scenario, index, raterId, period, actual.asOfPeriod);
    return { raterId, changes: shifts.size === 0 ? [] : changesAfter(actual, shifts) };
  });
};
