/**
 * Integrity and work-style inspections (明查暗访): the year's checklist, inspection records with
 * their findings, rectification orders (整改) and satisfaction surveys (满意度测评).
 */
import { z } from '@hono/zod-openapi';
import { VETO_CATEGORIES } from './facts';
import { PeriodSchema } from './year';

const Text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);
const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
/** Points as a JSON number with at most 2 decimals; stored as integer hundredths. */
const Points = z
  .number()
  .min(0, '不能为负数')
  .max(100, '不能超过 100 分')
  // Exactly the value of its 2-decimal rounding: 1e-220 is not 0.00 (and DynamoDB refuses to store it).
  .refine((v) => Number(v.toFixed(2)) === v, { message: '最多 2 位小数' });

export const ChecklistCodeSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,15}$/, '编号只能包含字母、数字、点和连字符');

/** One checklist line: what is checked, what it deducts and from which agreement leaf, or a veto. */
export const ChecklistItemInputSchema = z.strictObject({
  code: ChecklistCodeSchema,
  text: Text(120).min(1, '不能为空'),
  /** Points deducted per finding (0 for a veto item). */
  points: Points,
  /** The agreement leaf (a `deduction` indicator, e.g. 3.2 行风建设) the points come off. */
  leafCode: z.string().trim().min(1, '不能为空').max(16),
  veto: z.boolean().default(false),
  vetoCategory: z.enum(VETO_CATEGORIES).optional(),
});
export const ChecklistItemSchema = ChecklistItemInputSchema.extend({ version: z.number().int() }).openapi(
  'ChecklistItem',
);
export type ChecklistItemInput = z.infer<typeof ChecklistItemInputSchema>;
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

export const INSPECTION_KINDS = ['明查', '暗访', '专项检查'] as const;
export const InspectionKindSchema = z.enum(INSPECTION_KINDS);

export const INSPECTION_STATES = ['submitted', 'approved', 'rejected'] as const;
export const InspectionStateSchema = z.enum(INSPECTION_STATES);
export type InspectionState = z.infer<typeof InspectionStateSchema>;

export const FindingInputSchema = z.strictObject({
  itemCode: ChecklistCodeSchema,
  /** Points for this finding; defaults to the checklist item's points. */
  points: Points.optional(),
  note: Text(500).default(''),
  /** 整改期限: when set, approval opens a rectification order due that day. */
  rectifyBy: DateSchema.optional(),
});

export const FindingSchema = z
  .object({
    n: z.number().int().min(1),
    itemCode: z.string(),
    itemText: z.string(),
    leafCode: z.string(),
    pointsCents: z.number().int().min(0),
    veto: z.boolean(),
    vetoCategory: z.enum(VETO_CATEGORIES).optional(),
    note: z.string(),
    rectifyBy: DateSchema.optional(),
  })
  .openapi('Finding');
export type Finding = z.infer<typeof FindingSchema>;

export const InspectionInputSchema = z.strictObject({
  unitId: z.string().min(1).max(48),
  kind: InspectionKindSchema,
  date: DateSchema,
  /** The inspection team (检查组成员, user ids); the recorder is always a member. */
  team: z.array(z.string().min(1).max(64)).max(10).default([]),
  // At most 40: approval writes up to 2 items per finding plus the inspection in one transaction (≤ 100).
  findings: z.array(FindingInputSchema).max(40, '一次检查最多 40 条发现'),
  summary: Text(1000).default(''),
});
export type InspectionInput = z.infer<typeof InspectionInputSchema>;

export const InspectionSchema = z
  .object({
    id: z.string(),
    year: z.number().int(),
    unitId: z.string(),
    kind: InspectionKindSchema,
    date: DateSchema,
    team: z.array(z.string()),
    findings: z.array(FindingSchema),
    summary: z.string(),
    state: InspectionStateSchema,
    recordedBy: z.string(),
    recordedAt: z.string(),
    decidedBy: z.string().optional(),
    decidedAt: z.string().optional(),
    decisionReason: z.string().optional(),
    version: z.number().int(),
  })
  .openapi('Inspection');
export type Inspection = z.infer<typeof InspectionSchema>;

export const DecisionSchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  reason: Text(500).optional(),
  version: z.number().int().min(1),
});

export const RECTIFICATION_STATES = ['open', 'answered', 'closed'] as const;
export const RectificationStateSchema = z.enum(RECTIFICATION_STATES);
export type RectificationState = z.infer<typeof RectificationStateSchema>;

export const RectificationEventSchema = z.object({
  action: z.enum(['opened', 'answered', 'returned', 'closed']),
  by: z.string(),
  at: z.string(),
  note: z.string(),
});

export const RectificationSchema = z
  .object({
    id: z.string(),
    year: z.number().int(),
    unitId: z.string(),
    inspectionId: z.string(),
    n: z.number().int(),
    itemText: z.string(),
    note: z.string(),
    dueDate: DateSchema,
    /** The points the finding cost the unit (shown with the order and on a return). */
    pointsCents: z.number().int().optional(),
    state: RectificationStateSchema,
    /** The inspection team: any of them reviews the answer. */
    team: z.array(z.string()),
    answer: z.string().optional(),
    history: z.array(RectificationEventSchema),
    version: z.number().int(),
  })
  .openapi('Rectification');
export type Rectification = z.infer<typeof RectificationSchema>;

export const RectificationAnswerSchema = z.strictObject({
  answer: Text(2000).min(4, '请说明整改情况（至少 4 个字）'),
  version: z.number().int().min(1),
});
export const RectificationReviewSchema = z.strictObject({
  decision: z.enum(['close', 'return']),
  note: Text(500).default(''),
  version: z.number().int().min(1),
});

/** One unit's satisfaction survey result of a period (满意度测评). */
export const SurveyResultSchema = z
  .object({
    unitId: z.string(),
    period: PeriodSchema,
    code: z.string(),
    respondents: z.number().int().min(1),
    satisfied: z.number().int().min(0),
    /** satisfied / respondents × 100, rounded half-up to 2 decimals. */
    rate: z.number(),
    enteredBy: z.string(),
    at: z.string(),
  })
  .openapi('SurveyResult');
export type SurveyResult = z.infer<typeof SurveyResultSchema>;

export const SurveyEntrySchema = z.strictObject({
  code: z.string().trim().min(1).max(16),
  respondents: z.number().int().min(1, '调查人数至少为 1'),
  satisfied: z.number().int().min(0, '满意人数不能为负数'),
});

export const SurveyImportSchema = z.strictObject({
  period: PeriodSchema,
  code: z.string().trim().min(1).max(16),
  fileName: z.string().max(200),
  fileBase64: z.string().min(1, '不能为空').max(3_000_000, '文件超过 2 MB'),
});
