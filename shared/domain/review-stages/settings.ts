/**
 * The year's settings of self-assessment and staged review: which periods a unit assesses itself in
 * (default Q4, the year end) and which review stages follow, in order (default 初审 → 复审 → 审定; a
 * bureau may use two). A year stored before these settings existed reads the defaults.
 */
import { REVIEW_STAGES, type ReviewStage } from '../../schemas/review-stages';
import type { Period, YearSettings } from '../../schemas/year';

export const DEFAULT_SELF_ASSESSED_PERIODS: readonly Period[] = ['Q4'];
export const DEFAULT_REVIEW_STAGES: readonly ReviewStage[] = REVIEW_STAGES;

type StageSettings = Pick<YearSettings, 'selfAssessedPeriods' | 'reviewStages'>;

/** The periods the year's units assess themselves in. */
export const selfAssessedPeriodsOf = (year: StageSettings): readonly Period[] =>
  year.selfAssessedPeriods ?? DEFAULT_SELF_ASSESSED_PERIODS;

/** The year's review stages, in order. */
export const reviewStagesOf = (year: StageSettings): readonly ReviewStage[] =>
  year.reviewStages ?? DEFAULT_REVIEW_STAGES;

export const isSelfAssessed = (year: StageSettings, period: Period): boolean =>
  selfAssessedPeriodsOf(year).includes(period);

/**
 * What is wrong with the stage settings: stages in their order (初审 before 复审 before 审定), each
 * once, ending with 审定 (the admin's confirmation); self-assessed periods each once.
 */
export const stageSettingsProblems = (settings: StageSettings, prefix: string) => {
  const problems: { path: string; message: string }[] = [];
  const stages = settings.reviewStages;
  if (stages) {
    const ordered = stages.every(
      (s, i) => i === 0 || REVIEW_STAGES.indexOf(s) > REVIEW_STAGES.indexOf(stages[i - 1] as ReviewStage),
    );
    if (!ordered || stages[stages.length - 1] !== 'final')
      problems.push({
        path: `${prefix}.reviewStages`,
        message: '审核阶段须按 初审、复审、审定 的顺序各出现一次，并以审定结束',
      });
  }
  const periods = settings.selfAssessedPeriods;
  if (periods && new Set(periods).size !== periods.length)
    problems.push({ path: `${prefix}.selfAssessedPeriods`, message: '自评考核期不能重复' });
  return problems;
};
