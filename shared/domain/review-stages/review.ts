/**
 * The staged review of one indicator as pure functions (docs/review-stages.md): the unit's self
 * score, its submission, each stage's keep / change / return, and what the chain reads as.
 *
 * - A stage acts only on an item awaiting exactly that stage: none is skipped, none acts twice.
 * - A stage sees the previous stage's figure (the self score for the first) and keeps or changes
 *   it; a reason is required below full points and on any change.
 * - A return sends the item back to the unit; its resubmission starts a new round at the first
 *   stage. The engine scores from the last completed stage of the current round (`stageFigure`).
 */
import { ConflictError, ValidationError } from '../../errors';
import {
  REVIEW_STAGE_LABELS,
  type ReviewStage,
  type ReviewStep,
  type SelfScore,
  type StageDecision,
  type StageReview,
} from '../../schemas/review-stages';
import type { Period } from '../../schemas/year';
import type { Actor } from '../actor';
import { formatPoints } from '../scoring';
import { pointsToCents } from './self-score';

/** An item nobody has assessed yet. */
export const emptyReview = (unitId: string, period: Period, code: string): StageReview => ({
  unitId,
  period,
  code,
  status: 'draft',
  round: 0,
  self: null,
  steps: [],
  version: 0,
});

/** The unit may edit its self score while drafting or after a return. */
export const unitMayEdit = (review: StageReview) => review.status === 'draft' || review.status === 'returned';

const wrongState = (message: string, review: StageReview) =>
  new ConflictError(message, { state: review.status }, 'WRONG_STATE');

/** The review with the unit's new self score. */
export const withSelfScore = (
  review: StageReview,
  figure: Omit<SelfScore, 'by' | 'byName' | 'at'>,
  actor: Actor,
  at: string,
): StageReview => {
  if (!unitMayEdit(review)) throw wrongState('自评已提交，审核期间不能修改（退回后可修改）', review);
  return { ...review, self: { ...figure, by: actor.userId, byName: actor.name, at } };
};

/**
 * Submits the unit's self-assessment of one item: its figure becomes the first step of a new round,
 * awaiting the first stage. Only an item being drafted or returned is submitted.
 */
export const submitSelf = (
  review: StageReview,
  stages: readonly ReviewStage[],
  actor: Actor,
  at: string,
): StageReview => {
  if (!unitMayEdit(review)) throw wrongState('该项自评已提交', review);
  if (!review.self) throw wrongState('该项尚未自评', review);
  const round = review.round + 1;
  const step: ReviewStep = {
    round,
    stage: 'self',
    action: 'submit',
    pointsCents: review.self.pointsCents,
    reason: review.self.note,
    by: actor.userId,
    byName: actor.name,
    at,
  };
  return { ...review, round, status: stages[0] as ReviewStage, steps: [...review.steps, step] };
};

const currentSteps = (review: StageReview) => review.steps.filter((s) => s.round === review.round);

/** The figure the stage now acting sees: the last figure of the current round (self or a stage). */
export const previousFigure = (review: StageReview): number | null => {
  const last = currentSteps(review)
    .filter((s) => s.pointsCents !== null)
    .at(-1);
  return last?.pointsCents ?? null;
};

/**
 * The figure of the last completed stage of the current round, which the engine scores from;
 * none while the unit drafts, after a return, or before the first stage acted.
 */
export const stageFigure = (
  review: StageReview,
): { cents: number; stage: ReviewStage; reason: string } | null => {
  if (!['first', 'second', 'final', 'done'].includes(review.status)) return null;
  const last = currentSteps(review)
    .filter((s) => s.stage !== 'self' && s.action !== 'return')
    .at(-1);
  if (!last || last.pointsCents === null || last.stage === 'self') return null;
  return { cents: last.pointsCents, stage: last.stage, reason: last.action === 'change' ? last.reason : '' };
};

/** The self figure the unit submitted in the current round (for the distance 自评 − 审定). */
export const submittedSelf = (review: StageReview): number | null =>
  currentSteps(review).find((s) => s.stage === 'self')?.pointsCents ?? null;

const orderRefusal = (review: StageReview, stage: ReviewStage, stages: readonly ReviewStage[]) => {
  const label = REVIEW_STAGE_LABELS[stage];
  if (!stages.includes(stage)) return wrongState(`本年度不设${label}`, review);
  if (review.status === 'draft' || review.status === 'returned')
    return wrongState(`单位尚未提交自评，不能${label}`, review);
  if (review.status === 'done') return wrongState(`审核已完成，不能再${label}`, review);
  const awaiting = REVIEW_STAGE_LABELS[review.status as ReviewStage];
  return stages.indexOf(stage) > stages.indexOf(review.status as ReviewStage)
    ? wrongState(`须先完成${awaiting}，不能跳过`, review)
    : wrongState(`${label}已完成，该项正待${awaiting}`, review);
};

/**
 * A stage's decision on the item. Pass: the figure (kept or changed) with a reason below full
 * points or on a change; the item moves to the next stage or is done. Return: a reason, and the
 * item goes back to the unit.
 */
export const decideStage = (
  review: StageReview,
  decision: Pick<StageDecision, 'stage' | 'action' | 'points' | 'reason'>,
  wCents: number,
  stages: readonly ReviewStage[],
  actor: Actor,
  at: string,
): StageReview => {
  const { stage } = decision;
  if (review.status !== stage) throw orderRefusal(review, stage, stages);
  const label = REVIEW_STAGE_LABELS[stage];
  const reason = decision.reason.trim();
  const base = { round: review.round, stage, reason, by: actor.userId, byName: actor.name, at };
  if (decision.action === 'return') {
    if (!reason)
      throw new ValidationError('请填写退回理由', [{ path: 'body.reason', message: '退回单位须写明理由' }]);
    const step: ReviewStep = { ...base, action: 'return', pointsCents: null };
    return { ...review, status: 'returned', steps: [...review.steps, step] };
  }
  if (decision.points === undefined)
    throw new ValidationError(`请填写${label}得分`, [
      { path: 'body.points', message: `请填写${label}得分（0–${formatPoints(wCents)} 分）` },
    ]);
  const cents = pointsToCents(decision.points, wCents, 'body.points', `${label}得分`);
  const previous = previousFigure(review);
  const changed = previous !== cents;
  if ((changed || cents < wCents) && !reason)
    throw new ValidationError('请填写理由', [
      {
        path: 'body.reason',
        message: changed
          ? `${label}得分由 ${previous === null ? '无' : formatPoints(previous)} 改为 ${formatPoints(cents)}，请写明理由`
          : `得分 ${formatPoints(cents)} 低于满分 ${formatPoints(wCents)}，请写明理由`,
      },
    ]);
  const step: ReviewStep = { ...base, action: changed ? 'change' : 'keep', pointsCents: cents };
  const next = stages[stages.indexOf(stage) + 1];
  return { ...review, status: next ?? 'done', steps: [...review.steps, step] };
};

const STEP_LABELS: Record<ReviewStep['stage'], string> = { self: '自评', ...REVIEW_STAGE_LABELS };

/**
 * The chain of the current round as the item shows it:
 * 自评 18.00 → 初审 16.50（材料不全）→ 复审 16.50 → 审定 16.50. A return reads 初审 退回（理由）.
 */
export const chainText = (review: StageReview | null): string => {
  if (!review) return '';
  const round = review.steps.filter((s) => s.round === review.round);
  const pieces = round.map((s) => {
    const label = STEP_LABELS[s.stage];
    if (s.action === 'return') return `${label} 退回（${s.reason}）`;
    const figure = `${label} ${formatPoints(s.pointsCents ?? 0)}`;
    return s.action === 'change' && s.reason ? `${figure}（${s.reason}）` : figure;
  });
  // A closing full-width bracket carries its own space: 初审 16.50（材料不全）→ 复审 16.50.
  return pieces.reduce(
    (text, piece) => (text === '' ? piece : `${text}${text.endsWith('）') ? '' : ' '}→ ${piece}`),
    '',
  );
};
