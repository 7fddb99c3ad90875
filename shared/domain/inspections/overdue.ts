/**
 * Overdue rectification orders (逾期未整改), flagged by the daily job: the admin gets one summary a
 * day while any order is overdue; the unit is told once, on the first day after the due date.
 * Pure: the job hands in the open orders and today's date and writes what this returns.
 */
import type { Rectification } from '../../schemas/inspection';
import { isOverdue } from './dates';

export interface OverdueNote {
  /** Same for every run of the same day and subject: a second run writes nothing new. */
  dedupeKey: string;
  title: string;
  body: string;
}

const dayAfter = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const SHOWN = 5;

export const planOverdueNotes = (
  year: number,
  open: readonly Rectification[],
  today: string,
  unitName: (unitId: string) => string,
): { overdue: number; admin: OverdueNote | null; units: (OverdueNote & { unitId: string })[] } => {
  const overdue = open
    .filter((r) => r.state === 'open' && isOverdue(r, today))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
  const listed = overdue
    .slice(0, SHOWN)
    .map((r) => `${unitName(r.unitId)}「${r.itemText}」（期限 ${r.dueDate}）`)
    .join('；');
  const admin =
    overdue.length === 0
      ? null
      : {
          dedupeKey: `overdue-${year}`,
          title: `${overdue.length} 项整改已逾期`,
          body: `${listed}${overdue.length > SHOWN ? ` 等 ${overdue.length} 项` : ''}。请督促相关单位整改。`,
        };
  const units = overdue
    .filter((r) => dayAfter(r.dueDate) === today)
    .map((r) => ({
      unitId: r.unitId,
      dedupeKey: `overdue-${r.id}`,
      title: '整改已逾期',
      body: `「${r.itemText}」的整改期限为 ${r.dueDate}，已逾期，请尽快提交整改情况和佐证材料。`,
    }));
  return { overdue: overdue.length, admin, units };
};
