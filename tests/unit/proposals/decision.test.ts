import { describe, expect, it } from 'vitest';
import { decideProposal, makeProposal } from '../../../shared/domain/proposals/decision';
import { ConflictError, ValidationError } from '../../../shared/errors';
import type { Proposal } from '../../../shared/schemas/proposal';

const AT = new Date('2026-09-01T02:00:00Z');
const PROPOSER = { userId: 'admin-1' };
const SECOND = { userId: 'admin-2' };

const bonus = (): Proposal =>
  makeProposal(
    {
      kind: 'bonus',
      unitId: 'u1',
      title: '市科技进步奖',
      points: 1.25,
      reason: '获市级二等奖',
      evidence: '',
    },
    PROPOSER,
    AT,
    'abc',
  );
const veto = (): Proposal =>
  makeProposal(
    { kind: 'veto', unitId: 'u1', category: '重大医疗事故', reason: '经鉴定为一级事故', evidence: '鉴定书' },
    PROPOSER,
    AT,
    'xyz',
  );

const refusalOf = (act: () => unknown) => {
  try {
    act();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe('makeProposal', () => {
  it('keeps a bonus or penalty in integer hundredths, its id naming its kind', () => {
    expect(bonus()).toMatchObject({
      id: 'b-abc',
      title: '市科技进步奖',
      pointsCents: 125,
      state: 'proposed',
      proposedBy: 'admin-1',
      proposedAt: AT.toISOString(),
      version: 1,
    });
  });

  it('titles a veto by its category, without points', () => {
    const v = veto();
    expect(v).toMatchObject({ id: 'v-xyz', title: '重大医疗事故', category: '重大医疗事故' });
    expect(v.pointsCents).toBeUndefined();
  });
});

describe('decideProposal', () => {
  it('approves with the approver recorded', () => {
    expect(decideProposal(bonus(), { decision: 'approve' }, SECOND, AT)).toMatchObject({
      state: 'approved',
      approvedBy: 'admin-2',
      decidedBy: 'admin-2',
      decidedAt: AT.toISOString(),
    });
  });

  it('rejects only with a reason, and records no approver', () => {
    expect(() => decideProposal(bonus(), { decision: 'reject' }, SECOND, AT)).toThrow(ValidationError);
    const rejected = decideProposal(bonus(), { decision: 'reject', reason: '证据不足' }, SECOND, AT);
    expect(rejected).toMatchObject({ state: 'rejected', decisionReason: '证据不足' });
    expect(rejected.approvedBy).toBeUndefined();
  });

  it('refuses the proposer their own proposal, a veto with the second-admin message (409 OWN_PROPOSAL)', () => {
    const own = refusalOf(() => decideProposal(veto(), { decision: 'approve' }, PROPOSER, AT));
    expect(own).toBeInstanceOf(ConflictError);
    expect(own).toMatchObject({
      code: 'OWN_PROPOSAL',
      message: expect.stringContaining('提议人以外的管理员'),
    });
  });

  it('refuses to decide twice (409 WRONG_STATE)', () => {
    const approved = decideProposal(bonus(), { decision: 'approve' }, SECOND, AT);
    const again = refusalOf(() =>
      decideProposal(approved, { decision: 'reject', reason: '重复' }, { userId: 'x' }, AT),
    );
    expect(again).toMatchObject({ code: 'WRONG_STATE', extra: { state: 'approved' } });
  });
});
