/**
 * What summary extraction reads of an indicator: a leaf of an agreement, template or scenario, as it
 * is (other fields are ignored), with its optional keywords (别名/关键词). See docs/extraction.md.
 */
import { z } from '@hono/zod-openapi';
import { MeasureSchema } from './scenario';

/** 别名/关键词: other names units write for an indicator (参合率 for 新农合参合率). */
export const KeywordsSchema = z
  .array(z.string().trim().min(2, '关键词至少 2 个字').max(20, '关键词不能超过 20 个字'))
  .max(10, '关键词最多 10 个')
  .meta({ description: '别名/关键词：工作总结中对该指标的其他写法，用于从工作总结提取数值' });

export const ExtractionIndicatorSchema = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  measure: MeasureSchema.default('number'),
  keywords: KeywordsSchema.default([]),
});

/** A list of leaves, or anything holding them: `{ leaves }`, `{ dimensions: [{ leaves }] }` (an agreement). */
export const ExtractionIndicatorsSchema = z.union([
  z.array(ExtractionIndicatorSchema),
  z.object({ leaves: z.array(ExtractionIndicatorSchema) }).transform((o) => o.leaves),
  z
    .object({ dimensions: z.array(z.object({ leaves: z.array(ExtractionIndicatorSchema) })) })
    .transform((o) => o.dimensions.flatMap((d) => d.leaves)),
]);
