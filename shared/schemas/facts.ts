/**
 * The stored facts the scoring engine reads, as the workflows write them: a rater's verification
 * (核定值) or rating of a leaf, approved deductions, bonus and penalty items, vetoes.
 * `shared/domain/results/build-scenario.ts` turns them into the engine's scenario.
 */
import { z } from '@hono/zod-openapi';
import type { StageReview } from './review-stages';
import { BandSchema, CompletionStatusSchema, ValueSchema } from './scenario';
import { PeriodSchema } from './year';

/** One verification of a formula leaf for a period (one per unit, period and code). */
export const VerificationSchema = z
  .object({
    unitId: z.string(),
    period: PeriodSchema,
    code: z.string(),
    verifiedValue: ValueSchema.nullable(),
    completion: CompletionStatusSchema.optional(),
    occurrences: z.number().int().min(0).optional(),
    raterId: z.string(),
    comment: z.string(),
    at: z.string(),
    version: z.number().int(),
  })
  .openapi('Verification');
export type Verification = z.infer<typeof VerificationSchema>;

/** One rater's points or grade band on a `rating` leaf for a period. */
export const RatingRecordSchema = z
  .object({
    unitId: z.string(),
    period: PeriodSchema,
    code: z.string(),
    raterId: z.string(),
    pointsCents: z.number().int().min(0).optional(),
    band: BandSchema.optional(),
    comment: z.string(),
    at: z.string(),
    version: z.number().int(),
  })
  .openapi('RatingRecord');
export type RatingRecord = z.infer<typeof RatingRecordSchema>;

export const PROPOSAL_STATES = ['proposed', 'approved', 'rejected'] as const;
export const ProposalStateSchema = z.enum(PROPOSAL_STATES);

/** An approved inspection finding on a `deduction` leaf. */
export const DeductionRecordSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  code: z.string(),
  pointsCents: z.number().int().min(0),
  source: z.string(),
  state: ProposalStateSchema,
});
export type DeductionRecord = z.infer<typeof DeductionRecordSchema>;

/** A bonus (加分) or penalty (减分) item outside the 100-point tree: an approved proposal's points. */
export const AdjustmentRecordSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: z.enum(['bonus', 'penalty']),
  title: z.string(),
  pointsCents: z.number().int().min(0),
  state: ProposalStateSchema,
  proposedBy: z.string(),
  approvedBy: z.string().optional(),
});
export type AdjustmentRecord = z.infer<typeof AdjustmentRecordSchema>;

export const VETO_CATEGORIES = [
  '重大医疗事故',
  '违纪违法案件',
  '瞒报迟报疫情',
  '安全生产责任事故',
  '其他',
] as const;

export const VetoRecordSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  category: z.enum(VETO_CATEGORIES),
  reason: z.string(),
  state: ProposalStateSchema,
  proposedBy: z.string(),
  approvedBy: z.string().optional(),
});
export type VetoRecord = z.infer<typeof VetoRecordSchema>;

/** Everything stored for one unit in one year that scoring reads (one Query on its partition). */
export interface UnitFacts {
  unitId: string;
  verifications: Verification[];
  ratings: RatingRecord[];
  reported: {
    period: z.infer<typeof PeriodSchema>;
    code: string;
    value: z.infer<typeof ValueSchema> | null;
  }[];
  deductions: DeductionRecord[];
  adjustments: AdjustmentRecord[];
  vetoes: VetoRecord[];
  /** Staged reviews (初审/复审/审定) of the unit's indicators; absent where none was read. */
  reviews?: StageReview[];
}
