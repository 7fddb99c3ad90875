/**
 * Every change of an inspection record and a rectification order as a pure function: the current
 * record and what the actor asked in, the next record (and, on approval, the facts to write) out.
 * `shared/db/inspection-repo.ts` writes the result with conditions; nothing here reads storage.
 */

import { ConflictError, ForbiddenError, ValidationError } from '../../errors';
import type { DeductionRecord, VetoRecord } from '../../schemas/facts';
import type { Finding, Inspection, InspectionInput, Rectification } from '../../schemas/inspection';
import type { User } from '../../schemas/org';
import type { Actor } from '../actor';
import { findingSource, recusalReason } from './findings';

/** The veto category of a veto finding whose checklist item names none. */
export const DEFAULT_VETO_CATEGORY = '违纪违法案件' satisfies VetoRecord['category'];

/** Only the actor's id is recorded here (`recordedBy`, `decidedBy`, history `by`). */
type ActorId = Pick<Actor, 'userId'>;

/**
 * Refuses a team with a non-inspector (400 naming them) or a member affiliated with the unit (403:
 * they must recuse themselves). `members` are the users read for `team`, in the same order.
 */
export const assertTeam = (
  team: readonly string[],
  members: readonly (Pick<User, 'id' | 'name' | 'roles' | 'affiliatedUnitIds'> | undefined)[],
  unit: { id: string; name: string },
): void => {
  const outsider = team.find((_, k) => !members[k]?.roles.includes('inspector'));
  if (outsider !== undefined)
    throw new ValidationError('检查组成员须为检查组用户', [
      { path: 'body.team', message: `${outsider} 不是检查组成员` },
    ]);
  for (const m of members) {
    const reason = m && recusalReason(m, unit.id, unit.name);
    if (reason) throw new ForbiddenError(reason);
  }
};

/** Refuses an inspection date after today (Shanghai) or outside the appraisal year (400). */
export const assertInspectionDate = (date: string, year: number, today: string): void => {
  if (date > today)
    throw new ValidationError('检查日期不能晚于今天', [
      { path: 'body.date', message: '检查日期不能晚于今天' },
    ]);
  if (!date.startsWith(String(year)))
    throw new ValidationError('检查日期不在该考核年度内', [
      { path: 'body.date', message: `应为 ${year} 年内的日期` },
    ]);
};

/** A new inspection record in `submitted`, its id from the date and a random suffix. */
export const recordInspection = (input: {
  year: number;
  unitId: string;
  kind: InspectionInput['kind'];
  date: string;
  team: string[];
  findings: Finding[];
  summary: string;
  actor: ActorId;
  at: Date;
  suffix: string;
}): Inspection => ({
  id: `ins-${input.date.replaceAll('-', '')}-${input.suffix}`,
  year: input.year,
  unitId: input.unitId,
  kind: input.kind,
  date: input.date,
  team: input.team,
  findings: input.findings,
  summary: input.summary,
  state: 'submitted',
  recordedBy: input.actor.userId,
  recordedAt: input.at.toISOString(),
  version: 1,
});

/** What approving an inspection writes beside it: approved deductions, veto proposals, rectification orders. */
export interface ApprovalFacts {
  deductions: DeductionRecord[];
  vetoes: (VetoRecord & Record<string, unknown>)[];
  rectifications: Rectification[];
}

const NO_FACTS: ApprovalFacts = { deductions: [], vetoes: [], rectifications: [] };

/** Where a fact came from, as the unit and the results read it: kind, date, item and finding number. */
const sourceOf = (inspection: Inspection, f: Finding, text: string) => findingSource(inspection, f.n, text);

/**
 * The facts an approved inspection writes: each non-veto finding with points an approved
 * deduction, each veto finding a veto proposal (a second admin approves it), each finding with a
 * deadline an open rectification order.
 */
export const approvalFacts = (inspection: Inspection, actor: ActorId, at: Date): ApprovalFacts => {
  const when = at.toISOString();
  const { findings, id, year, unitId } = inspection;
  return {
    deductions: findings
      .filter((f) => !f.veto && f.pointsCents > 0)
      .map((f) => ({
        id: `${id}-${f.n}`,
        unitId,
        code: f.leafCode,
        pointsCents: f.pointsCents,
        source: sourceOf(inspection, f, f.itemText),
        state: 'approved',
      })),
    vetoes: findings
      .filter((f) => f.veto)
      .map((f) => ({
        id: `v-${id}-${f.n}`,
        unitId,
        category: f.vetoCategory ?? DEFAULT_VETO_CATEGORY,
        reason: sourceOf(inspection, f, `${f.itemText}${f.note ? `，${f.note}` : ''}`),
        state: 'proposed',
        proposedBy: inspection.recordedBy,
        proposedAt: when,
        evidence: `检查记录 ${id}`,
      })),
    rectifications: findings.flatMap((f) =>
      f.rectifyBy
        ? [
            {
              id: `${id}-${f.n}`,
              year,
              unitId,
              inspectionId: id,
              n: f.n,
              itemText: f.itemText,
              note: f.note,
              dueDate: f.rectifyBy,
              pointsCents: f.pointsCents,
              state: 'open' as const,
              team: inspection.team,
              history: [{ action: 'opened' as const, by: actor.userId, at: when, note: '' }],
              version: 1,
            },
          ]
        : [],
    ),
  };
};

/**
 * The admin's decision on a submitted inspection: approve (with the facts it writes) or reject
 * (with a reason). Refuses a decided inspection (409 WRONG_STATE) and a rejection without reason.
 */
export const decideInspection = (
  inspection: Inspection,
  request: { decision: 'approve' | 'reject'; reason?: string | undefined },
  actor: ActorId,
  at: Date,
): { decided: Inspection; facts: ApprovalFacts } => {
  const { decision, reason } = request;
  if (inspection.state !== 'submitted')
    throw new ConflictError('该检查记录已审核，不能重复处理', { state: inspection.state }, 'WRONG_STATE');
  if (decision === 'reject' && !reason)
    throw new ValidationError('退回须说明理由', [{ path: 'body.reason', message: '请填写理由' }]);
  const decided: Inspection = {
    ...inspection,
    state: decision === 'approve' ? 'approved' : 'rejected',
    decidedBy: actor.userId,
    decidedAt: at.toISOString(),
    ...(reason ? { decisionReason: reason } : {}),
  };
  return { decided, facts: decision === 'approve' ? approvalFacts(inspection, actor, at) : NO_FACTS };
};

/** The unit reports how it rectified an open order (409 WRONG_STATE once answered or closed). */
export const answerRectification = (
  current: Rectification,
  answer: string,
  actor: ActorId,
  at: Date,
): Rectification => {
  if (current.state !== 'open')
    throw new ConflictError(
      current.state === 'closed' ? '该整改已销号' : '整改情况已报告，等待检查组审核',
      { state: current.state },
      'WRONG_STATE',
    );
  return {
    ...current,
    state: 'answered',
    answer,
    history: [
      ...current.history,
      { action: 'answered', by: actor.userId, at: at.toISOString(), note: answer },
    ],
  };
};

/** The team closes an answered order (销号) or returns it to the unit with a note (required). */
export const reviewRectification = (
  current: Rectification,
  request: { decision: 'close' | 'return'; note: string },
  actor: ActorId,
  at: Date,
): Rectification => {
  const { decision, note } = request;
  if (current.state !== 'answered')
    throw new ConflictError('单位尚未报告整改情况，或已销号', { state: current.state }, 'WRONG_STATE');
  if (decision === 'return' && note.length < 2)
    throw new ValidationError('退回须说明理由', [{ path: 'body.note', message: '请填写退回理由' }]);
  return {
    ...current,
    state: decision === 'close' ? 'closed' : 'open',
    history: [
      ...current.history,
      { action: decision === 'close' ? 'closed' : 'returned', by: actor.userId, at: at.toISOString(), note },
    ],
  };
};
