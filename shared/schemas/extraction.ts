/**
 * What summary extraction reads of an indicator: a leaf of an agreement, template or scenario, as it
 * is (other fields are ignored), with its optional keywords (别名/关键词). See docs/extraction.md.
 */
import { z } from '@hono/zod-openapi';
import { MeasureSchema } from './scenario';

/** 别名/关键词: other names units write for an indicator (参合率 for 新农合参合率). */
export const KeywordsSchema = z
  .array(z.string().trim().min(2, '至少 2 个字').max(20, '不能超过 20 个字'))
  .max(10, '最多 10 个');

/** A figure found for an indicator (shared/domain/extraction/types.ts). */
export const ExtractionCandidateSchema = z.object({
  value: z.number(),
  upper: z.number().optional(),
  unit: z.string(),
  status: z.enum(['achieved', 'planned', 'approximate', 'change']),
  rule: z.enum(['after-term', 'before-term', 'respectively', 'continuation']),
  term: z.string(),
  qualifier: z.string(),
  sentence: z.string(),
  sentenceStart: z.number().int(),
  start: z.number().int(),
  end: z.number().int(),
});

/** What extraction proposes for one indicator of the period. */
export const ExtractionProposalSchema = z.object({
  code: z.string(),
  name: z.string(),
  measure: MeasureSchema,
  value: z.number().nullable(),
  unit: z.string().nullable(),
  chosen: z.number().int().nullable(),
  decision: z.enum(['single', 'qualifier']).nullable(),
  reason: z.enum(['none', 'planned-only', 'approximate-only', 'ambiguous']).nullable(),
  candidates: z.array(ExtractionCandidateSchema),
});

/** Where the text came from: pasted, or an evidence file of the period (kept as evidence). */
export const ExtractionSourceSchema = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/, '指标编码格式不正确'),
  fileId: z.string().regex(/^[a-z0-9-]{8,40}$/, '文件编号格式不正确'),
});

export const ExtractionRequestSchema = z
  .strictObject({
    text: z
      .string()
      .trim()
      .min(1, '请粘贴工作总结的文字')
      .max(200_000, '文字不能超过 200000 个字符')
      .optional(),
    file: ExtractionSourceSchema.optional(),
  })
  .refine((r) => (r.text === undefined) !== (r.file === undefined), {
    message: '请粘贴文字或选择文件（二选一）',
    path: ['text'],
  })
  .openapi('ExtractionRequest');

export const ExtractionResponseSchema = z
  .object({
    source: z.object({
      kind: z.enum(['text', 'file']),
      code: z.string().optional(),
      fileId: z.string().optional(),
      name: z.string().optional(),
    }),
    characters: z.number().int(),
    proposals: z.array(ExtractionProposalSchema),
  })
  .openapi('ExtractionResponse');
export type ExtractionResponse = z.infer<typeof ExtractionResponseSchema>;
