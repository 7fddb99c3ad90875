/** The objection inbox's states, as the committee reads them. */
import type { Objection, ObjectionInboxState } from '../../api';

export const INBOX_STATES: readonly ObjectionInboxState[] = ['open', 'rescoring', 'answered', 'rejected'];

export const INBOX_LABELS: Record<ObjectionInboxState, string> = {
  open: '待处理',
  rescoring: '成立，待重新评分',
  answered: '成立，已重新计算',
  rejected: '不成立',
};

/** Where an objection stands (mirrors `inboxState` in shared/schemas/objection.ts). */
export const inboxStateOf = (o: Pick<Objection, 'state' | 'answer'>): ObjectionInboxState =>
  o.state === 'upheld' ? (o.answer ? 'answered' : 'rescoring') : o.state;

export const countByState = (list: readonly Objection[]) =>
  Object.fromEntries(
    INBOX_STATES.map((s) => [s, list.filter((o) => inboxStateOf(o) === s).length]),
  ) as Record<ObjectionInboxState, number>;

export const inboxHref = (year: number, state?: ObjectionInboxState) =>
  `/objections?year=${year}${state ? `&state=${state}` : ''}`;
