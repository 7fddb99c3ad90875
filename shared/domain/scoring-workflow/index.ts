/** The committee-scoring workflow's pure parts: reading a score write, queue states, progress. */
export { type Counts, countBy, queueState, SPREAD_ALERT_PERCENT, spreadAlerts } from './progress';
export {
  computeScore,
  factOf,
  ratingCents,
  readScore,
  type ScoredFields,
  type ScoreInput,
  type ScoreReading,
  wCentsOf,
} from './score-input';
