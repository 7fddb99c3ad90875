/**
 * The scoring engine's output. Every point value is an integer number of hundredths (`…Cents`);
 * the UI formats them with `formatPoints`.
 */
import { z } from 'zod';
import { PeriodSchema } from './scenario';

const Cents = z.number().int();

export const PeriodStatusSchema = z
  .enum(['scored', 'missing', 'unverified'])
  .meta({ description: 'scored 已计分；missing 无核定值（得 0）；unverified 已填报未核定（得 0）' });
export type PeriodStatus = z.infer<typeof PeriodStatusSchema>;

export const LeafFlagSchema = z.enum(['missing', 'unverified', 'not_yet_assessed']);
export type LeafFlag = z.infer<typeof LeafFlagSchema>;

export const GradeSchema = z.enum(['优秀', '良好', '合格', '不合格']);
export type Grade = z.infer<typeof GradeSchema>;

export const PeriodResultSchema = z.object({
  period: PeriodSchema,
  weightPercent: z.number().int(),
  scoreCents: Cents,
  status: PeriodStatusSchema,
  explanation: z.string(),
});
export type PeriodResult = z.infer<typeof PeriodResultSchema>;

export const LeafResultSchema = z.object({
  code: z.string(),
  name: z.string(),
  dimension: z.string(),
  rule: z.enum(['threshold', 'linear', 'step', 'count', 'completion', 'rating', 'deduction']),
  wCents: Cents,
  annualCents: Cents,
  periods: z.array(PeriodResultSchema),
  explanation: z.string(),
  ruleText: z.string(),
  flags: z.array(LeafFlagSchema),
});
export type LeafResult = z.infer<typeof LeafResultSchema>;

export const DimensionResultSchema = z.object({
  name: z.string(),
  subtotalCents: Cents,
  maxCents: Cents.meta({ description: '本视图已考核指标的分值合计（全年视图为各指标分值之和）' }),
});
export type DimensionResult = z.infer<typeof DimensionResultSchema>;

export const ItemResultSchema = z.object({ title: z.string(), pointsCents: Cents });

export const UnitResultSchema = z.object({
  rank: z.number().int().positive(),
  unitId: z.string(),
  unitName: z.string(),
  baseCents: Cents,
  maxCents: Cents,
  bonusCents: Cents.meta({ description: '加分合计（封顶前）' }),
  bonusAppliedCents: Cents.meta({ description: '计入的加分 = min(加分合计, 上限)' }),
  penaltyCents: Cents.meta({ description: '扣分合计（封顶前）' }),
  penaltyAppliedCents: Cents,
  finalCents: Cents,
  grade: GradeSchema,
  vetoed: z.boolean(),
  vetoReason: z.string().optional(),
  bonuses: z.array(ItemResultSchema),
  penalties: z.array(ItemResultSchema),
  dimensions: z.array(DimensionResultSchema),
  leaves: z.array(LeafResultSchema),
  revisions: z
    .partialRecord(PeriodSchema, z.number().int())
    .optional()
    .meta({ description: '各考核期据以计分的责任书版本' }),
  scoreRateBasisPoints: z
    .number()
    .int()
    .optional()
    .meta({ description: '季度视图：得分率（基础分 ÷ 截至本期已考核分值，万分比）；预计等级据此评定' }),
});
export type UnitResult = z.infer<typeof UnitResultSchema>;

export const CategoryResultSchema = z.object({
  categoryId: z.string(),
  name: z.string(),
  unitCount: z.number().int(),
  excellentQuota: z.number().int(),
  units: z.array(UnitResultSchema).meta({ description: '按名次排列' }),
});
export type CategoryResult = z.infer<typeof CategoryResultSchema>;

export const ResultsSchema = z.object({
  schemaVersion: z.literal(1),
  year: z.number().int(),
  asOfPeriod: PeriodSchema.meta({ description: '截至该考核期的结果；Q4 即全年' }),
  settings: z.object({
    periodWeights: z.object({ Q1: z.number(), Q2: z.number(), Q3: z.number(), Q4: z.number() }),
    bonusCapCents: Cents,
    penaltyCapCents: Cents.nullable(),
    excellentQuotaPercent: z.number(),
  }),
  categories: z.array(CategoryResultSchema),
});
export type Results = z.infer<typeof ResultsSchema>;
