/**
 * The scoring engine: from an agreement and the year's recorded facts to every unit's score, grade
 * and rank, exactly as docs/scoring.md describes. Pure code: no I/O, no AWS, no node: imports.
 */
export { BASE_TOTAL_CENTS, DEFAULT_BANDS, ruleTextOf } from './agreement';
export { type ComputeOptions, computeResults, rankAndGrade, type UnscoredUnit } from './compute';
export { formatPoints, mulDivHalfUp, parseScaled } from './decimal';
export { InvalidScenarioError } from './errors';
export { excellentQuota, gradeFor } from './grades';
export { isMarkAllowed, MARK_STEP_CENTS, markRuleText } from './mark-grid';
export { DEFAULT_PERIOD_WEIGHTS, PERIODS } from './periods';
export type { Problem } from './problems';
export { compareForRanking, rankUnits } from './ranking';
export type { PeriodScore } from './rules';
export { scoreLeafPeriod } from './score-leaf';
export { formatResultsTable } from './table';
export { checkScenario, parseScenario, validateAgreement, validateScenario } from './validate';
