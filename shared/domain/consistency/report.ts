/** The rater consistency report of one year (or one period of it), from the scenario the engine scores. */
import type { Period, Scenario } from '../../schemas/scenario';
import { computeResults } from '../scoring/compute';
import { type IndicatorAgreement, indicatorAgreement } from './agreement';
import { type RaterConsistency, raterConsistency } from './leniency';
import { ratedItems } from './marks';
import { outcomeSensitivity, type RaterSensitivity, sensitivityPeriod } from './sensitivity';
import { type ConsistencyThresholds, DEFAULT_THRESHOLDS } from './thresholds';

export interface ConsistencyReport {
  year: number;
  period: Period | null;
  /** The results the sensitivity compares are as of this period (`sensitivityPeriod`). */
  asOfPeriod: Period;
  thresholds: ConsistencyThresholds;
  raters: RaterConsistency[];
  indicators: IndicatorAgreement[];
  sensitivity: RaterSensitivity[];
}

/**
 * Builds the report; with `onlyRater`, that rater's line and sensitivity only (no indicator lines).
 * Builds the whole report. Throws `InvalidScenarioError` when the scenario cannot be scored.
 * @example buildConsistencyReport(scenario).raters.filter((r) => r.flag) // the flagged raters
 */
export const buildConsistencyReport = (
  scenario: Scenario,
  {
    period,
    thresholds = DEFAULT_THRESHOLDS,
    onlyRater,
  }: { period?: Period; thresholds?: ConsistencyThresholds; onlyRater?: string } = {},
): ConsistencyReport => {
  const actual = computeResults(scenario, { asOfPeriod: sensitivityPeriod(scenario, period) });
  const items = ratedItems(scenario, period);
  // The rater's own line is measured against everyone's marks; only the others' lines are left out.
  const raters = raterConsistency(items, thresholds).filter(
    (r) => onlyRater === undefined || r.raterId === onlyRater,
  );
  return {
    year: scenario.year,
    period: period ?? null,
    asOfPeriod: actual.asOfPeriod,
    thresholds,
    raters,
    indicators: onlyRater === undefined ? indicatorAgreement(items, thresholds) : [],
    sensitivity: outcomeSensitivity(
      scenario,
      actual,
      raters.map((r) => r.raterId),
      period,
    ),
  };
};
