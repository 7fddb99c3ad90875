/**
 * From a scenario to every unit's score, grade and rank. Rounding happens only inside the rules (leaf
 * period score) and in `combinePeriods` (leaf annual score); every sum here is exact integer cents.
 */
import type {
  CategoryResult,
  DimensionResult,
  LeafFlag,
  LeafResult,
  PeriodResult,
  Results,
  UnitResult,
} from '../../schemas/results';
import type { Period, PeriodWeights, Scenario } from '../../schemas/scenario';
import { PERIOD_NAMES } from '../agreements/in-force';
import { mulDivHalfUp } from './decimal';
import { InvalidScenarioError } from './errors';
import { excellentQuota, gradeFor } from './grades';
import { combinePeriods, PERIODS, periodIndex } from './periods';
import {
  type DatedItem,
  type PreparedScenario,
  type PreparedSettings,
  type PreparedUnit,
  prepareScenario,
} from './prepare';
import { rankUnits } from './ranking';
import { flat, scoreDeduction, scorePeriodInput } from './rules';
import type { CompiledLeaf, PeriodInput } from './types';

export interface ComputeOptions {
  /**
   * Results "so far": only periods up to and including this one are assessed, each leaf's weights are
   * renormalised over its periods assessed so far, and items dated later are left out. Default Q4
   * (the whole year).
   */
  asOfPeriod?: Period;
}

/** A unit's scores before it is ranked and graded. */
export type UnscoredUnit = Omit<UnitResult, 'rank' | 'grade' | 'scoreRateBasisPoints'>;

const NO_ITEMS: readonly DatedItem[] = [];

const inView = (item: { periodIndex: number }, asOf: number): boolean => item.periodIndex <= asOf;

const leafResult = (
  leaf: CompiledLeaf,
  annualCents: number,
  periods: PeriodResult[],
  explanation: string,
  flags: LeafFlag[],
): LeafResult => ({
  code: leaf.code,
  name: leaf.name,
  dimension: leaf.dimension,
  rule: leaf.rule.type,
  wCents: leaf.wCents,
  annualCents,
  periods,
  explanation,
  ruleText: leaf.ruleText,
  flags,
});

const stagedInput = (
  inputs: readonly (PeriodInput | undefined)[],
  at: number,
  assessed: readonly Period[],
) => {
  for (const period of [...assessed].reverse()) {
    const input = inputs[at * 4 + periodIndex(period)];
    if (typeof input === 'object' && input.kind === 'staged') return input;
  }
  return undefined;
};

const scoreLeaf = (
  leaf: CompiledLeaf,
  inputs: readonly (PeriodInput | undefined)[],
  at: number,
  deductions: readonly DatedItem[],
  weights: PeriodWeights,
  asOf: number,
): LeafResult => {
  const assessed: Period[] = [];
  for (const period of leaf.periods)
    if (periodIndex(period) <= asOf && weights[period] > 0) assessed.push(period);
  if (assessed.length === 0) {
    const explanation = flat(
      `截至${PERIOD_NAMES[PERIODS[asOf] ?? 'Q4']}尚未考核（考核期：${leaf.periods.map((p) => PERIOD_NAMES[p]).join('、')}）`,
    );
    return leafResult(leaf, 0, [], explanation, ['not_yet_assessed']);
  }
  // A deduction leaf reviewed in stages takes the last completed stage's figure (its one period).
  const staged = leaf.rule.type === 'deduction' ? stagedInput(inputs, at, assessed) : undefined;
  if (staged) return leafResult(leaf, staged.cents, [], staged.explanation, []);
  if (leaf.rule.type === 'deduction') {
    // Approved deductions of the year (up to the view's period) apply once to the annual score.
    const items = deductions.filter((d) => inView(d, asOf)).map((d) => ({ cents: d.cents, source: d.title }));
    const scored = scoreDeduction(leaf.wCents, items);
    return leafResult(leaf, scored.scoreCents, [], scored.explanation, []);
  }
  const periods: PeriodResult[] = [];
  const flags: LeafFlag[] = [];
  for (const period of assessed) {
    // A period before an amendment took effect is scored on the revision then in force.
    const scored = scorePeriodInput(leaf.byPeriod?.[period] ?? leaf, inputs[at * 4 + periodIndex(period)]);
    const { status } = scored;
    if (status !== 'scored' && !flags.includes(status)) flags.push(status);
    periods.push({
      period,
      weightPercent: weights[period],
      scoreCents: scored.scoreCents,
      status,
      explanation: scored.explanation,
    });
  }
  if (flags.length > 1) flags.sort();
  const only = periods.length === 1 ? periods[0] : undefined;
  if (only) return leafResult(leaf, only.scoreCents, periods, only.explanation, flags);
  const annual = combinePeriods(periods);
  return leafResult(leaf, annual.scoreCents, periods, annual.explanation, flags);
};

const sumItems = (items: readonly DatedItem[], asOf: number) => {
  const listed = items.filter((item) => inView(item, asOf));
  let total = 0;
  for (const item of listed) total += item.cents;
  return { total, listed: listed.map((item) => ({ title: item.title, pointsCents: item.cents })) };
};

const scoreUnit = (unit: PreparedUnit, settings: PreparedSettings, asOf: number): UnscoredUnit => {
  const leaves = unit.leaves.map((leaf, i) =>
    scoreLeaf(leaf, unit.inputs, i, unit.deductions.get(i) ?? NO_ITEMS, settings.periodWeights, asOf),
  );
  const dimensions: DimensionResult[] = unit.dimensions.map((name) => ({
    name,
    subtotalCents: 0,
    maxCents: 0,
  }));
  unit.leaves.forEach((leaf, i) => {
    const dimension = dimensions[leaf.dimensionIndex] as DimensionResult;
    const result = leaves[i] as LeafResult;
    dimension.subtotalCents += result.annualCents;
    if (!result.flags.includes('not_yet_assessed')) dimension.maxCents += leaf.wCents;
  });
  let baseCents = 0;
  let maxCents = 0;
  for (const dimension of dimensions) {
    baseCents += dimension.subtotalCents;
    maxCents += dimension.maxCents;
  }
  const bonus = sumItems(unit.bonuses, asOf);
  const penalty = sumItems(unit.penalties, asOf);
  const bonusAppliedCents = Math.min(bonus.total, settings.bonusCapCents);
  const penaltyAppliedCents =
    settings.penaltyCapCents === null ? penalty.total : Math.min(penalty.total, settings.penaltyCapCents);
  const vetoes = unit.vetoes.filter((veto) => inView(veto, asOf));
  return {
    unitId: unit.id,
    unitName: unit.name,
    baseCents,
    maxCents,
    bonusCents: bonus.total,
    bonusAppliedCents,
    penaltyCents: penalty.total,
    penaltyAppliedCents,
    finalCents: baseCents + bonusAppliedCents - penaltyAppliedCents,
    vetoed: vetoes.length > 0,
    ...(vetoes.length > 0 ? { vetoReason: vetoes.map((v) => `${v.category}：${v.reason}`).join('；') } : {}),
    bonuses: bonus.listed,
    penalties: penalty.listed,
    dimensions,
    leaves,
    ...(unit.revisions ? { revisions: unit.revisions } : {}),
  };
};

/**
 * The score a quarter view grades: partial points are never graded as if they were the year's, so
 * the 90/80/60 lines apply to the score rate (base ÷ points assessed so far, in hundredths of a
 * percent, i.e. on the same 0–100.00 scale as a final score). Nothing assessed yet loses nothing.
 */
export const scoreRateBasisPoints = (unit: Pick<UnitResult, 'baseCents' | 'maxCents'>): number =>
  unit.maxCents > 0 ? mulDivHalfUp(unit.baseCents, 10_000, unit.maxCents) : 10_000;

/**
 * Ranks the scored units of one category and grades them with its 优秀 quota; a view before Q4
 * (`asOfPeriod`) grades the score rate. Also used to re-rank a category with some scores changed.
 */
export const rankAndGrade = (
  scored: readonly UnscoredUnit[],
  quota: number,
  asOfPeriod: Period,
): UnitResult[] => {
  const projected = periodIndex(asOfPeriod) < periodIndex('Q4');
  return rankUnits(scored).map(({ rank, ...unit }) => {
    if (!projected) return { rank, ...unit, grade: gradeFor(unit.finalCents, rank, quota, unit.vetoed) };
    // A quarter view's grade is the 预计等级: graded on the score rate, not on partial points.
    const rate = scoreRateBasisPoints(unit);
    return { rank, ...unit, scoreRateBasisPoints: rate, grade: gradeFor(rate, rank, quota, unit.vetoed) };
  });
};

const rankCategory = (
  category: PreparedScenario['categories'][number],
  settings: PreparedSettings,
  asOf: number,
): CategoryResult => {
  const quota = excellentQuota(category.units.length, settings.excellentQuotaPercent);
  const scored = category.units.map((unit) => scoreUnit(unit, settings, asOf));
  const units = rankAndGrade(scored, quota, PERIODS[asOf] ?? 'Q4');
  return {
    categoryId: category.id,
    name: category.name,
    unitCount: category.units.length,
    excellentQuota: quota,
    units,
  };
};

/**
 * Computes every unit's leaf scores, base, final, grade and rank, per category.
 * Throws `InvalidScenarioError` listing every problem when the scenario cannot be scored.
 * @example computeResults(scenario).categories[0]?.units[0]?.finalCents // 8289
 */
export const computeResults = (scenario: Scenario, options: ComputeOptions = {}): Results => {
  const prepared = prepareScenario(scenario);
  if (prepared.problems.length > 0) throw new InvalidScenarioError(prepared.problems);
  const asOfPeriod = options.asOfPeriod ?? 'Q4';
  const asOf = periodIndex(asOfPeriod);
  const { settings } = prepared;
  return {
    schemaVersion: 1,
    year: prepared.year,
    asOfPeriod,
    settings: {
      periodWeights: settings.periodWeights,
      bonusCapCents: settings.bonusCapCents,
      penaltyCapCents: settings.penaltyCapCents,
      excellentQuotaPercent: settings.excellentQuotaPercent,
    },
    categories: prepared.categories.map((category) => rankCategory(category, settings, asOf)),
  };
};
