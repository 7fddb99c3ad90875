/**
 * 现在要做的事: what is open for one person, from facts the caller read. Pure: one function per
 * kind of open thing, each answering the tasks it finds (none when nothing is open), so a task
 * disappears the moment the thing is done (a signed agreement asks nothing any more).
 */
import type { Agreement } from '../../schemas/agreement';
import type { Rectification } from '../../schemas/inspection';
import type { SubmissionItem } from '../../schemas/submission';
import type { Period } from '../../schemas/year';
import { PERIOD_NAMES } from '../agreements/in-force';

export interface OpenTask {
  /** What kind of open thing (stable, for tests and icons). */
  kind: string;
  title: string;
  text: string;
  /** Where it is done (a web path). */
  link: string;
  /** A due date (YYYY-MM-DD) when there is one. */
  dueDate?: string;
  count?: number;
}

/** The unit head signs an issued agreement; an amended one says so. Nothing once signed. */
export const agreementTasks = (
  agreement: Pick<Agreement, 'year' | 'unitId' | 'state' | 'revision'> | undefined,
): OpenTask[] => {
  if (agreement?.state !== 'issued') return [];
  const amended = agreement.revision > 1;
  return [
    {
      kind: amended ? 'sign_amended_agreement' : 'sign_agreement',
      title: amended ? '签订变更后的责任书' : '签订目标责任书',
      text: amended
        ? `目标责任书第 ${agreement.revision} 版（变更）已批准，请阅读后签订；签订前仍按已签订的版本计分。`
        : '目标责任书已下达，请阅读后签订。',
      link: `/agreements/${agreement.year}/${agreement.unitId}`,
    },
  ];
};

/** Rectification orders still waiting for the unit's answer, each with its deadline. */
export const rectificationTasks = (rectifications: readonly Rectification[]): OpenTask[] =>
  rectifications
    .filter((r) => r.state === 'open')
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
    .map((r) => {
      const returned = [...r.history].reverse().find((h) => h.action === 'returned');
      return {
        kind: 'rectification',
        title: returned ? '整改被退回，请重新整改' : '落实整改',
        text: `${r.itemText}：${r.note}${returned ? `（退回原因：${returned.note}）` : ''}。`,
        link: `/inspections?year=${r.year}`,
        dueDate: r.dueDate,
      };
    });

/** Items returned for more evidence, per period. */
export const returnedItemTasks = (
  year: number,
  unitId: string,
  items: readonly SubmissionItem[],
): OpenTask[] => {
  const byPeriod = new Map<Period, number>();
  for (const item of items)
    if (item.status === 'returned') byPeriod.set(item.period, (byPeriod.get(item.period) ?? 0) + 1);
  return [...byPeriod].map(([period, count]) => ({
    kind: 'returned_items',
    title: `补充${PERIOD_NAMES[period]}被退回的材料`,
    text: `${count} 项指标被退回补充，请补充后重新提交。`,
    link: `/submissions?year=${year}&period=${period}&unit=${unitId}`,
    count,
  }));
};

/** A rater's sheets of periods with assignments, not yet finalized. */
export const sheetTasks = (year: number, open: readonly { period: Period; assigned: number }[]): OpenTask[] =>
  open
    .filter((s) => s.assigned > 0)
    .map((s) => ({
      kind: 'sheet_to_finalize',
      title: `完成${PERIOD_NAMES[s.period]}评分并定稿`,
      text: `本期有 ${s.assigned} 项评分任务，评完后请定稿评分表。`,
      link: `/scoring?year=${year}&period=${s.period}`,
      count: s.assigned,
    }));

/** The admin's approvals waiting: inspections, proposals and amendments. */
export const approvalTasks = (
  year: number,
  waiting: { inspections: number; proposals: number; amendments: number },
): OpenTask[] => {
  const tasks: OpenTask[] = [];
  if (waiting.inspections > 0)
    tasks.push({
      kind: 'inspections_to_approve',
      title: '审核检查记录',
      text: `${waiting.inspections} 条检查记录等待审核。`,
      link: `/inspections?year=${year}`,
      count: waiting.inspections,
    });
  if (waiting.proposals > 0)
    tasks.push({
      kind: 'proposals_to_decide',
      title: '审批加扣分与否决',
      text: `${waiting.proposals} 项加分、扣分或一票否决提议等待审批。`,
      link: `/proposals?year=${year}`,
      count: waiting.proposals,
    });
  if (waiting.amendments > 0)
    tasks.push({
      kind: 'amendments_to_decide',
      title: '审批责任书变更',
      text: `${waiting.amendments} 份目标责任书变更等待审批。`,
      link: `/agreements?year=${year}`,
      count: waiting.amendments,
    });
  return tasks;
};
