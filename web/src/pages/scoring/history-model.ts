/**
 * The score history of one item in the user's words: what each audit entry did (核定, 评分, 退回补充,
 * …) and its value before and after (核定值 70, 4.5 分, 等级 良, 已退回), newest first. Rater ids are
 * never shown: an entry's author is its `byName`, a reassignment says 您 or 其他成员.
 */
import { REVIEW_STATUS_LABELS } from '../../../../shared/domain/review-stages/labels';
import { ITEM_STATUS_LABELS, type ItemStatus } from '../../../../shared/domain/submissions/status';
import type { AuditEntry } from '../../../../shared/schemas/scoring';

export const AUDIT_KIND_LABELS: Readonly<Record<AuditEntry['kind'], string>> = {
  verify: '核定',
  rate: '评分',
  accept: '审核通过',
  return: '退回补充',
  finalize: '定稿',
  reopen: '重新开放',
  reassign: '改派',
  self_assess: '单位自评',
  self_submit: '提交自评',
  stage_review: '分级审核',
};

const REVIEW_KINDS: ReadonlySet<string> = new Set(['self_assess', 'self_submit', 'stage_review']);

/** A review entry's side: its state and the figure of its last step (or the self score). */
const reviewValueText = (v: Record<string, unknown>): string => {
  const last = v.last as { pointsCents?: number | null } | null | undefined;
  const self = v.self as { pointsCents?: number } | null | undefined;
  const cents = typeof last?.pointsCents === 'number' ? last.pointsCents : self?.pointsCents;
  const parts = [REVIEW_STATUS_LABELS[String(v.status)] ?? '其他状态'];
  if (typeof cents === 'number') parts.push(`${(cents / 100).toFixed(2)} 分`);
  return parts.join('，');
};

const COMPLETION_LABELS: Readonly<Record<string, string>> = {
  on_time: '按期完成',
  late: '逾期完成',
  not_done: '未完成',
};

const scalar = (value: unknown): string => {
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
};

/** One side (before or after) of an entry, in words; 无 for nothing. */
export const auditValueText = (kind: AuditEntry['kind'], value: unknown, me: string): string => {
  if (value === null || value === undefined || typeof value !== 'object') return '无';
  const v = value as Record<string, unknown>;
  if (kind === 'reassign') return v.raterId === me ? '您' : '其他成员';
  if (REVIEW_KINDS.has(kind)) return reviewValueText(v);
  const parts: string[] = [];
  if (typeof v.status === 'string') parts.push(ITEM_STATUS_LABELS[v.status as ItemStatus] ?? '其他状态');
  if (typeof v.pointsCents === 'number') parts.push(`${(v.pointsCents / 100).toFixed(1)} 分`);
  if (typeof v.band === 'string') parts.push(`等级 ${v.band}`);
  if (typeof v.completion === 'string') parts.push(COMPLETION_LABELS[v.completion] ?? '完成情况未知');
  if (typeof v.occurrences === 'number') parts.push(`发生 ${v.occurrences} 次`);
  if (v.verifiedValue !== undefined && v.verifiedValue !== null)
    parts.push(`核定值 ${scalar(v.verifiedValue)}`);
  return parts.join('，') || '无';
};

export interface HistoryLine {
  id: string;
  at: string;
  who: string;
  what: string;
  from: string;
  to: string;
  reason: string;
}

/** The entries as the panel lists them, newest first. */
export const historyLines = (entries: readonly AuditEntry[], me: string): HistoryLine[] =>
  [...entries]
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((e) => ({
      id: e.id,
      at: e.at,
      who: e.byName,
      what: AUDIT_KIND_LABELS[e.kind],
      from: auditValueText(e.kind, e.old, me),
      to: auditValueText(e.kind, e.new, me),
      reason: e.reason,
    }));
