/**
 * Assignment: what a committee member was given to do in a year, never at a unit they are
 * affiliated with (回避).
 * - A rater is assigned to a unit when they hold a rater assignment on one of its indicators in any
 *   period of the year (`ASSIGN#` items). Their units are read from their unit markers (`UNIT#`
 *   items counting those assignments, one Query); one unit's check reads that unit's assignments.
 * - An inspector is assigned to a unit when they are on the team of one of the year's inspections
 *   of it (the recorder is always on the team; its rectification orders carry the same team).
 * The rater's right to act on one indicator of one period is narrower: `assertAssignedRater`.
 */
import { getAssignment, getSheet, listRaterAssignments, listRaterUnitIds } from '../db/assignment-repo';
import type { Db } from '../db/client';
import { listInspections } from '../db/inspection-repo';
import { getUser } from '../db/org-repo';
import { ForbiddenError, SheetFinalizedError } from '../errors';
import type { Assignment } from '../schemas/scoring';
import { PERIODS, type Period } from '../schemas/year';
import type { Principal } from './roles';

const inspectorUnitIds = async (db: Db, inspectorId: string, year: number) =>
  (await listInspections(db, year))
    .filter((i) => i.team.includes(inspectorId) || i.recordedBy === inspectorId)
    .map((i) => i.unitId);

/** The units the principal's rater and inspector roles are assigned to in the year, affiliated ones excluded. */
export const assignedUnitIds = async (
  db: Db,
  principal: Principal,
  year: number,
): Promise<ReadonlySet<string>> => {
  const rater = principal.roles.includes('rater');
  const inspector = principal.roles.includes('inspector');
  if (!rater && !inspector) return new Set();
  const [user, asRater, asInspector] = await Promise.all([
    getUser(db, principal.userId),
    rater ? listRaterUnitIds(db, year, principal.userId) : [],
    inspector ? inspectorUnitIds(db, principal.userId, year) : [],
  ]);
  const affiliated = new Set(user?.affiliatedUnitIds ?? []);
  return new Set([...asRater, ...asInspector].filter((id) => !affiliated.has(id)));
};

/**
 * Whether the principal's rater or inspector role is assigned to this one unit in the year (what
 * `assignedUnitIds(…).has(unitId)` says), reading only that unit's assignments: one Query per period
 * on the rater's year partition narrowed to the unit, not the rater's whole queue.
 */
export const assignedToUnit = async (
  db: Db,
  principal: Principal,
  year: number,
  unitId: string,
): Promise<boolean> => {
  const rater = principal.roles.includes('rater');
  const inspector = principal.roles.includes('inspector');
  if (!rater && !inspector) return false;
  const [user, asRater, asInspector] = await Promise.all([
    getUser(db, principal.userId),
    rater
      ? Promise.all(PERIODS.map((period) => listRaterAssignments(db, year, principal.userId, period, unitId)))
      : [],
    inspector ? inspectorUnitIds(db, principal.userId, year) : ([] as string[]),
  ]);
  if (user?.affiliatedUnitIds.includes(unitId)) return false;
  return asRater.some((found) => found.length > 0) || asInspector.includes(unitId);
};

/**
 * A rater's assignments without those at units they are affiliated with (回避): an assignment made
 * before the affiliation was recorded gives no access (the rater's queue lists only these).
 */
export const withoutRecusals = async <A extends { unitId: string }>(
  db: Db,
  raterId: string,
  assignments: readonly A[],
): Promise<A[]> => {
  const affiliated = new Set((await getUser(db, raterId))?.affiliatedUnitIds ?? []);
  return assignments.filter((a) => !affiliated.has(a.unitId));
};

/**
 * The principal's assignment to this unit's indicator in the period; 403 when they are affiliated
 * with the unit (回避, even if an assignment exists) or not assigned to exactly that.
 */
export const assertAssignedRater = async (
  db: Db,
  principal: Principal,
  p: { year: number; unitId: string; period: Period; code: string },
): Promise<Assignment> => {
  const [assignment, user] = await Promise.all([
    getAssignment(db, { ...p, raterId: principal.userId }),
    getUser(db, principal.userId),
  ]);
  if (user?.affiliatedUnitIds.includes(p.unitId)) {
    throw new ForbiddenError('您与该单位有关联，须回避，不能评分或审核该单位');
  }
  if (!assignment) throw new ForbiddenError('您未被分派该单位的该项指标，不能评分或审核');
  return assignment;
};

/**
 * The indicator codes of a unit's period the principal may accept or return (`assertMayReview`
 * says the same for one item): every code for the admin; for a rater, those assigned to them while
 * their sheet is open and they are not affiliated with the unit; none for anyone else.
 */
export const reviewableCodes = async (
  db: Db,
  principal: Principal,
  p: { year: number; unitId: string; period: Period },
): Promise<'all' | ReadonlySet<string>> => {
  if (principal.roles.includes('admin')) return 'all';
  if (!principal.roles.includes('rater')) return new Set();
  const [assignments, sheet] = await Promise.all([
    listRaterAssignments(db, p.year, principal.userId, p.period, p.unitId),
    getSheet(db, p.year, principal.userId, p.period),
  ]);
  if (sheet.state === 'finalized') return new Set();
  return new Set((await withoutRecusals(db, principal.userId, assignments)).map((a) => a.code));
};

/**
 * Who may accept or return a submitted item (one transition, one route): the admin, or the rater
 * assigned to that unit's indicator in the period (`assertAssignedRater`) while their sheet of the
 * period is open (a finalized sheet changes nothing until the admin reopens it).
 */
export const assertMayReview = async (
  db: Db,
  principal: Principal,
  p: { year: number; unitId: string; period: Period; code: string },
): Promise<void> => {
  if (principal.roles.includes('admin')) return;
  await assertAssignedRater(db, principal, p);
  const sheet = await getSheet(db, p.year, principal.userId, p.period);
  if (sheet.state === 'finalized') throw new SheetFinalizedError(sheet);
};
