/** The calls of the inspection, rectification and approval pages, on the shared `apiFetch`. */
import type { ChecklistItem, Inspection, Rectification } from '../../../../shared/schemas/inspection';
import type { Proposal, ProposalInput } from '../../../../shared/schemas/proposal';
import { call as send } from '../../api';

export type { ChecklistItem, Inspection, Proposal, ProposalInput, Rectification };
export type RectificationRow = Rectification & { overdue: boolean };

export interface FindingDraft {
  itemCode: string;
  note: string;
  rectifyBy?: string;
}
export interface InspectionDraft {
  unitId: string;
  kind: Inspection['kind'];
  date: string;
  team: string[];
  findings: FindingDraft[];
  summary: string;
}

export { send };
export const seg = (v: string | number) => encodeURIComponent(String(v));

export const inspectionsApi = {
  checklist: (year: number) => send<ChecklistItem[]>(`/api/years/${seg(year)}/checklist`),
  list: (year: number) => send<Inspection[]>(`/api/years/${seg(year)}/inspections`),
  create: (year: number, draft: InspectionDraft) =>
    send<Inspection>(`/api/years/${seg(year)}/inspections`, 'POST', draft),
  decide: (i: Inspection, decision: 'approve' | 'reject', reason?: string) =>
    send<Inspection>(
      `/api/years/${seg(i.year)}/units/${seg(i.unitId)}/inspections/${seg(i.id)}/decision`,
      'POST',
      {
        decision,
        version: i.version,
        ...(reason ? { reason } : {}),
      },
    ),
  rectifications: (year: number, overdue = false) =>
    send<RectificationRow[]>(`/api/years/${seg(year)}/rectifications${overdue ? '?overdue=true' : ''}`),
  answer: (r: Rectification, answer: string) =>
    send<Rectification>(
      `/api/years/${seg(r.year)}/units/${seg(r.unitId)}/rectifications/${seg(r.id)}/answer`,
      'POST',
      {
        answer,
        version: r.version,
      },
    ),
  review: (r: Rectification, decision: 'close' | 'return', note: string) =>
    send<Rectification>(
      `/api/years/${seg(r.year)}/units/${seg(r.unitId)}/rectifications/${seg(r.id)}/review`,
      'POST',
      {
        decision,
        note,
        version: r.version,
      },
    ),
  proposals: (year: number, state?: string) =>
    send<Proposal[]>(`/api/years/${seg(year)}/proposals${state ? `?state=${state}` : ''}`),
  propose: (year: number, input: ProposalInput) =>
    send<Proposal>(`/api/years/${seg(year)}/proposals`, 'POST', input),
  decideProposal: (year: number, p: Proposal, decision: 'approve' | 'reject', reason?: string) =>
    send<Proposal>(
      `/api/years/${seg(year)}/units/${seg(p.unitId)}/proposals/${p.kind}/${seg(p.id)}/decision`,
      'POST',
      {
        decision,
        version: p.version,
        ...(reason ? { reason } : {}),
      },
    ),
};

export const RECTIFICATION_STATE_LABELS: Record<Rectification['state'], string> = {
  open: '待整改',
  answered: '待审核',
  closed: '已销号',
};
export const PROPOSAL_KIND_LABELS: Record<Proposal['kind'], string> = {
  bonus: '加分',
  penalty: '减分',
  veto: '一票否决',
};
export const PROPOSAL_STATE_LABELS: Record<Proposal['state'], string> = {
  proposed: '待审批',
  approved: '已批准',
  rejected: '未通过',
};
export const INSPECTION_STATE_LABELS: Record<Inspection['state'], string> = {
  submitted: '待审核',
  approved: '已通过',
  rejected: '已退回',
};
