/**
 * Everyone is told what concerns them: one function per event, called by the route right after its
 * write, building the in-app notifications and writing them (idempotent by id: a retry of the same
 * event at the same instant writes nothing twice). Wording in the users' language; points formatted
 * from integer hundredths.
 */
import { PERIOD_NAMES } from '../domain/agreements/in-force';
import { publicityClosesAt, shanghaiTime } from '../domain/results/publicity';
import { formatPoints } from '../domain/scoring';
import type { Inspection, Rectification } from '../schemas/inspection';
import type { Proposal } from '../schemas/proposal';
import type { Period, Year } from '../schemas/year';
import type { Db } from './client';
import { getInspection } from './inspection-repo';
import { addNotifications, type NewNotification, noteId } from './notification-repo';
import { listUsers } from './org-repo';
import { notesForUnit } from './unit-notes';

const PROPOSAL_LABELS: Record<Proposal['kind'], string> = {
  bonus: '加分',
  penalty: '扣分',
  veto: '一票否决',
};

/** An approved inspection: the unit learns the points deducted and every rectification ordered. */
export const notifyInspectionApproved = async (
  db: Db,
  inspection: Inspection,
  rectifications: readonly Rectification[],
  at: Date,
) => {
  const points = inspection.findings.filter((f) => !f.veto).reduce((s, f) => s + f.pointsCents, 0);
  const link = `/inspections?year=${inspection.year}`;
  const notes = await notesForUnit(db, inspection.unitId, at, {
    kind: 'inspection_approved',
    title: `${inspection.kind}检查结果：扣 ${formatPoints(points)} 分`,
    body: `${inspection.date} 的${inspection.kind}已审核通过，${inspection.findings.length} 项问题，共扣 ${formatPoints(points)} 分：${inspection.findings.map((f) => `${f.itemText}${f.pointsCents > 0 ? `（扣 ${formatPoints(f.pointsCents)} 分）` : ''}`).join('；')}。`,
    link,
  });
  for (const r of rectifications) {
    notes.push(
      ...(await notesForUnit(db, r.unitId, at, {
        kind: 'rectification_ordered',
        title: `整改通知：${r.itemText}`,
        body: `请于 ${r.dueDate} 前完成整改并报告整改情况。${r.note}`,
        link,
      })),
    );
  }
  await addNotifications(db, notes);
};

/** A rectification returned (with the inspector's reason and the points deducted) or closed. */
export const notifyRectificationReviewed = async (
  db: Db,
  r: Rectification,
  review: { decision: 'close' | 'return'; note: string },
  at: Date,
) => {
  const inspection = await getInspection(db, r.year, r.unitId, r.inspectionId).catch(() => undefined);
  const pointsCents = inspection?.findings.find((f) => f.n === r.n)?.pointsCents ?? 0;
  const points = pointsCents > 0 ? `该问题扣 ${formatPoints(pointsCents)} 分。` : '';
  await addNotifications(
    db,
    await notesForUnit(db, r.unitId, at, {
      kind: review.decision === 'close' ? 'rectification_closed' : 'rectification_returned',
      title: review.decision === 'close' ? `整改已销号：${r.itemText}` : `整改被退回：${r.itemText}`,
      body:
        review.decision === 'close'
          ? `检查组审核通过，整改已销号。${points}`
          : `退回原因：${review.note}。${points}请于 ${r.dueDate} 前重新整改并报告。`,
      link: `/inspections?year=${r.year}`,
    }),
  );
};

/** A bonus, penalty or veto decided: the unit and the proposer learn the outcome. */
export const notifyProposalDecided = async (db: Db, year: number, p: Proposal, at: Date) => {
  const label = PROPOSAL_LABELS[p.kind];
  const approved = p.state === 'approved';
  const points = p.pointsCents !== undefined ? `（${formatPoints(p.pointsCents)} 分）` : '';
  const note = {
    kind: 'proposal_decided',
    title: `${label}${approved ? '已批准' : '未通过'}：${p.title}`,
    body: `${label}“${p.title}”${points}${approved ? '已审批通过' : `未获通过，理由：${p.decisionReason ?? ''}`}。`,
    link: `/proposals?year=${year}`,
  };
  const notes = await notesForUnit(db, p.unitId, at, note);
  if (!notes.some((n) => n.userId === p.proposedBy)) notes.push(direct(p.proposedBy, p.unitId, at, note));
  await addNotifications(db, notes);
};

/** Publicity opened: every unit head, with the deadline for objections. */
export const notifyPublicityOpened = async (db: Db, year: Year, at: Date) => {
  const closes = publicityClosesAt(year);
  const heads = (await listUsers(db)).filter((u) => u.unitId && u.roles.includes('unit_head'));
  await addNotifications(
    db,
    heads.map((u) =>
      direct(u.id, u.unitId, at, {
        kind: 'publicity_opened',
        title: `${year.year} 年度考核结果公示`,
        body: `考核结果已进入公示${closes ? `，公示期至 ${shanghaiTime(closes)}（北京时间）` : ''}。对本单位具体指标得分有异议的，请在公示期内提出申诉。`,
        link: `/results?year=${year.year}`,
      }),
    ),
  );
};

/**
 * Results published: everyone of a unit learns it, with where to read them. `at` is the version's
 * publication time and each notice's id is named for the version, so the notices of a publication
 * finished by a second run (docs/results.md) are written and queued once, whatever the day.
 */
export const notifyResultsPublished = async (db: Db, year: number, version: number, at: Date) => {
  const people = (await listUsers(db)).filter((u) => u.unitId);
  await addNotifications(
    db,
    people.map((u) =>
      direct(
        u.id,
        u.unitId,
        at,
        {
          kind: 'results_published',
          title: `${year} 年度考核结果已发布`,
          body: `${year} 年度考核结果（第 ${version} 版）已发布，可在公布页面查看排名和本单位得分构成。`,
          link: `/rankings/${year}/`,
        },
        `results-${year}-v${version}`,
      ),
    ),
  );
};

/** A rater's finalized sheet reopened by the admin, with the reason. */
export const notifySheetReopened = async (
  db: Db,
  sheet: { year: number; raterId: string; period: Period },
  reason: string,
  at: Date,
) =>
  addNotifications(db, [
    direct(sheet.raterId, null, at, {
      kind: 'sheet_reopened',
      title: `${PERIOD_NAMES[sheet.period]}评分表已重新开放`,
      body: `考核办重新开放了您的${PERIOD_NAMES[sheet.period]}评分表，原因：${reason}。修改后请重新定稿。`,
      link: `/scoring?year=${sheet.year}&period=${sheet.period}`,
    }),
  ]);

/** A notice to one person; with `idSuffix`, its id is the same on every run of the same event. */
const direct = (
  userId: string,
  unitId: string | null,
  at: Date,
  note: Pick<NewNotification, 'kind' | 'title' | 'body' | 'link'>,
  idSuffix?: string,
): NewNotification => ({ ...note, id: noteId(at, idSuffix), userId, unitId, createdAt: at.toISOString() });
