/**
 * Outcome sensitivity: for each rater, the results recomputed by the scoring engine without that
 * rater's marks (the remaining raters' mean, trimmed from 5 raters on), and the units whose grade or
 * rank would change. Only what a rater's removal can change is re-scored: the units that rater
 * marked, with the facts of the leaves they marked; then the engine ranks and grades again.
 */
import type { Grade, Results } from '../../schemas/results';
import type { Fact, Period, Scenario } from '../../schemas/scenario';
import { computeResults, rankAndGrade } from '../scoring/compute';
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
    if (fact.ratings?.length) last = Math.max(last, periodIndex(fact.period));
  return PERIODS[last] ?? 'Q4';
};

const keyOf = (unitId: string, code: string) => `${unitId}\u0000${code}`;

/**
 * Per rater, each marked unit's base and final shift without their marks: the engine scores the
 * units they marked with only the facts of the leaves they marked (the other leaves, bonuses,
 * penalties and vetoes cannot change), and the difference of those leaves' annual scores moves the
 * unit's score.
 */
const shifter = (scenario: Scenario, actual: Results, period: Period | undefined) => {
  // The facts indexed once: per (unit, leaf), and per rater the leaves of each unit they marked.
  const factsByLeaf = new Map<string, Fact[]>();
  const markedBy = new Map<string, Map<string, Set<string>>>();
  for (const fact of scenario.facts) {
    const key = keyOf(fact.unitId, fact.code);
    factsByLeaf.set(key, [...(factsByLeaf.get(key) ?? []), fact]);
    if (!fact.ratings || (period !== undefined && fact.period !== period)) continue;
    for (const { raterId } of fact.ratings) {
      const units = markedBy.get(raterId) ?? new Map<string, Set<string>>();
      markedBy.set(
        raterId,
        units.set(fact.unitId, (units.get(fact.unitId) ?? new Set<string>()).add(fact.code)),
      );
    }
  }
  const actualUnits = new Map(actual.categories.flatMap((c) => c.units.map((u) => [u.unitId, u] as const)));
  return (raterId: string): Map<string, number> => {
    const codesByUnit = markedBy.get(raterId) ?? new Map<string, Set<string>>();
    const facts: Fact[] = [];
    for (const [unitId, codes] of codesByUnit) {
      for (const code of codes)
        for (const fact of factsByLeaf.get(keyOf(unitId, code)) ?? [])
          facts.push(period === undefined || fact.period === period ? without(fact, raterId) : fact);
    }
    const rescored = computeResults(
      {
        ...scenario,
        units: scenario.units.filter((u) => codesByUnit.has(u.id)),
        agreements: scenario.agreements.filter((a) => codesByUnit.has(a.unitId)),
        facts,
        deductions: [],
        bonuses: [],
        penalties: [],
        vetoes: [],
      },
      { asOfPeriod: actual.asOfPeriod },
    );
    const shifts = new Map<string, number>();
    for (const unit of rescored.categories.flatMap((c) => c.units)) {
      const codes = codesByUnit.get(unit.unitId);
      // The same agreement, so the same leaves in the same order as in the actual results.
      const before = actualUnits.get(unit.unitId)?.leaves;
      let shift = 0;
      unit.leaves.forEach((leaf, i) => {
        if (codes?.has(leaf.code)) shift += leaf.annualCents - (before?.[i]?.annualCents ?? 0);
      });
      if (shift !== 0) shifts.set(unit.unitId, shift);
    }
    return shifts;
  };
};

/** Every category ranked again by the engine with the shifted scores; the units whose rank or grade changes. */
const changesAfter = (actual: Results, shifts: ReadonlyMap<string, number>): OutcomeChange[] => {
  const changes: OutcomeChange[] = [];
  for (const category of actual.categories) {
    // Rank, grade and score rate are set anew by rankAndGrade (a category without shifts keeps its own).
    const shifted = category.units.map((unit) => {
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
 * A rater's sensitivity: the units whose grade or rank differs without their marks (those of
 * `period` when given). `actual` is the engine's result for the scenario as it is, as of
 * `sensitivityPeriod(scenario, period)` (passed in so it is computed once); the facts are indexed
 * once, each call re-scores one rater's units (a job reports its progress between raters).
 */
export const sensitivityOf = (scenario: Scenario, actual: Results, period?: Period) => {
  const shiftsWithout = shifter(scenario, actual, period);
  return (raterId: string): RaterSensitivity => ({
    raterId,
    changes: changesAfter(actual, shiftsWithout(raterId)),
  });
};
