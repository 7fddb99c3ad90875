/**
 * A year's results computed per category (the results job's fan-out, docs/results.md): ranking,
 * the 优秀 quota and the grades are decided within a category, so the engine run on one category's
 * units gives exactly that category's lines of the whole-year run. The per-category run here is the
 * one code path, whether a child job in AWS or a local run in the Node process computes it.
 */
import type { Results } from '../../schemas/results';
import type { Period, Scenario } from '../../schemas/scenario';
import { computeResults, PERIODS } from '../scoring';

/**
 * The largest year (units with a signed agreement) whose results a request computes live. Above it
 * the results page answers the stored run of the latest results job: at 500 units × 80 leaves the
 * live run took 26.7 s on a quiet machine and 187 s on a loaded one, against the 29 s a request may
 * take; 60 units is an eighth of that (about 3 s quiet, under 25 s loaded).
 */
export const LIVE_RESULTS_MAX_UNITS = 60;

/** Each category's share of a scenario: its units, their agreements and facts; the year's settings. */
export const splitByCategory = (scenario: Scenario): Scenario[] =>
  scenario.categories.map((category) => {
    const units = scenario.units.filter((u) => u.categoryId === category.id);
    const ids = new Set(units.map((u) => u.id));
    const mine = <T extends { unitId: string }>(items: T[]) => items.filter((i) => ids.has(i.unitId));
    return {
      ...scenario,
      categories: [category],
      units,
      agreements: mine(scenario.agreements),
      facts: mine(scenario.facts),
      deductions: mine(scenario.deductions),
      bonuses: mine(scenario.bonuses),
      penalties: mine(scenario.penalties),
      vetoes: mine(scenario.vetoes),
    };
  });

/** One category's results as of every period (the results page's quarter views and trend). */
export type CategoryViews = Record<Period, Results>;

/** The engine run on one category's scenario, as of each period (Q1 … Q4). */
export const computeCategoryViews = (scenario: Scenario): CategoryViews =>
  Object.fromEntries(
    PERIODS.map((period) => [period, computeResults(scenario, { asOfPeriod: period })]),
  ) as CategoryViews;

/**
 * The year's results from its categories' runs, in the year's category order. Every run carries the
 * same year and settings (they are the year's); a category without units adds nothing.
 */
export const mergeCategoryResults = (runs: readonly Results[]): Results | undefined => {
  const [first] = runs;
  if (!first) return undefined;
  return { ...first, categories: runs.flatMap((r) => r.categories) };
};

/**
 * A run kept for the results page: each unit's totals, dimensions, grade and rank, without its
 * leaves (at 500 units the leaves make 28.7 MB of JSON, more than a Lambda response may carry; a
 * unit's leaves are on its own results page).
 */
export const withoutLeaves = (results: Results): Results => ({
  ...results,
  categories: results.categories.map((c) => ({
    ...c,
    units: c.units.map((u) => ({ ...u, leaves: [] })),
  })),
});
