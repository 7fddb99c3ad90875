/** Periods of the year, their weights, and how period scores combine into an annual leaf score. */
import type { Period, PeriodWeights } from '../../schemas/scenario';
import { formatPoints, mulDivHalfUp } from './decimal';
import type { Problem } from './problems';
import { type PeriodScore, scored } from './rules/result';

export const PERIODS: readonly Period[] = ['Q1', 'Q2', 'Q3', 'Q4'];

export const DEFAULT_PERIOD_WEIGHTS: Readonly<PeriodWeights> = { Q1: 10, Q2: 10, Q3: 10, Q4: 70 };

/** Calendar position of a period: Q1 → 0 … Q4 → 3. */
export const periodIndex = (period: Period): number =>
  period === 'Q1' ? 0 : period === 'Q2' ? 1 : period === 'Q3' ? 2 : 3;

/** The distinct periods of a list, in calendar order. */
export const sortPeriods = (periods: readonly Period[]): readonly Period[] => {
  let ordered = true;
  for (let i = 1; i < periods.length && ordered; i++) {
    ordered = periodIndex(periods[i - 1] as Period) < periodIndex(periods[i] as Period);
  }
  return ordered ? periods : PERIODS.filter((p) => periods.includes(p));
};

/** Checks that the weights are whole percents that sum to exactly 100. */
export const validatePeriodWeights = (weights: PeriodWeights, path: string): Problem[] => {
  const problems: Problem[] = [];
  let total = 0;
  for (const period of PERIODS) {
    const weight = weights[period];
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
      problems.push({
        path: `${path}.${period}`,
        message: `考核期权重须为 0–100 的整数百分比，实际为 ${weight}`,
      });
    }
    total += weight;
  }
  if (problems.length === 0 && total !== 100) {
    problems.push({ path, message: `考核期权重合计为 ${total}%，应为 100%` });
  }
  return problems;
};

export interface WeightedPeriodScore {
  period: Period;
  weightPercent: number;
  scoreCents: number;
}

/**
 * Combines period scores into an annual leaf score: the weighted mean with the weights renormalised
 * over the periods given, rounded half-up once (the second of the two rounding points).
 * The caller guarantees at least one period and a positive weight sum.
 */
export const combinePeriods = (scores: readonly WeightedPeriodScore[]): PeriodScore => {
  let weightTotal = 0;
  let weighted = 0;
  for (const { weightPercent, scoreCents } of scores) {
    weightTotal += weightPercent;
    weighted += weightPercent * scoreCents;
  }
  const scoreCents = mulDivHalfUp(weighted, 1, weightTotal);
  const terms = scores.map((s) => `${s.weightPercent}% × ${formatPoints(s.scoreCents)}`).join(' + ');
  const formula = weightTotal === 100 ? terms : `(${terms}) / ${weightTotal}%`;
  return scored(scoreCents, `按考核期加权：${formula} = ${formatPoints(scoreCents)}`);
};
