/**
 * Bonus (加分), penalty (减分) and veto (一票否决) proposals and the admin's decision. Approved ones are
 * the records the results engine counts (it applies the bonus cap and places a vetoed unit last).
 * Nobody approves their own proposal: a veto in particular needs a second admin.
 */

import { randomUUID } from 'node:crypto';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Principal } from '../../auth/roles';
import { canReadProposal, unitsVisibleTo } from '../../auth/visibility';
import { notifyProposalDecided } from '../../db/event-notes';
import { getUnit, getUser } from '../../db/org-repo';
import { createProposal, getProposal, listProposals, saveProposal } from '../../db/proposal-repo';
import { recusalReason } from '../../domain/inspections/findings';
import { decideProposal, makeProposal } from '../../domain/proposals/decision';
import { ForbiddenError } from '../../errors';
import { ProposalStateSchema } from '../../schemas/facts';
import { DecisionSchema } from '../../schemas/inspection';
import {
  type Proposal,
  ProposalInputSchema,
  ProposalKindSchema,
  ProposalSchema,
} from '../../schemas/proposal';
import { afterCommit } from '../after-commit';
import type { AppEnv } from '../env';
import { errorResponse, json, YearParams } from '../openapi';
import { protectedRoute } from '../route';

const ProposalParams = YearParams.extend({
  unitId: z.string().min(1).max(48),
  kind: ProposalKindSchema,
  proposalId: z.string().regex(/^[a-z0-9-]{2,80}$/, '提议编号格式不正确'),
});

const listRoute = protectedRoute('proposals.read', {
  method: 'get',
  path: '/years/{year}/proposals',
  summary: '加分、减分与一票否决提议（单位负责人只看本单位的）',
  request: { params: YearParams, query: z.strictObject({ state: ProposalStateSchema.optional() }) },
  responses: { 200: json(z.array(ProposalSchema), '提议') },
});
const createRoute = protectedRoute('proposals.write', {
  method: 'post',
  path: '/years/{year}/proposals',
  summary: '提出加分（单位负责人）、减分或一票否决（检查组、管理员）',
  request: {
    params: YearParams,
    body: { content: { 'application/json': { schema: ProposalInputSchema } }, required: true },
  },
  responses: { 201: json(ProposalSchema, '已提出') },
});
const decideRoute = protectedRoute('proposals.approve', {
  method: 'post',
  path: '/years/{year}/units/{unitId}/proposals/{kind}/{proposalId}/decision',
  summary: '审批提议（提议人不能审批自己的提议）',
  request: {
    params: ProposalParams,
    body: { content: { 'application/json': { schema: DecisionSchema } }, required: true },
  },
  responses: { 200: json(ProposalSchema, '已审批'), 409: errorResponse('已处理、本人提议或版本冲突') },
});

/** Who may propose what: a unit head a bonus for their own unit; inspectors and admins a penalty or veto. */
const assertMayPropose = (p: Principal, kind: Proposal['kind'], unitId: string) => {
  if (kind === 'bonus') {
    if (p.roles.includes('admin')) return;
    if (p.roles.includes('unit_head') && p.unitId === unitId) return;
    throw new ForbiddenError('加分项目由本单位负责人申报');
  }
  if (!p.roles.some((r) => r === 'admin' || r === 'inspector'))
    throw new ForbiddenError(kind === 'veto' ? '一票否决由检查组或考核办提出' : '减分由检查组或考核办提出');
};

export const proposalRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => {
    const { year } = c.req.valid('param');
    const p = c.get('principal');
    const { db } = c.get('deps');
    const [all, scope] = await Promise.all([
      listProposals(db, year, c.req.valid('query').state),
      unitsVisibleTo(db, p, year),
    ]);
    return c.json(
      all.filter((x) => canReadProposal(p, x, scope)),
      200,
    );
  })
  .openapi(createRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year } = c.req.valid('param');
    const input = c.req.valid('json');
    const p = c.get('principal');
    assertMayPropose(p, input.kind, input.unitId);
    const unit = await getUnit(db, input.unitId);
    if (input.kind !== 'bonus' && !p.roles.includes('admin')) {
      const user = await getUser(db, p.userId);
      const reason = user && recusalReason(user, unit.id, unit.name);
      if (reason) throw new ForbiddenError(reason);
    }
    const proposal = makeProposal(input, p, now(), randomUUID().slice(0, 12));
    await createProposal(db, year, proposal);
    return c.json(proposal, 201);
  })
  .openapi(decideRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year, unitId, kind, proposalId } = c.req.valid('param');
    const { decision, reason, version } = c.req.valid('json');
    const p = c.get('principal');
    const current = await getProposal(db, year, unitId, kind, proposalId);
    const next = decideProposal(current, { decision, reason }, p, now());
    const v = await saveProposal(db, year, next, version);
    await afterCommit(c.get('deps').logger, 'notify proposal decided', () =>
      notifyProposalDecided(db, year, next, now()),
    );
    return c.json({ ...next, version: v }, 200);
  });
