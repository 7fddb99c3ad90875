/**
 * Reads what is open for one person in a year (by key or index, never a Scan) and lets
 * shared/domain/tasks decide the tasks. Other kinds of open things (objections to decide, …) join
 * by adding a source to `TASK_SOURCES`.
 */
import type { Principal } from '../auth/roles';
import {
  agreementTasks,
  approvalTasks,
  type OpenTask,
  rectificationTasks,
  returnedItemTasks,
  sheetTasks,
} from '../domain/tasks/open-tasks';
import type { Period } from '../schemas/year';
import { getAgreement, listPendingAmendments } from './agreement-repo';
import { countRaterAssignmentsByPeriod, getSheet } from './assignment-repo';
import type { Db } from './client';
import { listInspections, listUnitRectifications } from './inspection-repo';
import { listProposals } from './proposal-repo';
import { listItems } from './submission-repo';

const PERIODS: readonly Period[] = ['Q1', 'Q2', 'Q3', 'Q4'];

/** One kind of open thing: the tasks it holds for this person (none when the role does not apply). */
export type TaskSource = (db: Db, principal: Principal, year: number) => Promise<OpenTask[]>;

const has = (principal: Principal, role: Principal['roles'][number]) => principal.roles.includes(role);

const unitSource: TaskSource = async (db, principal, year) => {
  const unitId = principal.unitId;
  if (!unitId || !(has(principal, 'unit_head') || has(principal, 'reporter'))) return [];
  const [agreement, rectifications, items] = await Promise.all([
    getAgreement(db, year, unitId),
    listUnitRectifications(db, year, unitId),
    Promise.all(PERIODS.map((period) => listItems(db, { year, unitId, period }))),
  ]);
  return [
    ...(has(principal, 'unit_head') ? agreementTasks(agreement) : []),
    ...rectificationTasks(rectifications),
    ...returnedItemTasks(year, unitId, items.flat()),
  ];
};

const raterSource: TaskSource = async (db, principal, year) => {
  if (!has(principal, 'rater')) return [];
  const [assigned, sheets] = await Promise.all([
    countRaterAssignmentsByPeriod(db, year, principal.userId),
    Promise.all(PERIODS.map((period) => getSheet(db, year, principal.userId, period))),
  ]);
  return sheetTasks(
    year,
    sheets.map((sheet) => ({
      period: sheet.period,
      assigned: sheet.state === 'finalized' ? 0 : assigned[sheet.period],
    })),
  );
};

const adminSource: TaskSource = async (db, principal, year) => {
  if (!has(principal, 'admin')) return [];
  const [inspections, proposals, amendments] = await Promise.all([
    listInspections(db, year),
    listProposals(db, year, 'proposed'),
    listPendingAmendments(db, year),
  ]);
  return approvalTasks(year, {
    inspections: inspections.filter((i) => i.state === 'submitted').length,
    proposals: proposals.length,
    amendments: amendments.length,
  });
};

/** Every source of open tasks, in the order they are shown. */
export const TASK_SOURCES: TaskSource[] = [unitSource, raterSource, adminSource];

/** What is open for this person in the year. */
export const listOpenTasks = async (db: Db, principal: Principal, year: number): Promise<OpenTask[]> =>
  (await Promise.all(TASK_SOURCES.map((source) => source(db, principal, year)))).flat();
