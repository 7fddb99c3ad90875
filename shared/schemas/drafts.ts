/** Draft results versions (公示结果版本) and the difference between two of them, as the API shows them. */
import { z } from '@hono/zod-openapi';
import { GradeSchema } from './results';

export const DraftHeaderSchema = z
  .object({
    year: z.number().int(),
    version: z.number().int(),
    computedAt: z.string(),
    computedBy: z.string(),
    reason: z.string(),
    objectionIds: z.array(z.string()),
    resultsSha256: z.string(),
  })
  .openapi('DraftResultsVersion');

const StandingSchema = z
  .object({ rank: z.number().int(), finalCents: z.number().int(), grade: GradeSchema, vetoed: z.boolean() })
  .nullable();

export const ResultsDiffSchema = z
  .object({
    against: z.number().int().meta({ description: '与之比较的上一版本' }),
    rescoredUnits: z.number().int().meta({ description: '总分有变化的单位数' }),
    units: z.array(
      z.object({
        unitId: z.string(),
        unitName: z.string(),
        categoryId: z.string(),
        categoryName: z.string(),
        before: StandingSchema,
        after: StandingSchema,
        leaves: z.array(
          z.object({
            code: z.string(),
            name: z.string(),
            beforeCents: z.number().int().nullable(),
            afterCents: z.number().int().nullable(),
          }),
        ),
      }),
    ),
  })
  .openapi('ResultsDiff');

export const DraftDetailSchema = z
  .object({ header: DraftHeaderSchema, diff: ResultsDiffSchema.nullable() })
  .openapi('DraftResultsDetail');

export const NewDraftSchema = z.strictObject({
  reason: z.string().trim().min(4, '请说明重新计算的原因（至少 4 个字）').max(500, '不能超过 500 个字符'),
  /** The upheld objections whose rescoring this version takes in. */
  objectionIds: z.array(z.string().min(1).max(40)).max(50).default([]),
});

export type DraftHeaderView = z.infer<typeof DraftHeaderSchema>;
export type ResultsDiffView = z.infer<typeof ResultsDiffSchema>;
export type DraftDetail = z.infer<typeof DraftDetailSchema>;
