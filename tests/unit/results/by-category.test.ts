/**
 * The results job's fan-out is exact: ranking, the 优秀 quota and grades are decided within a
 * category, so the engine run on each category's share, merged in the year's order, is the
 * whole-year run — to the hundredth, rank and grade — for every quarter view.
 */
import { describe, expect, it } from 'vitest';
import { municipalYear } from '../../../bench/scoring';
import {
  computeCategoryViews,
  mergeCategoryResults,
  splitByCategory,
  withoutLeaves,
} from '../../../shared/domain/results/by-category';
import { computeResults, PERIODS } from '../../../shared/domain/scoring';
import type { Scenario } from '../../../shared/schemas/scenario';

describe('results per category', () => {
  // Prepare: 37 units in the bench's categories, with vetoes, bonuses and penalties among them
  const scenario = municipalYear(37);

  it('merges the categories’ runs into the whole-year run, as of every period', () => {
    // Act
    const runs = splitByCategory(scenario).map(computeCategoryViews);
    // Assess
    for (const period of PERIODS) {
      const merged = mergeCategoryResults(runs.map((r) => r[period]));
      expect(merged).toEqual(computeResults(scenario, { asOfPeriod: period }));
    }
  });

  it('ranks a category without units as the whole-year run does (no lines)', () => {
    // Prepare: a category the year lists but no unit belongs to
    const withEmpty: Scenario = {
      ...scenario,
      categories: [...scenario.categories, { id: 'EMPTY', name: '无单位类别' }],
    };
    // Act
    const runs = splitByCategory(withEmpty).map((s) => computeCategoryViews(s).Q4);
    // Assess
    expect(runs.at(-1)?.categories[0]?.units).toEqual([]);
    expect(mergeCategoryResults(runs)).toEqual(computeResults(withEmpty));
  });

  it('keeps every unit’s totals, rank and grade when the leaves are left out', () => {
    const whole = computeResults(scenario);
    const kept = withoutLeaves(whole);
    const line = (r: typeof whole) =>
      r.categories.flatMap((c) => c.units.map((u) => [u.unitId, u.finalCents, u.baseCents, u.rank, u.grade]));
    expect(line(kept)).toEqual(line(whole));
    expect(kept.categories.every((c) => c.units.every((u) => u.leaves.length === 0))).toBe(true);
  });
});
