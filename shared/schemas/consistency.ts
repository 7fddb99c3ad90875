/**
 * The rater consistency report (docs/rater-consistency.md). Percentages are integer hundredths of a percent
 * (`…Bp`, 10000 = 100 %), of the leaf's `W` for marks, deviations and ranges; points are `…Cents`.
 */
import { z } from '@hono/zod-openapi';
import { GradeSchema } from './results';
import { ComputedRunSchema } from './results-views';
import { PeriodSchema } from './scenario';

const Bp = z.number().int();

export const ConsistencyThresholdsSchema = z.object({
  leniencyBp: Bp.meta({ description: '宽严偏差阈值（W 的万分之几，1000 = 10 %）' }),
  minCoRatedItems: z.number().int().meta({ description: '标记所需的最少共同评分项数' }),
  agreementRangeBp: Bp.meta({ description: '一项评分视为一致的最大极差（2000 = W 的 20 %）' }),
});

export const RaterConsistencySchema = z.object({
  raterId: z.string(),
  raterName: z.string(),
  itemsRated: z.number().int(),
  coRatedItems: z.number().int(),
  meanMarkBp: Bp,
  leniencyBp: Bp,
  leniencySpreadBp: Bp,
  fullMarksShareBp: Bp,
  extremesShareBp: Bp,
  flag: z.enum(['lenient', 'harsh']).nullable(),
});

export const IndicatorAgreementSchema = z.object({
  code: z.string(),
  name: z.string(),
  items: z.number().int(),
  units: z.number().int(),
  raters: z.number().int(),
  meanRangeBp: Bp,
  agreementShareBp: Bp,
  widest: z.array(z.object({ unitId: z.string(), unitName: z.string(), period: PeriodSchema, rangeBp: Bp })),
});

export const OutcomeChangeSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  categoryId: z.string(),
  finalCents: z.number().int(),
  finalCentsWithout: z.number().int(),
  rank: z.number().int(),
  rankWithout: z.number().int(),
  grade: GradeSchema,
  gradeWithout: GradeSchema,
});

export const ConsistencyReportSchema = z
  .object({
    year: z.number().int(),
    period: PeriodSchema.nullable(),
    asOfPeriod: PeriodSchema,
    thresholds: ConsistencyThresholdsSchema,
    raters: z.array(RaterConsistencySchema),
    indicators: z.array(IndicatorAgreementSchema),
    sensitivity: z.array(z.object({ raterId: z.string(), changes: z.array(OutcomeChangeSchema) })),
    computed: ComputedRunSchema.nullable().optional().meta({
      description:
        '市级规模的年度：报告由后台任务计算，此为最近一次计算（尚未计算时为 null，各项为空）；较小的年度实时计算，无此字段',
    }),
  })
  .openapi('ConsistencyReport');
export type ConsistencyReportView = z.infer<typeof ConsistencyReportSchema>;
