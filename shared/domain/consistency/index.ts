/** Rater consistency (docs/rater-consistency.md): leniency, agreement and outcome sensitivity. Pure code. */
export { type IndicatorAgreement, indicatorAgreement, type WideItem } from './agreement';
export { type RaterConsistency, raterConsistency } from './leniency';
export { FULL_BP, pointsMark, type RatedItem, type RatedMark, ratedItems } from './marks';
export { buildConsistencyReport, type ConsistencyReport, consistencySteps, reportVisibleTo } from './report';
export {
  type OutcomeChange,
  type RaterSensitivity,
  sensitivityOf,
  sensitivityPeriod,
  withoutRater,
} from './sensitivity';
export { type ConsistencyThresholds, DEFAULT_THRESHOLDS, thresholdsOf } from './thresholds';
