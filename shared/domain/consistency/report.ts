/** The rater consistency report of one year (or one period of it), from the scenario the engine scores. */
import type { Period, Scenario } from '../../schemas/scenario';
import { computeResults } from '../scoring/compute';
import { type IndicatorAgreement, indicatorAgreement } from './agreement';
import { type RaterConsistency, raterConsistency } from './leniency';
import { ratedItems } from './marks';
import { type RaterSensitivity, sensitivityOf, sensitivityPeriod } from './sensitivity';
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

interface ReportOptions {
  period?: Period;
  thresholds?: ConsistencyThresholds;
  onlyRater?: string;
}

/**
 * The report in two steps, for a job that reports progress between raters: everything but the
 * sensitivity at once, then `sensitivityOf` each of `raterIds` (the raters of the report's lines).
 */
export const consistencySteps = (
  scenario: Scenario,
  { period, thresholds = DEFAULT_THRESHOLDS, onlyRater }: ReportOptions = {},
) => {
  const actual = computeResults(scenario, { asOfPeriod: sensitivityPeriod(scenario, period) });
  const items = ratedItems(scenario, period);
  // The rater's own line is measured against everyone's marks; only the others' lines are left out.
  const raters = raterConsistency(items, thresholds).filter(
    (r) => onlyRater === undefined || r.raterId === onlyRater,
  );
  const head: ConsistencyReport = {
    year: scenario.year,
    period: period ?? null,
    asOfPeriod: actual.asOfPeriod,
    thresholds,
    raters,
    indicators: onlyRater === undefined ? indicatorAgreement(items, thresholds) : [],
    sensitivity: [],
  };
  return {
    head,
    raterIds: raters.map((r) => r.raterId),
    sensitivityOf: sensitivityOf(scenario, actual, period),
  };
};

/**
 * Builds the report; with `onlyRater`, that rater's line and sensitivity only (no indicator lines).
 * Throws `InvalidScenarioError` when the scenario cannot be scored.
 * @example buildConsistencyReport(scenario).raters.filter((r) => r.flag) // the flagged raters
 */
export const buildConsistencyReport = (
  scenario: Scenario,
  options: ReportOptions = {},
): ConsistencyReport => {
  const { head, raterIds, sensitivityOf: one } = consistencySteps(scenario, options);
  return { ...head, sensitivity: raterIds.map(one) };
};

/**
 * What a reader of the whole report sees of it: every line (`'all'`), or one rater's own line and
 * sensitivity without the indicator lines — what `buildConsistencyReport` with `onlyRater` builds.
 */
export const reportVisibleTo = <R extends Pick<ConsistencyReport, 'raters' | 'indicators' | 'sensitivity'>>(
  report: R,
  lines: 'all' | string,
): R =>
  lines === 'all'
    ? report
    : {
        ...report,
        raters: report.raters.filter((r) => r.raterId === lines),
        indicators: [],
        sensitivity: report.sensitivity.filter((s) => s.raterId === lines),
      };
