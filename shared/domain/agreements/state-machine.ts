/**
 * The agreement's life: draft → issued → signed → locked. An issued agreement that was never signed
 * may be withdrawn to draft for corrections; once signed, changes are amendments (see amendments in
 * the repository), which bring the agreement back to issued for the unit head to sign again.
 */
import type { Agreement, AgreementState } from '../../schemas/agreement';
import { AGREEMENT_STATE_LABELS } from './labels';

/** The moves the admin makes through `POST …/transitions`; signing is the unit head's own route. */
export const ADMIN_TRANSITIONS = ['issued', 'draft', 'locked'] as const;
export type AdminTransition = (typeof ADMIN_TRANSITIONS)[number];

export type AgreementMove = AdminTransition | 'signed' | 'edit' | 'regenerate' | 'amend';

export const MOVE_LABELS: Record<AgreementMove, string> = {
  issued: '下达',
  draft: '撤回为草稿',
  locked: '锁定',
  signed: '签订',
  edit: '修改',
  regenerate: '重新生成',
  amend: '变更',
};

/** Why a move is not possible now, or null when it is. */
export const refusalOf = (
  agreement: Pick<Agreement, 'state' | 'revision'>,
  move: AgreementMove,
): string | null => {
  const { state, revision } = agreement;
  const ok = (() => {
    switch (move) {
      case 'edit':
      case 'regenerate':
      case 'issued':
        return state === 'draft';
      case 'draft':
        // A revision that was signed before is an amendment: it cannot go back to an editable draft.
        return state === 'issued' && revision === 1;
      case 'signed':
        return state === 'issued';
      case 'locked':
        return state === 'signed';
      case 'amend':
        return state === 'signed' || state === 'locked' || (state === 'issued' && revision > 1);
    }
  })();
  return ok ? null : `责任书当前为“${AGREEMENT_STATE_LABELS[state]}”，不能${MOVE_LABELS[move]}`;
};

export const STATE_AFTER: Record<AdminTransition | 'signed', AgreementState> = {
  issued: 'issued',
  draft: 'draft',
  locked: 'locked',
  signed: 'signed',
};
