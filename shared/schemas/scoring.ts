/**
 * Committee scoring (考核评分): rater assignments, the rater's queue, score writes, the rater's sheet
 * of a period, the audit trail and the admin's progress view. The stored facts a score write
 * produces are `Verification` and `RatingRecord` (schemas/facts.ts), which the results engine reads.
 */
import { z } from '@hono/zod-openapi';
import { BandSchema, CompletionStatusSchema, ValueSchema } from './scenario';
import { PeriodSchema } from './year';

const Id = z.string().trim().min(1).max(48);

/** One rater assigned to one unit's indicator in one period. */
export const AssignmentSchema = z
  .object({
    year: z.number().int(),
    period: PeriodSchema,
    unitId: z.string(),
    code: z.string(),
    raterId: z.string(),
    assignedBy: z.string(),
    assignedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Assignment');
export type Assignment = z.infer<typeof AssignmentSchema>;

/** Assigns raters to an indicator of a period, for listed units or a whole category. */
export const AssignWriteSchema = z
  .strictObject({
    period: PeriodSchema,
    code: z.string().trim().min(1).max(16),
    raterIds: z.array(Id).min(1, '请选择考核组成员').max(30),
    unitIds: z.array(Id).min(1).max(100).optional(),
    categoryId: Id.optional(),
  })
  .refine((b) => (b.unitIds === undefined) !== (b.categoryId === undefined), {
    message: '请指定单位（unitIds）或单位类别（categoryId），二者选一',
    path: ['unitIds'],
  })
  .openapi('AssignWrite');
export type AssignWrite = z.infer<typeof AssignWriteSchema>;

export const AssignResultSchema = z
  .object({ created: z.number().int(), existing: z.number().int(), assignments: z.array(AssignmentSchema) })
  .openapi('AssignResult');

/** Moves one assignment to another rater; what the first rater scored stays in the audit trail. */
export const ReassignWriteSchema = z
  .strictObject({
    period: PeriodSchema,
    unitId: Id,
    code: z.string().trim().min(1).max(16),
    fromRaterId: Id,
    toRaterId: Id,
    reason: z.string().trim().min(2, '请填写改派原因').max(500),
  })
  .openapi('ReassignWrite');

/**
 * A score write. Formula rules take the verified value (核定值): `verifiedValue` by the leaf's measure,
 * `completion` for `completion`, `occurrences` for `count`; `rating` rules take `points` (0–W, 0.1 steps)
 * or a `band`. `version` is the stored version (0 for the first write). A comment is required for
 * anything below full points.
 */
export const ScoreWriteSchema = z
  .strictObject({
    version: z.number().int().min(0),
    verifiedValue: ValueSchema.optional(),
    completion: CompletionStatusSchema.optional(),
    occurrences: z.number().int().min(0).max(100_000).optional(),
    points: z.number().min(0).max(1000).optional(),
    band: BandSchema.optional(),
    comment: z.string().trim().max(500).default(''),
  })
  .openapi('ScoreWrite');
export type ScoreWrite = z.infer<typeof ScoreWriteSchema>;

export const PeriodScoreSchema = z.object({
  scoreCents: z.number().int(),
  score: z.string(),
  status: z.string(),
  explanation: z.string(),
});

export const ScoreResultSchema = z
  .object({
    kind: z.enum(['verification', 'rating']),
    record: z.record(z.string(), z.unknown()),
    version: z.number().int(),
    computed: PeriodScoreSchema,
  })
  .openapi('ScoreResult');

export const ReturnWriteSchema = z
  .strictObject({
    reason: z.string().trim().min(2, '请填写退回原因').max(500, '退回原因不能超过 500 个字符'),
    version: z.number().int().min(1),
  })
  .openapi('ScoreReturn');

export const QUEUE_STATES = ['pending', 'scored', 'returned'] as const;
export const QueueStateSchema = z.enum(QUEUE_STATES);
export type QueueState = z.infer<typeof QueueStateSchema>;

/** One item of a rater's queue: the assignment, the leaf, what the unit reported and what is scored. */
export const QueueItemSchema = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    code: z.string(),
    name: z.string(),
    ruleType: z.string(),
    ruleText: z.string(),
    measure: z.string(),
    W: z.union([z.number(), z.string()]),
    target: ValueSchema.nullable(),
    scale: z.enum(['points', 'bands']).nullable(),
    state: QueueStateSchema,
    reported: z
      .object({
        status: z.string(),
        value: ValueSchema.nullable(),
        narrative: z.string(),
        version: z.number().int(),
      })
      .nullable(),
    /** The verification (formula rules) or this rater's rating, as stored. */
    score: z.record(z.string(), z.unknown()).nullable(),
    computed: PeriodScoreSchema.nullable(),
    /** The unit's checked evidence files of the indicator (viewed through the evidence link route). */
    files: z.array(
      z.object({ fileId: z.string(), name: z.string(), size: z.number(), contentType: z.string() }),
    ),
    evidenceLink: z.string(),
    /**
     * The reported value against the unit's work summary, when it was taken from one
     * (shared/domain/extraction/summary-check.ts); null otherwise.
     */
    summary: z
      .object({
        sentence: z.string().nullable(),
        figure: z.object({ from: z.number(), to: z.number() }).nullable(),
        disagrees: z.boolean(),
        message: z.string().nullable(),
      })
      .nullable()
      .optional(),
  })
  .openapi('QueueItem');
export type QueueItem = z.infer<typeof QueueItemSchema>;

export const RaterSheetSchema = z
  .object({
    year: z.number().int(),
    period: PeriodSchema,
    raterId: z.string(),
    state: z.enum(['open', 'finalized']),
    finalizedAt: z.string().optional(),
    reopenedAt: z.string().optional(),
    reopenedBy: z.string().optional(),
    reopenReason: z.string().optional(),
    version: z.number().int(),
  })
  .openapi('RaterSheet');
export type RaterSheet = z.infer<typeof RaterSheetSchema>;

export const QueueSchema = z
  .object({
    year: z.number().int(),
    period: PeriodSchema,
    raterId: z.string(),
    sheet: RaterSheetSchema,
    counts: z.object({ pending: z.number(), scored: z.number(), returned: z.number() }),
    items: z.array(QueueItemSchema),
  })
  .openapi('ScoringQueue');
export type Queue = z.infer<typeof QueueSchema>;

/**
 * A page of a rater's queue by units (GET …/scoring-queue-pages): `counts` are the page's; `totals`
 * (the rater's assignments of the period and their own ratings, counted) come with the first page only.
 */
export const QueuePageSchema = QueueSchema.extend({
  next: z.string().nullable().meta({ description: '下一页的翻页位置；最后一页为 null' }),
  totals: z.object({ assigned: z.number().int(), rated: z.number().int() }).nullable(),
}).openapi('ScoringQueuePage');
export type QueuePage = z.infer<typeof QueuePageSchema>;

export const AUDIT_KINDS = [
  'verify',
  'rate',
  'accept',
  'return',
  'finalize',
  'reopen',
  'reassign',
  // Self-assessment and staged review (docs/review-stages.md).
  'self_assess',
  'self_submit',
  'stage_review',
] as const;

/** One entry of the append-only audit trail: who changed what, when, from what to what, and why. */
export const AuditEntrySchema = z
  .object({
    id: z.string(),
    year: z.number().int(),
    unitId: z.string(),
    period: PeriodSchema,
    code: z.string().nullable(),
    kind: z.enum(AUDIT_KINDS),
    by: z.string(),
    byName: z.string(),
    at: z.string(),
    old: z.unknown(),
    new: z.unknown(),
    reason: z.string(),
  })
  .openapi('AuditEntry');
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

const Counts = z.object({ scored: z.number(), pending: z.number(), returned: z.number() });

export const SpreadAlertSchema = z.object({
  unitId: z.string(),
  code: z.string(),
  period: PeriodSchema,
  wCents: z.number().int(),
  minCents: z.number().int(),
  maxCents: z.number().int(),
  raters: z.array(z.object({ raterId: z.string(), cents: z.number().int() })),
});
export type SpreadAlert = z.infer<typeof SpreadAlertSchema>;

export const ScoringProgressSchema = z
  .object({
    year: z.number().int(),
    period: PeriodSchema,
    byRater: z.array(Counts.extend({ raterId: z.string(), name: z.string(), finalized: z.boolean() })),
    byIndicator: z.array(Counts.extend({ code: z.string(), name: z.string() })),
    spreadAlerts: z.array(SpreadAlertSchema),
    /**
     * Above the live limit (a municipal year): per-rater counts from counting Queries only, without
     * per-indicator counts, returned items and spread alerts (docs/scoring-workflow.md).
     */
    counted: z.boolean().optional(),
  })
  .openapi('ScoringProgress');
export type ScoringProgress = z.infer<typeof ScoringProgressSchema>;
