/**
 * Outcome sensitivity: for each rater, the results recomputed by the scoring engine without that
 * rater's marks (the remaining raters' mean, trimmed from 5 raters on), and the units whose grade or
 * rank would change. One engine run per rater plus the one for the actual results.
 */
import type { Grade, Results } from '../../schemas/results';
import type { Period, Scenario } from '../../schemas/scenario';
import { computeResults } from '../scoring/compute';

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

/** The scenario without `raterId`'s marks (only those of `period` when given). */
export const withoutRater = (scenario: Scenario, raterId: string, period?: Period): Scenario => ({
  ...scenario,
  facts: scenario.facts.map((fact) =>
    fact.ratings?.some((r) => r.raterId === raterId) && (period === undefined || fact.period === period)
      ? { ...fact, ratings: fact.ratings.filter((r) => r.raterId !== raterId) }
      : fact,
  ),
});

const changesBetween = (before: Results, after: Results): OutcomeChange[] => {
  const afterUnits = new Map(after.categories.flatMap((c) => c.units.map((u) => [u.unitId, u] as const)));
  const changes: OutcomeChange[] = [];
  for (const category of before.categories) {
    for (const unit of category.units) {
      const other = afterUnits.get(unit.unitId);
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
 * For every rater in `raterIds`, the units whose grade or rank differs without their marks.
 * `actual` is the engine's result for the scenario as it is (passed in so it is computed once).
 */
export const outcomeSensitivity = (
  scenario: Scenario,
  actual: Results,
  raterIds: readonly string[],
  period?: Period,
): RaterSensitivity[] =>
  raterIds.map((raterId) => ({
    raterId,
    changes: changesBetween(actual, computeResults(withoutRater(scenario, raterId, period))),
  }));
