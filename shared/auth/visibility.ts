/**
 * Who reads which unit's data, in one place (docs/authorization.md, "Who reads what"). POLICY
 * decides whether a role may call a route at all; these functions decide which units' records it
 * then sees. Routes and attachments ask here instead of re-deriving "admin or leader".
 *
 * The rule: the admin and leaders see every unit; a reporter or unit head sees their own unit; a
 * rater or inspector sees the units they are assigned to in that year (`assignedUnitIds`), never
 * one they are affiliated with (回避). A person holding several roles sees the union of what each
 * role sees (an inspector who is also a unit head reads their own unit's approved inspections and
 * bonus proposals as its head). Once a year is published its ranking is public: results reads of
 * that year are no longer narrowed.
 */
import { listRaterAssignments } from '../db/assignment-repo';
import type { Db } from '../db/client';
import { ForbiddenError } from '../errors';
import type { Inspection, Rectification } from '../schemas/inspection';
import type { Proposal } from '../schemas/proposal';
import type { AuditEntry } from '../schemas/scoring';
import { PERIODS } from '../schemas/year';
import { assignedToUnit, assignedUnitIds, withoutRecusals } from './assignments';
import { type Principal, UNIT_ROLES } from './roles';

/** Every unit's data, drafts included: the bureau's own view. */
export const seesEveryUnit = (p: Principal): boolean => p.roles.some((r) => r === 'admin' || r === 'leader');

/** The consistency report: the admin and leaders see every rater's line (`all`), a rater only their own. */
export const raterLinesVisibleTo = (p: Principal): 'all' | string => (seesEveryUnit(p) ? 'all' : p.userId);

/** A reporter or head of this unit. */
export const isUnitMember = (p: Principal, unitId: string): boolean =>
  p.unitId === unitId && p.roles.some((r) => UNIT_ROLES.includes(r));

/** An inspector on this team (the recorder of an inspection is always on it). */
export const isOnTeam = (p: Principal, team: readonly string[], recordedBy?: string): boolean =>
  p.roles.includes('inspector') && (team.includes(p.userId) || recordedBy === p.userId);

/** The units whose records a principal reads: every unit, or these. */
export type UnitScope = 'all' | ReadonlySet<string>;

/** The units the principal reads in the year (see the module comment). */
export const unitsVisibleTo = async (db: Db, p: Principal, year: number): Promise<UnitScope> => {
  if (seesEveryUnit(p)) return 'all';
  const assigned = await assignedUnitIds(db, p, year);
  return p.unitId && p.roles.some((r) => UNIT_ROLES.includes(r))
    ? new Set([...assigned, p.unitId])
    : assigned;
};

/** Results of a published year are public (the ranking page); before that, `unitsVisibleTo`. */
export const resultsVisibleTo = async (
  db: Db,
  p: Principal,
  year: { year: number; state: string },
): Promise<UnitScope> => (year.state === 'published' ? 'all' : unitsVisibleTo(db, p, year.year));

export const inScope = (scope: UnitScope, unitId: string): boolean => scope === 'all' || scope.has(unitId);

/**
 * Whether an agreement shows in the reader's agreement lists (the whole list and its server pages):
 * in their scope, and a draft (not yet issued) only to those who see every unit.
 */
export const agreementListedFor = (
  p: Principal,
  scope: UnitScope,
  agreement: { unitId: string; state: string },
): boolean => inScope(scope, agreement.unitId) && (agreement.state !== 'draft' || seesEveryUnit(p));

const FOREIGN_UNIT = '无权查看其他单位的数据';

/**
 * Refuses (403) a unit outside the principal's scope, before anything of it is read, without
 * saying whether it exists. The store is read only for a rater or inspector, and only about this unit.
 */
export const assertUnitVisible = async (db: Db, p: Principal, unitId: string, year: number) => {
  if (seesEveryUnit(p) || isUnitMember(p, unitId)) return;
  if (!(await assignedToUnit(db, p, year, unitId))) throw new ForbiddenError(FOREIGN_UNIT);
};

/**
 * For records judged one by one (an inspection, an attachment's owner): a unit role asking about
 * another unit is refused before anything is read, so nothing of it leaks; the bureau and
 * inspectors are judged on the record itself (`canReadInspection`, …).
 */
export const assertMayAskAbout = (p: Principal, unitId: string) => {
  if (!seesEveryUnit(p) && !p.roles.includes('inspector') && !isUnitMember(p, unitId))
    throw new ForbiddenError(FOREIGN_UNIT);
};

/** Whose scoring queue the principal reads: their own; the admin anyone's. */
export const queueOwnerFor = (p: Principal, requestedRaterId?: string): string =>
  p.roles.includes('admin') && requestedRaterId ? requestedRaterId : p.userId;

/**
 * What of a unit's score history (the audit trail) the principal reads: the admin and leaders all
 * of it; a rater the entries of the items (period × indicator) assigned to them at the unit, never
 * another rater's marks (each rates independently): their own 评分 entries only, and a reassignment
 * without the earlier rater's mark unless it was theirs. A rater with no assignment at the unit, or
 * affiliated with it (回避), is refused (403) before anything of it is read.
 */
export const auditVisibleTo = async (
  db: Db,
  p: Principal,
  year: number,
  unitId: string,
): Promise<(entries: readonly AuditEntry[]) => AuditEntry[]> => {
  if (seesEveryUnit(p)) return (entries) => [...entries];
  const assigned = p.roles.includes('rater')
    ? await withoutRecusals(
        db,
        p.userId,
        (
          await Promise.all(PERIODS.map((period) => listRaterAssignments(db, year, p.userId, period, unitId)))
        ).flat(),
      )
    : [];
  if (assigned.length === 0) throw new ForbiddenError('您未被分派该单位的评分，不能查看其评分记录');
  const items = new Set(assigned.map((a) => `${a.period}#${a.code}`));
  return (entries) =>
    entries.flatMap((e) => {
      if (!e.code || !items.has(`${e.period}#${e.code}`)) return [];
      if (e.kind === 'rate') return e.by === p.userId ? [e] : [];
      if (e.kind !== 'reassign') return [e];
      const old = (e.old ?? {}) as { raterId?: string; rating?: unknown };
      if (old.raterId === p.userId) return [e];
      const { rating: _hidden, ...rest } = old;
      return [{ ...e, old: rest }];
    });
};

/** One unit's results: public once the year is published, before that `assertUnitVisible`. */
export const assertResultsVisible = async (
  db: Db,
  p: Principal,
  year: { year: number; state: string },
  unitId: string,
) => {
  if (year.state !== 'published') await assertUnitVisible(db, p, unitId, year.year);
};

/** Writes for a unit (values, files, the submission, rectification answers) come from its own members. */
export const assertOwnUnit = (p: Principal, unitId: string, message = '只能填报本单位的材料') => {
  if (!isUnitMember(p, unitId)) throw new ForbiddenError(message);
};

/** An inspection: the bureau; its team; the unit once the admin approved it. */
export const canReadInspection = (
  p: Principal,
  i: Pick<Inspection, 'unitId' | 'team' | 'recordedBy' | 'state'>,
) =>
  seesEveryUnit(p) ||
  isOnTeam(p, i.team, i.recordedBy) ||
  (isUnitMember(p, i.unitId) && i.state === 'approved');

/** A rectification order: the bureau; the inspection team; the unit it was issued to. */
export const canReadRectification = (p: Principal, r: Pick<Rectification, 'unitId' | 'team'>) =>
  seesEveryUnit(p) || isOnTeam(p, r.team) || isUnitMember(p, r.unitId);

/**
 * A bonus, penalty or veto proposal: the bureau; its proposer; the head of its unit; an inspector
 * a penalty or veto of a unit in their scope (bonuses are the unit's own claims).
 */
export const canReadProposal = (
  p: Principal,
  x: Pick<Proposal, 'unitId' | 'kind' | 'proposedBy'>,
  scope: UnitScope,
) =>
  seesEveryUnit(p) ||
  x.proposedBy === p.userId ||
  (p.roles.includes('unit_head') && p.unitId === x.unitId) ||
  (p.roles.includes('inspector') && x.kind !== 'bonus' && inScope(scope, x.unitId));
