/**
 * The scenario: the scoring engine's complete input as one JSON document.
 *
 * Points (`W`, `p`, bonus items, deductions, caps, rater points) are decimals with at most 2 places and
 * values (targets, verified values, `floor`, `s`) decimals with at most 4; both may be JSON numbers or
 * decimal strings. The engine converts them to exact integers on entry, so the precision limits are
 * checked there (`validateScenario`), not here: this schema checks shape and types only.
 */
import { z } from 'zod';

/** A decimal given as a JSON number or a plain decimal string (`"88.52"`). */
export const DecimalSchema = z.union([
  z.number(),
  z
    .string()
    .max(40)
    .regex(/^-?\d+(\.\d+)?$/),
]);
export type Decimal = z.infer<typeof DecimalSchema>;

export const PeriodSchema = z.enum(['Q1', 'Q2', 'Q3', 'Q4']).meta({ description: '考核期（季度）' });
export type Period = z.infer<typeof PeriodSchema>;

export const MeasureSchema = z.enum(['rate', 'count', 'number', 'boolean', 'date']).meta({
  description:
    '计量单位：rate 比率 0–100（%），count 非负整数，number 数值，boolean 是/否，date 日期 YYYY-MM-DD',
});
export type Measure = z.infer<typeof MeasureSchema>;

export const DirectionSchema = z
  .enum(['higher', 'lower'])
  .meta({ description: 'higher 越高越好，lower 越低越好' });
export type Direction = z.infer<typeof DirectionSchema>;

export const BandSchema = z.enum(['优', '良', '中', '差']);
export type Band = z.infer<typeof BandSchema>;

/** Value of a fact or target: a decimal (number or string), a date string, or a boolean. */
// Strings are bounded: a decimal or a date is short, and a stored value must fit its item.
export const ValueSchema = z.union([z.number(), z.string().max(40), z.boolean()]);
export type Value = z.infer<typeof ValueSchema>;

const ThresholdRuleSchema = z
  .object({ type: z.literal('threshold') })
  .meta({ description: '达标得满分，未达标不得分' });
const LinearRuleSchema = z
  .object({
    type: z.literal('linear'),
    floor: ValueSchema.meta({ description: '零分值 F（与目标值同一计量单位）' }),
  })
  .meta({ description: '按完成比例计分' });
const StepRuleSchema = z
  .object({
    type: z.literal('step'),
    s: DecimalSchema.meta({ description: '步长 s（计量单位，比率为百分点）' }),
    p: DecimalSchema.meta({ description: '每步扣分 p（分）' }),
    mode: z.enum(['proportional', 'ceil']).default('proportional'),
  })
  .meta({ description: '每低于目标 s 扣 p 分，扣完为止' });
const CountRuleSchema = z
  .object({ type: z.literal('count'), p: DecimalSchema.meta({ description: '每次扣分 p（分）' }) })
  .meta({ description: '每发生一次扣 p 分' });
const CompletionRuleSchema = z
  .object({
    type: z.literal('completion'),
    lateFactor: DecimalSchema.default(0.5).meta({ description: '逾期完成得分系数（0–1）' }),
  })
  .meta({ description: '按期完成得满分' });
const RatingRuleSchema = z
  .object({
    type: z.literal('rating'),
    scale: z.enum(['points', 'bands']).default('points'),
    bands: z
      .partialRecord(BandSchema, z.number())
      .optional()
      .meta({ description: '等级分值表：各等级得分值 W 的百分比，默认 优100 良80 中60 差40' }),
  })
  .meta({ description: '定性评价' });
const DeductionRuleSchema = z.object({ type: z.literal('deduction') }).meta({ description: '扣分制' });

export const RuleSchema = z.discriminatedUnion('type', [
  ThresholdRuleSchema,
  LinearRuleSchema,
  StepRuleSchema,
  CountRuleSchema,
  CompletionRuleSchema,
  RatingRuleSchema,
  DeductionRuleSchema,
]);
export type Rule = z.infer<typeof RuleSchema>;
export type RuleType = Rule['type'];

export const LeafSchema = z.object({
  code: z.string().min(1).meta({ description: '指标编码，在一份责任书内唯一' }),
  name: z.string().min(1),
  W: DecimalSchema.meta({ description: '分值（分，最多 2 位小数）' }),
  measure: MeasureSchema.default('number'),
  direction: DirectionSchema.default('higher'),
  rule: RuleSchema,
  target: ValueSchema.optional().meta({ description: '本单位的目标值 T（已含单位个性化调整）' }),
  defaultTarget: ValueSchema.optional().meta({ description: '模板默认目标值，仅供展示' }),
  periods: z.array(PeriodSchema).min(1).default(['Q4']).meta({ description: '考核期；年度指标为 ["Q4"]' }),
  ruleText: z.string().optional().meta({ description: '责任书上的评分标准原文' }),
  byPeriod: z
    .partialRecord(
      PeriodSchema,
      z.object({
        target: ValueSchema.optional(),
        rule: RuleSchema.optional(),
        ruleText: z.string().optional(),
      }),
    )
    .optional()
    .meta({
      description:
        '个别考核期按另一版责任书计分（变更生效前的期次）：该期的目标值、评分规则参数和评分标准；规则类型须相同',
    }),
});
export type Leaf = z.infer<typeof LeafSchema>;

export const DimensionSchema = z.object({
  name: z.string().min(1).meta({ description: '一级指标名称' }),
  leaves: z.array(LeafSchema).min(1),
});
export type Dimension = z.infer<typeof DimensionSchema>;

export const AgreementSchema = z.object({
  unitId: z.string().min(1),
  indicators: z.array(DimensionSchema).min(1),
  revisions: z
    .partialRecord(PeriodSchema, z.number().int().positive())
    .optional()
    .meta({ description: '各考核期据以计分的责任书版本（第几版）' }),
});
export type Agreement = z.infer<typeof AgreementSchema>;

export const RatingSchema = z.object({
  raterId: z.string().min(1),
  points: DecimalSchema.optional().meta({ description: '评分（0–W，0.1 分一档）' }),
  band: BandSchema.optional(),
});
export type Rating = z.infer<typeof RatingSchema>;

export const CompletionStatusSchema = z.enum(['on_time', 'late', 'not_done']);
export type CompletionStatus = z.infer<typeof CompletionStatusSchema>;

export const FactSchema = z.object({
  unitId: z.string().min(1),
  code: z.string().min(1),
  period: PeriodSchema,
  verifiedValue: ValueSchema.nullable().optional().meta({ description: '核定值' }),
  reportedValue: ValueSchema.nullable().optional().meta({ description: '填报值（未核定不计分）' }),
  verified: z.boolean().default(false),
  completion: CompletionStatusSchema.optional(),
  ratings: z.array(RatingSchema).optional(),
  occurrences: z.number().optional().meta({ description: '核定发生次数（count 规则）' }),
  staged: z
    .object({
      points: DecimalSchema.meta({ description: '该阶段核定的得分（0–W）' }),
      stage: z.string().min(1).meta({ description: '最后完成的审核阶段，如 审定' }),
      reason: z.string().optional(),
    })
    .optional()
    .meta({
      description:
        '分级审核（初审/复审/审定）最后完成阶段的得分：有此项时该期得分即取此分（docs/review-stages.md）',
    }),
});
export type Fact = z.infer<typeof FactSchema>;

export const DeductionSchema = z.object({
  unitId: z.string().min(1),
  code: z.string().min(1).meta({ description: 'deduction 规则指标的编码' }),
  points: DecimalSchema,
  source: z.string().min(1).meta({ description: '来源，如检查记录编号或“明查暗访 2024-03”' }),
  period: PeriodSchema.optional(),
});
export type Deduction = z.infer<typeof DeductionSchema>;

export const AdjustmentSchema = z.object({
  unitId: z.string().min(1),
  points: DecimalSchema,
  title: z.string().min(1),
  period: PeriodSchema.optional(),
});
export type Adjustment = z.infer<typeof AdjustmentSchema>;

export const VetoSchema = z.object({
  unitId: z.string().min(1),
  category: z.string().min(1).meta({ description: '否决事项类别，如 重大医疗事故' }),
  reason: z.string().min(1),
  period: PeriodSchema.optional(),
});
export type Veto = z.infer<typeof VetoSchema>;

export const PeriodWeightsSchema = z
  .object({ Q1: z.number(), Q2: z.number(), Q3: z.number(), Q4: z.number() })
  .meta({ description: '考核期权重（整百分数），合计 100' });
export type PeriodWeights = z.infer<typeof PeriodWeightsSchema>;

export const SettingsSchema = z.object({
  periodWeights: PeriodWeightsSchema.default({ Q1: 10, Q2: 10, Q3: 10, Q4: 70 }),
  bonusCap: DecimalSchema.default(5).meta({ description: '加分上限（分）' }),
  penaltyCap: DecimalSchema.nullable().default(null).meta({ description: '减分上限（分），null 为不设上限' }),
  excellentQuotaPercent: z
    .number()
    .default(20)
    .meta({ description: '优秀名额占本类单位数的百分比（向下取整，至少 1）' }),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const ScenarioSchema = z
  .object({
    schemaVersion: z.literal(1),
    year: z.number().int(),
    settings: SettingsSchema.prefault({}),
    categories: z.array(z.object({ id: z.string().min(1), name: z.string().min(1) })),
    units: z.array(
      z.object({ id: z.string().min(1), name: z.string().min(1), categoryId: z.string().min(1) }),
    ),
    agreements: z.array(AgreementSchema),
    facts: z.array(FactSchema).default([]),
    deductions: z.array(DeductionSchema).default([]),
    bonuses: z.array(AdjustmentSchema).default([]),
    penalties: z.array(AdjustmentSchema).default([]),
    vetoes: z.array(VetoSchema).default([]),
  })
  .meta({
    title: 'Kaoping scoring scenario',
    description: '考评计分情景：一个考核年度计分所需的全部输入（见 docs/scoring.md）',
  });
/** A parsed scenario (defaults filled in): what `computeResults` takes. */
export type Scenario = z.infer<typeof ScenarioSchema>;
/** A scenario as written in JSON (defaults may be omitted). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
