/** The appraisal year: periods, windows, weights, caps and its state. */
import { z } from '@hono/zod-openapi';

export const PERIODS = ['Q1', 'Q2', 'Q3', 'Q4'] as const;
export const PeriodSchema = z.enum(PERIODS);
export type Period = z.infer<typeof PeriodSchema>;

export const YEAR_STATES = ['setup', 'in_progress', 'scoring', 'publicity', 'published'] as const;
export const YearStateSchema = z.enum(YEAR_STATES);
export type YearState = z.infer<typeof YearStateSchema>;

export const YEAR_STATE_LABELS: Record<YearState, string> = {
  setup: '年初设置',
  in_progress: '考核进行中',
  scoring: '集中评分',
  publicity: '结果公示',
  published: '结果已发布',
};

export const PeriodWindowSchema = z.object({
  period: PeriodSchema,
  /** ISO instants; the UI shows them in Asia/Shanghai. */
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
});
export type PeriodWindow = z.infer<typeof PeriodWindowSchema>;

/** When the consistency report flags a rater (docs/rater-consistency.md); absent: the defaults (10 %, 5). */
export const ConsistencySettingsSchema = z.strictObject({
  /** A rater is flagged when their leniency is beyond ± this share of W, in whole percents. */
  leniencyPercent: z.number().int().min(1).max(50),
  /** …with at least this many items another rater also marked. */
  minCoRatedItems: z.number().int().min(1).max(100),
});
export type ConsistencySettings = z.infer<typeof ConsistencySettingsSchema>;

export const YearSettingsSchema = z.strictObject({
  periods: z.array(PeriodWindowSchema).length(4),
  /** Whole percent per period; they must sum to 100. */
  periodWeights: z.strictObject({
    Q1: z.number().int().min(0).max(100),
    Q2: z.number().int().min(0).max(100),
    Q3: z.number().int().min(0).max(100),
    Q4: z.number().int().min(0).max(100),
  }),
  bonusCapCents: z.number().int().min(0).max(10_000),
  penaltyCapCents: z.number().int().min(0).max(10_000).nullable(),
  excellentQuotaPercent: z.number().int().min(1).max(100),
  publicityDays: z.number().int().min(1).max(30),
  consistency: ConsistencySettingsSchema.optional(),
  /** Periods a unit assesses itself in (自查自评); absent means Q4 (docs/review-stages.md). */
  selfAssessedPeriods: z.array(PeriodSchema).max(4).optional(),
  /** The review stages in order; absent means 初审 → 复审 → 审定. A bureau may use two. */
  reviewStages: z
    .array(z.enum(['first', 'second', 'final']))
    .min(2)
    .max(3)
    .optional(),
});
export type YearSettings = z.infer<typeof YearSettingsSchema>;

export const YearSchema = YearSettingsSchema.extend({
  year: z.number().int().min(2000).max(2100),
  title: z.string(),
  state: YearStateSchema,
  version: z.number().int(),
  history: z.array(
    z.object({
      state: YearStateSchema,
      at: z.string(),
      by: z.string(),
      /** Warnings of the readiness check the admin acknowledged with a reason (the audit trail). */
      acknowledged: z
        .array(z.object({ code: z.string(), message: z.string(), count: z.number(), reason: z.string() }))
        .optional(),
    }),
  ),
}).openapi('Year');
export type Year = z.infer<typeof YearSchema>;

/** A warning of a readiness check the admin acknowledges before the move, with a reason. */
export const AcknowledgementSchema = z.strictObject({
  code: z.string().min(1).max(40),
  reason: z.string().trim().min(4, '请说明理由（至少 4 个字）').max(500, '理由不超过 500 字'),
});

/**
 * A year's move as the admin confirms it: the year's version as read and the checklist's
 * acknowledgements (the transitions route adds `to`; the publicity job's start is this alone).
 */
export const YearMoveBodySchema = z.strictObject({
  version: z.number().int().min(1),
  /** Each warning of the readiness check, acknowledged with a reason (kept in the year's history). */
  acknowledgements: z.array(AcknowledgementSchema).max(30).default([]),
});

/** The only forward moves a year can make; each is an explicit admin action. */
export const YEAR_TRANSITIONS: Record<YearState, YearState | null> = {
  setup: 'in_progress',
  in_progress: 'scoring',
  scoring: 'publicity',
  publicity: 'published',
  published: null,
};
