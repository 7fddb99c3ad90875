/**
 * Bonus, penalty and veto proposals. They are stored as the very records the results engine reads
 * (`BONUS#`/`PENALTY#`/`VETO#` in the unit's partition, counted only when `approved`), with the
 * proposal's reason, evidence and decision as extra attributes; gsi1 lists a year's by state.
 */
import { NotFoundError } from '../errors';
import type { AdjustmentRecord, VetoRecord } from '../schemas/facts';
import type { Proposal, ProposalKind } from '../schemas/proposal';
import type { Db } from './client';
import { factItems } from './facts-repo';
import { createItem, getItem, queryPrefix, replaceVersioned } from './items';
import { adjustmentKey, proposalsQuery, vetoKey } from './keys';

type Stored = (AdjustmentRecord | VetoRecord) & Partial<Proposal> & { version: number };

/** The API's view of a stored adjustment or veto record. */
export const toProposal = (s: Stored): Proposal => {
  // A veto record has a category and no kind; an adjustment record has its kind.
  const kind: ProposalKind = 'category' in s && s.category ? 'veto' : (s as AdjustmentRecord).kind;
  return {
    id: s.id,
    kind,
    unitId: s.unitId,
    title: kind === 'veto' ? String((s as VetoRecord).category) : ((s as AdjustmentRecord).title ?? ''),
    ...(kind === 'veto'
      ? { category: (s as VetoRecord).category }
      : { pointsCents: (s as AdjustmentRecord).pointsCents }),
    reason: kind === 'veto' ? (s as VetoRecord).reason : (s.reason ?? ''),
    evidence: s.evidence ?? '',
    state: s.state,
    proposedBy: s.proposedBy,
    ...(s.proposedAt ? { proposedAt: s.proposedAt } : {}),
    ...(s.approvedBy ? { approvedBy: s.approvedBy } : {}),
    ...(s.decidedBy ? { decidedBy: s.decidedBy } : {}),
    ...(s.decidedAt ? { decidedAt: s.decidedAt } : {}),
    ...(s.decisionReason ? { decisionReason: s.decisionReason } : {}),
    version: s.version ?? 1,
  };
};

/** The stored item of a proposal: the engine's record plus the proposal's own attributes. */
const proposalItem = (year: number, p: Proposal) => {
  const extra = {
    evidence: p.evidence,
    ...(p.proposedAt ? { proposedAt: p.proposedAt } : {}),
    ...(p.decidedBy ? { decidedBy: p.decidedBy } : {}),
    ...(p.decidedAt ? { decidedAt: p.decidedAt } : {}),
    ...(p.decisionReason ? { decisionReason: p.decisionReason } : {}),
  };
  const base = { id: p.id, unitId: p.unitId, state: p.state, proposedBy: p.proposedBy };
  const approvedBy = p.approvedBy ? { approvedBy: p.approvedBy } : {};
  if (p.kind === 'veto') {
    const record: VetoRecord = {
      ...base,
      ...approvedBy,
      category: p.category as VetoRecord['category'],
      reason: p.reason,
    };
    return { ...factItems.veto(year, record), ...extra };
  }
  const record: AdjustmentRecord = {
    ...base,
    ...approvedBy,
    kind: p.kind,
    title: p.title,
    pointsCents: p.pointsCents ?? 0,
  };
  return { ...factItems.adjustment(year, record), reason: p.reason, ...extra };
};

export const createProposal = (db: Db, year: number, p: Proposal) =>
  createItem(db, proposalItem(year, p), '提议编号重复，请重试');

export const getProposal = async (db: Db, year: number, unitId: string, kind: ProposalKind, id: string) => {
  const key = kind === 'veto' ? vetoKey(year, unitId, id) : adjustmentKey(year, unitId, kind, id);
  const found = await getItem<Stored>(db, key);
  if (!found) throw new NotFoundError('提议');
  return toProposal(found);
};

/** Replaces a proposal under optimistic locking (its gsi1 state moves with it). */
export const saveProposal = (db: Db, year: number, p: Proposal, expectedVersion: number) =>
  replaceVersioned<Proposal>(db, proposalItem(year, p), expectedVersion);

/** A year's proposals (gsi1 `YEAR#<y>#PROPOSALS`), optionally of one state. */
export const listProposals = async (db: Db, year: number, state?: string): Promise<Proposal[]> =>
  (await queryPrefix<Stored>(db, proposalsQuery(year, state))).map(toProposal);
