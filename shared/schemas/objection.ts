/** Objections (申诉): a unit head contests one leaf score during publicity; the committee decides. */
import { z } from '@hono/zod-openapi';

export const OBJECTION_STATES = ['open', 'upheld', 'rejected'] as const;
export const ObjectionStateSchema = z.enum(OBJECTION_STATES);

export const ObjectionInputSchema = z.strictObject({
  code: z.string().trim().min(1, '请选择申诉的指标').max(16),
  reason: z.string().trim().min(10, '请写明申诉理由（至少 10 个字）').max(2000),
  evidence: z.string().trim().max(2000).default(''),
});

export const ObjectionDecisionSchema = z.strictObject({
  decision: z.enum(['upheld', 'rejected']),
  reason: z.string().trim().min(4, '请写明处理意见（至少 4 个字）').max(2000),
  version: z.number().int().min(1),
});

export const ObjectionSchema = z
  .object({
    id: z.string(),
    year: z.number().int(),
    unitId: z.string(),
    unitName: z.string(),
    code: z.string(),
    leafName: z.string(),
    reason: z.string(),
    evidence: z.string(),
    state: ObjectionStateSchema,
    filedBy: z.string(),
    filedAt: z.string(),
    decision: z.object({ by: z.string(), at: z.string(), reason: z.string() }).optional(),
    /**
     * An upheld objection waits for rescoring (待重新评分) until a new draft version answers it; the
     * answer records that version and the indicator's and unit's scores before and after.
     */
    answer: z
      .object({
        at: z.string(),
        draftVersion: z.number().int(),
        leafBeforeCents: z.number().int().nullable(),
        leafAfterCents: z.number().int().nullable(),
        finalBeforeCents: z.number().int().nullable(),
        finalAfterCents: z.number().int().nullable(),
      })
      .optional(),
    version: z.number().int(),
  })
  .openapi('Objection');
export type Objection = z.infer<typeof ObjectionSchema>;

/** The admin inbox's states: 待处理, 待重新评分 (upheld, no draft answers it yet), 已重新计算, 不成立. */
export const OBJECTION_INBOX_STATES = ['open', 'rescoring', 'answered', 'rejected'] as const;
export const ObjectionInboxStateSchema = z.enum(OBJECTION_INBOX_STATES);
export type ObjectionInboxState = z.infer<typeof ObjectionInboxStateSchema>;

/** Where an objection stands in the admin's inbox. */
export const inboxState = (o: Pick<Objection, 'state' | 'answer'>): ObjectionInboxState =>
  o.state === 'upheld' ? (o.answer ? 'answered' : 'rescoring') : o.state;
