/**
 * Indicator templates (指标模板): one per unit category and year, a tree of dimensions (一级指标) and
 * leaves (指标) with every field of the agreement leaf of the scoring engine (`LeafSchema` in
 * ./scenario) plus the evidence requirement (材料要求) and the responsible department (责任科室).
 *
 * Points (`W`) are JSON numbers of points with at most 2 decimals, targets are values of the leaf's
 * measure (a rate is 0–100), exactly as the engine reads them. These schemas check shape and types
 * only; what makes a tree scorable (weights summing to 100, rule parameters, target ranges) is the
 * engine's `validateAgreement`, reported as problems.
 */
import { z } from '@hono/zod-openapi';
import { KeywordsSchema } from './extraction';
import { DirectionSchema, MeasureSchema, PeriodSchema, RuleSchema, ValueSchema } from './scenario';

export const IndicatorCodeSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/,
    '指标编码只能包含字母、数字、点、下划线和连字符（1–16 个字符）',
  );

const Text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);

export const TemplateLeafSchema = z
  .strictObject({
    code: IndicatorCodeSchema,
    name: Text(60).min(1, '不能为空'),
    W: z.number().meta({ description: '分值（分，最多 2 位小数）' }),
    measure: MeasureSchema,
    direction: DirectionSchema,
    rule: RuleSchema,
    defaultTarget: ValueSchema.optional().meta({ description: '默认目标值 T（比率为 0–100）' }),
    periods: z.array(PeriodSchema).min(1, '至少选择一个考核期').max(4),
    ruleText: Text(500).optional().meta({ description: '评分标准原文；空则按规则自动生成' }),
    evidence: Text(500).default('').meta({ description: '材料要求' }),
    department: Text(30).default('').meta({ description: '责任科室' }),
    keywords: KeywordsSchema.optional(),
  })
  .openapi('TemplateLeaf');
export type TemplateLeaf = z.infer<typeof TemplateLeafSchema>;
export type TemplateLeafInput = z.input<typeof TemplateLeafSchema>;

export const TemplateDimensionSchema = z
  .strictObject({ name: Text(40).min(1, '不能为空'), leaves: z.array(TemplateLeafSchema).max(60) })
  .openapi('TemplateDimension');
export type TemplateDimension = z.infer<typeof TemplateDimensionSchema>;

/** Per-unit target overrides planned with the template: unit id → indicator code → target. */
export const UnitTargetsSchema = z.record(z.string().max(48), z.record(z.string().max(16), ValueSchema));
export type UnitTargets = z.infer<typeof UnitTargetsSchema>;

/** What the admin writes: the tree, the agreement's title and party A, the planned unit targets. */
export const TemplateInputSchema = z
  .strictObject({
    title: Text(80)
      .min(1, '不能为空')
      .meta({ description: '责任书标题，如 2026年度清河县卫生健康目标管理责任书' }),
    partyA: Text(60).min(1, '不能为空').meta({ description: '甲方，如 清河县卫生健康局' }),
    dimensions: z.array(TemplateDimensionSchema).max(20),
    unitTargets: UnitTargetsSchema.default({}),
  })
  .openapi('TemplateInput');
export type TemplateInput = z.infer<typeof TemplateInputSchema>;

/** A write of the template: `version` absent creates it, present replaces that version. */
export const TemplateWriteSchema = TemplateInputSchema.extend({
  version: z.number().int().min(1).optional(),
});

export const ProblemSchema = z.object({ path: z.string(), message: z.string() }).openapi('Problem');
export type ProblemView = z.infer<typeof ProblemSchema>;

export const TemplateSchema = TemplateInputSchema.extend({
  year: z.number().int(),
  categoryId: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  /** The year this template was copied from, if it was. */
  copiedFrom: z.number().int().optional(),
}).openapi('Template');
export type Template = z.infer<typeof TemplateSchema>;

/** A template as the API answers it: with the running weight sum and every validation problem. */
export const TemplateViewSchema = TemplateSchema.extend({
  categoryName: z.string(),
  /** Σ W of the leaves, formatted with two decimals ('100.00'). */
  totalW: z.string(),
  leafCount: z.number().int(),
  problems: z.array(ProblemSchema),
}).openapi('TemplateView');
export type TemplateView = z.infer<typeof TemplateViewSchema>;

export const TemplateSummarySchema = TemplateViewSchema.omit({ dimensions: true, unitTargets: true })
  .extend({ problemCount: z.number().int() })
  .omit({ problems: true })
  .openapi('TemplateSummary');
export type TemplateSummary = z.infer<typeof TemplateSummarySchema>;
