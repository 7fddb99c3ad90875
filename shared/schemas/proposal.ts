/** Bonus (加分), penalty (减分) and veto (一票否决) proposals, as the API takes and shows them. */
import { z } from '@hono/zod-openapi';
import { ProposalStateSchema, VETO_CATEGORIES } from './facts';

export const PROPOSAL_KINDS = ['bonus', 'penalty', 'veto'] as const;
export const ProposalKindSchema = z.enum(PROPOSAL_KINDS);
export type ProposalKind = z.infer<typeof ProposalKindSchema>;

export const PROPOSAL_KIND_LABELS: Record<ProposalKind, string> = {
  bonus: '加分',
  penalty: '减分',
  veto: '一票否决',
};

export const ProposalInputSchema = z
  .strictObject({
    kind: ProposalKindSchema,
    unitId: z.string().min(1).max(48),
    /** Bonus / penalty: what it is for (e.g. 市科技进步奖, 全县通报批评). */
    title: z.string().trim().max(80).optional(),
    points: z.number().positive('分值须大于 0').max(20, '不能超过 20 分').optional(),
    category: z.enum(VETO_CATEGORIES).optional(),
    reason: z.string().trim().min(4, '请说明理由（至少 4 个字）').max(1000),
    /** Where the evidence is (document number, file ids of the evidence mechanism). */
    evidence: z.string().trim().max(500).default(''),
  })
  .superRefine((p, ctx) => {
    if (p.kind === 'veto') {
      if (!p.category) ctx.addIssue({ code: 'custom', path: ['category'], message: '请选择否决事项类别' });
    } else {
      if (!p.title) ctx.addIssue({ code: 'custom', path: ['title'], message: '请填写项目名称' });
      if (p.points === undefined) ctx.addIssue({ code: 'custom', path: ['points'], message: '请填写分值' });
      else if (Math.abs(p.points * 100 - Math.round(p.points * 100)) > 1e-6)
        ctx.addIssue({ code: 'custom', path: ['points'], message: '最多 2 位小数' });
    }
  });
export type ProposalInput = z.infer<typeof ProposalInputSchema>;

export const ProposalSchema = z
  .object({
    id: z.string(),
    kind: ProposalKindSchema,
    unitId: z.string(),
    title: z.string(),
    pointsCents: z.number().int().optional(),
    category: z.string().optional(),
    reason: z.string(),
    evidence: z.string(),
    state: ProposalStateSchema,
    proposedBy: z.string(),
    proposedAt: z.string().optional(),
    approvedBy: z.string().optional(),
    decidedBy: z.string().optional(),
    decidedAt: z.string().optional(),
    decisionReason: z.string().optional(),
    version: z.number().int(),
  })
  .openapi('Proposal');
export type Proposal = z.infer<typeof ProposalSchema>;
