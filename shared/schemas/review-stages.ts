/**
 * Self-assessment (自查自评) and staged review (初审 → 复审 → 审定): the stored review of one
 * indicator of one unit's period, the writes the routes take and the views they answer.
 * The rules are `shared/domain/review-stages/`; docs/review-stages.md describes them.
 */
import { z } from '@hono/zod-openapi';
import { PeriodSchema } from './year';

export const REVIEW_STAGES = ['first', 'second', 'final'] as const;
export const ReviewStageSchema = z.enum(REVIEW_STAGES);
export type ReviewStage = z.infer<typeof ReviewStageSchema>;

export const REVIEW_STAGE_LABELS: Record<ReviewStage, string> = {
  first: '初审',
  second: '复审',
  final: '审定',
};

/**
 * Where an item stands: `draft` (the unit is assessing itself), awaiting one of the stages,
 * `returned` (sent back to the unit, which resubmits and the review restarts at the first stage),
 * `done` (every stage passed it).
 */
export const REVIEW_STATUSES = ['draft', 'first', 'second', 'final', 'done', 'returned'] as const;
export const ReviewStatusSchema = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof ReviewStatusSchema>;

/** Who wrote a step or a self score, and when. */
const Authored = { by: z.string(), byName: z.string(), at: z.string() };

/** One step of the chain: the unit's submission, a stage's keep / change, or a return. */
export const ReviewStepSchema = z
  .object({
    round: z.number().int().min(1),
    stage: z.enum(['self', ...REVIEW_STAGES]),
    action: z.enum(['submit', 'keep', 'change', 'return']),
    /** The figure of the step (null for a return). */
    pointsCents: z.number().int().nullable(),
    reason: z.string(),
    ...Authored,
  })
  .openapi('ReviewStep');
export type ReviewStep = z.infer<typeof ReviewStepSchema>;

/** The unit's own claim on one indicator: its self score and 自评说明. */
export const SelfScoreSchema = z
  .object({
    pointsCents: z.number().int().min(0),
    note: z.string(),
    /** True when the engine computed the figure from the reported value (formula rules). */
    computed: z.boolean(),
    explanation: z.string(),
    ...Authored,
  })
  .openapi('SelfScore');
export type SelfScore = z.infer<typeof SelfScoreSchema>;

/** The review of one indicator of one unit's period: the self score and every stage's step. */
export const StageReviewSchema = z
  .object({
    unitId: z.string(),
    period: PeriodSchema,
    code: z.string(),
    status: ReviewStatusSchema,
    /** Counts submissions: a returned item resubmitted starts round 2 at the first stage. */
    round: z.number().int().min(0),
    self: SelfScoreSchema.nullable(),
    steps: z.array(ReviewStepSchema),
    version: z.number().int(),
  })
  .openapi('StageReview');
export type StageReview = z.infer<typeof StageReviewSchema>;

const Note = z.string().trim().max(500, '自评说明不能超过 500 个字');

/** A reporter's self score: points for rating and deduction rules; formula rules are computed. */
export const SelfScoreWriteSchema = z
  .strictObject({
    points: z.number().min(0).max(1000).optional(),
    note: Note.default(''),
    version: z.number().int().min(0),
  })
  .openapi('SelfScoreWrite');

/** A stage's decision: pass the item on with a figure (kept or changed), or return it to the unit. */
export const StageDecisionSchema = z
  .strictObject({
    stage: ReviewStageSchema,
    action: z.enum(['pass', 'return']),
    points: z.number().min(0).max(1000).optional(),
    reason: z.string().trim().max(500, '理由不能超过 500 个字').default(''),
    version: z.number().int().min(0),
  })
  .openapi('StageDecision');
export type StageDecision = z.infer<typeof StageDecisionSchema>;

/** The office (科室) that does 初审 of an indicator, and its members (users who may act for it). */
export const ReviewOfficeSchema = z
  .object({
    code: z.string(),
    office: z.string(),
    memberIds: z.array(z.string()),
    version: z.number().int(),
  })
  .openapi('ReviewOffice');
export type ReviewOffice = z.infer<typeof ReviewOfficeSchema>;

export const ReviewOfficeWriteSchema = z
  .strictObject({
    office: z.string().trim().min(1, '请填写科室名称').max(40),
    memberIds: z.array(z.string().min(1).max(48)).min(1, '请至少选择一名科室成员').max(50),
    version: z.number().int().min(0),
  })
  .openapi('ReviewOfficeWrite');

/** One indicator of a unit's period as the self-assessment and review pages show it. */
export const ReviewItemSchema = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    period: PeriodSchema,
    code: z.string(),
    name: z.string(),
    rule: z.string(),
    wCents: z.number().int(),
    reportedValue: z.union([z.number(), z.string(), z.boolean()]).nullable(),
    /** The engine's live self score from the reported value (formula rules), null otherwise. */
    liveSelfCents: z.number().int().nullable(),
    liveExplanation: z.string().nullable(),
    review: StageReviewSchema.nullable(),
    /** The figure the stage now acting sees: the previous stage's (or the self score). */
    previousCents: z.number().int().nullable(),
    chain: z.string(),
  })
  .openapi('ReviewItem');
export type ReviewItem = z.infer<typeof ReviewItemSchema>;

export const SelfAssessmentSchema = z
  .object({
    year: z.number().int(),
    unitId: z.string(),
    period: PeriodSchema,
    selfAssessed: z.boolean(),
    stages: z.array(ReviewStageSchema),
    items: z.array(ReviewItemSchema),
  })
  .openapi('SelfAssessment');

export const DistanceRowSchema = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    period: PeriodSchema,
    code: z.string(),
    name: z.string(),
    selfCents: z.number().int(),
    finalCents: z.number().int(),
    /** 自评 − 审定: positive when the unit claimed more than was confirmed. */
    distanceCents: z.number().int(),
  })
  .openapi('DistanceRow');
export type DistanceRow = z.infer<typeof DistanceRowSchema>;

export const DistanceReportSchema = z
  .object({
    year: z.number().int(),
    rows: z.array(DistanceRowSchema),
    byUnit: z.array(
      z.object({
        unitId: z.string(),
        unitName: z.string(),
        items: z.number().int(),
        overclaimed: z.number().int(),
        distanceCents: z.number().int(),
      }),
    ),
    byIndicator: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        items: z.number().int(),
        overclaimed: z.number().int(),
        distanceCents: z.number().int(),
      }),
    ),
  })
  .openapi('DistanceReport');
export type DistanceReport = z.infer<typeof DistanceReportSchema>;
