/**
 * Readiness of a year's next step (开始考核, 进入集中评分, 进入结果公示, 发布结果): what blocks it and
 * what the admin should know before confirming, computed from the stored facts. Pure: the repository
 * gathers `ReadinessFacts`, this decides, the transition route refuses a step with any blocker (409
 * with the same list) and one whose warnings were not acknowledged with a reason.
 */
import type { YearState } from '../../schemas/year';
import { collector, type Readiness, type ReadinessFacts } from './readiness-kit';
import { checkOverclaim } from './readiness-overclaim';
import { checkPublication } from './readiness-publication';
import { checkScoring } from './readiness-scoring';
import { checkScoringStart, checkStart } from './readiness-start';

export type {
  Readiness,
  ReadinessCode,
  ReadinessFacts,
  ReadinessIssue,
  ReadinessTarget,
} from './readiness-kit';
export { lastAssessedPeriod, READINESS_CODES } from './readiness-kit';
export { unansweredObjections } from './readiness-publication';

/** What blocks and what warns before the year moves to `to` (the state after the current one). */
export const yearReadiness = (facts: ReadinessFacts, to: YearState): Readiness => {
  const c = collector();
  switch (to) {
    case 'in_progress':
      checkStart(facts, c);
      break;
    case 'scoring':
      checkScoringStart(facts, c);
      break;
    case 'publicity':
      checkScoring(facts, c);
      checkOverclaim(facts, c);
      break;
    case 'published':
      checkPublication(facts, c);
      break;
    case 'setup':
      break;
  }
  return {
    year: facts.year.year,
    from: facts.year.state,
    to,
    blockers: c.blockers,
    warnings: c.warnings,
    done: c.done,
  };
};

export interface Acknowledgement {
  code: string;
  reason: string;
}

/** The warnings of `readiness` that `acks` does not acknowledge with a reason. */
export const unacknowledged = (readiness: Readiness, acks: readonly Acknowledgement[]) =>
  readiness.warnings.filter((w) => !acks.some((a) => a.code === w.code && a.reason.trim().length >= 4));
