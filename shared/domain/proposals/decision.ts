/**
 * Bonus (加分), penalty (减分) and veto (一票否决) proposals as pure functions: what a proposal
 * holds when made, and the admin's decision on it (nobody approves their own). The repository
 * writes the result with a version condition; nothing here reads storage.
 */

import { ConflictError, ValidationError } from '../../errors';
import type { Proposal, ProposalInput } from '../../schemas/proposal';
import type { Actor } from '../actor';
import { toCents } from '../inspections/findings';

/** Only the actor's id is recorded here (`recordedBy`, `decidedBy`, history `by`). */
type ActorId = Pick<Actor, 'userId'>;

/** The id prefix of each kind, so an id names its kind (`b-…`, `p-…`, `v-…`). */
const ID_PREFIX: Record<Proposal['kind'], string> = { bonus: 'b', penalty: 'p', veto: 'v' };

/**
 * A new proposal in `proposed`: a veto is titled by its category and carries no points; a bonus
 * or penalty carries its points as integer hundredths.
 */
export const makeProposal = (input: ProposalInput, actor: ActorId, at: Date, suffix: string): Proposal => ({
  id: `${ID_PREFIX[input.kind]}-${suffix}`,
  kind: input.kind,
  unitId: input.unitId,
  title: input.kind === 'veto' ? (input.category ?? '') : (input.title ?? ''),
  ...(input.kind === 'veto' ? { category: input.category } : { pointsCents: toCents(input.points ?? 0) }),
  reason: input.reason,
  evidence: input.evidence,
  state: 'proposed',
  proposedBy: actor.userId,
  proposedAt: at.toISOString(),
  version: 1,
});

/**
 * The admin's decision: refuses their own proposal (409 OWN_PROPOSAL; a veto needs a second
 * admin), a decided one (409 WRONG_STATE) and a rejection without reason (400).
 */
export const decideProposal = (
  current: Proposal,
  request: { decision: 'approve' | 'reject'; reason?: string | undefined },
  actor: ActorId,
  at: Date,
): Proposal => {
  const { decision, reason } = request;
  if (current.proposedBy === actor.userId) {
    throw new ConflictError(
      current.kind === 'veto'
        ? '一票否决须由提议人以外的管理员审批，您不能审批自己提出的一票否决'
        : '不能审批自己提出的提议，请由其他管理员审批',
      { proposedBy: current.proposedBy },
      'OWN_PROPOSAL',
    );
  }
  if (current.state !== 'proposed')
    throw new ConflictError('该提议已审批，不能重复处理', { state: current.state }, 'WRONG_STATE');
  if (decision === 'reject' && !reason)
    throw new ValidationError('不予通过须说明理由', [{ path: 'body.reason', message: '请填写理由' }]);
  return {
    ...current,
    state: decision === 'approve' ? 'approved' : 'rejected',
    ...(decision === 'approve' ? { approvedBy: actor.userId } : {}),
    decidedBy: actor.userId,
    decidedAt: at.toISOString(),
    ...(reason ? { decisionReason: reason } : {}),
  };
};
