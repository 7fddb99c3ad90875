/**
 * Rater assignments and the rater's sheet of a period. A rater's assignments of a period are one
 * Query on their year partition (`ASSIGN#<p>#`); a period's assignments, by unit and indicator, one
 * Query on gsi1 (`YEAR#<y>#ASSIGN#<p>`).
 */
import { ConflictError, NotFoundError, SheetFinalizedError } from '../errors';
import type { Assignment, AuditEntry, RaterSheet } from '../schemas/scoring';
import type { Period } from '../schemas/year';
import { auditPut } from './audit-repo';
import type { Db } from './client';
import { countPrefix, getItem, getItems, queryPrefix, type TxItem, transact } from './items';
import {
  assignmentIndexes,
  assignmentKey,
  periodAssignmentsQuery,
  raterAssignmentsQuery,
  raterSheetKey,
  raterUnitKey,
  raterUnitsQuery,
  ratingKey,
} from './keys';
import { mapLimit } from './parallel';

export const assignmentRecord = (a: Assignment) => ({
  ...assignmentKey(a.year, a.raterId, a.period, a.unitId, a.code),
  ...assignmentIndexes(a.year, a.period, a.unitId, a.code, a.raterId),
  entity: 'assignment',
  ...a,
});

const PERIODS: readonly Period[] = ['Q1', 'Q2', 'Q3', 'Q4'];

/** The marker's attribute counting the rater's assignments of one period at the unit. */
const periodCount = (period: Period) => `assignments${period}` as const;

/**
 * A rater's unit of the year (`raterUnitKey`) with how many of their assignments are there, in all
 * and per period (`assignmentsQ1`…; absent on markers written before the per-period counts).
 */
type RaterUnit = {
  year: number;
  raterId: string;
  unitId: string;
  assignments: number;
} & Partial<Record<ReturnType<typeof periodCount>, number>>;

/** A transaction part: `delta` more of the rater's assignments at the unit (the marker made if absent). */
const countAtUnit = (
  db: Db,
  a: Pick<Assignment, 'year' | 'raterId' | 'unitId' | 'period'>,
  delta: 1 | -1,
): TxItem => ({
  Update: {
    TableName: db.tableName,
    Key: raterUnitKey(a.year, a.raterId, a.unitId),
    UpdateExpression:
      'SET entity = :entity, #year = :year, raterId = :rater, unitId = :unit ADD assignments :delta, #inPeriod :delta',
    ExpressionAttributeNames: { '#year': 'year', '#inPeriod': periodCount(a.period) },
    ExpressionAttributeValues: {
      ':entity': 'rater-unit',
      ':year': a.year,
      ':rater': a.raterId,
      ':unit': a.unitId,
      ':delta': delta,
    },
  },
});

/**
 * Assignments as stored in bulk (the demo seeds, test fixtures) with their raters' unit markers, the
 * count of each rater's assignments at each unit among `assignments` (written whole, not added to).
 */
export const assignmentItems = (assignments: readonly Assignment[]): Record<string, unknown>[] => {
  const counts = new Map<string, RaterUnit>();
  for (const a of assignments) {
    const id = `${a.year}#${a.raterId}#${a.unitId}`;
    const marker: RaterUnit = counts.get(id) ?? {
      year: a.year,
      raterId: a.raterId,
      unitId: a.unitId,
      assignments: 0,
    };
    marker.assignments += 1;
    marker[periodCount(a.period)] = (marker[periodCount(a.period)] ?? 0) + 1;
    counts.set(id, marker);
  }
  return [
    ...assignments.map(assignmentRecord),
    ...[...counts.values()].map((m) => ({
      ...raterUnitKey(m.year, m.raterId, m.unitId),
      entity: 'rater-unit',
      ...m,
    })),
  ];
};

/** The units where the rater holds an assignment in the year (any period), from their unit markers. */
export const listRaterUnitIds = async (db: Db, year: number, raterId: string): Promise<string[]> =>
  (await queryPrefix<RaterUnit>(db, raterUnitsQuery(year, raterId)))
    .filter((m) => m.assignments > 0)
    .map((m) => m.unitId);

export const getAssignment = (
  db: Db,
  a: Pick<Assignment, 'year' | 'raterId' | 'period' | 'unitId' | 'code'>,
) => getItem<Assignment>(db, assignmentKey(a.year, a.raterId, a.period, a.unitId, a.code));

/** A rater's assignments of a period (their queue), optionally of one unit. */
export const listRaterAssignments = (
  db: Db,
  year: number,
  raterId: string,
  period: Period,
  unitId?: string,
) => queryPrefix<Assignment>(db, raterAssignmentsQuery(year, raterId, period, unitId));

/**
 * Which of `items` (unit and indicator) the rater is assigned in the period, as `<unitId>#<code>`: their
 * assignments read by key (BatchGetItem), so the answer costs what is asked, not the rater's queue.
 */
export const assignedAmong = async (
  db: Db,
  year: number,
  raterId: string,
  period: Period,
  items: readonly { unitId: string; code: string }[],
): Promise<Set<string>> => {
  const keys = new Map(
    items.map((i) => [`${i.unitId}#${i.code}`, assignmentKey(year, raterId, period, i.unitId, i.code)]),
  );
  const found = await getItems<Assignment>(db, [...keys.values()]);
  return new Set(found.map((a) => `${a.unitId}#${a.code}`));
};

/** How many assignments a rater holds in a period (a counting Query that scans the period's queue). */
export const countRaterAssignments = (db: Db, year: number, raterId: string, period: Period) =>
  countPrefix(db, raterAssignmentsQuery(year, raterId, period));

/**
 * How many assignments a rater holds in each period (the 工作台's 评分任务): the sum of their unit
 * markers' per-period counts, one Query of one item per unit. A marker whose per-period counts do not
 * add up to its total was written before them (or by the backfill): then each period is counted by a
 * counting Query over the rater's queue, as before.
 */
export const countRaterAssignmentsByPeriod = async (
  db: Db,
  year: number,
  raterId: string,
): Promise<Record<Period, number>> => {
  const markers = await queryPrefix<RaterUnit>(db, raterUnitsQuery(year, raterId));
  const complete = markers.every(
    (m) => PERIODS.reduce((n, p) => n + (m[periodCount(p)] ?? 0), 0) === (m.assignments ?? 0),
  );
  const counts = await Promise.all(
    PERIODS.map((p) =>
      complete
        ? markers.reduce((n, m) => n + (m[periodCount(p)] ?? 0), 0)
        : countRaterAssignments(db, year, raterId, p),
    ),
  );
  return Object.fromEntries(PERIODS.map((p, i) => [p, counts[i]])) as Record<Period, number>;
};

/** A period's assignments across raters, optionally of one unit. */
export const listPeriodAssignments = (db: Db, year: number, period: Period, unitId?: string) =>
  queryPrefix<Assignment>(db, periodAssignmentsQuery(year, period, unitId));

/** Creates the assignments that do not exist yet; an existing one is left as it is. */
export const createAssignments = async (db: Db, assignments: readonly Assignment[]) => {
  // Bounded: a whole category times several raters is hundreds of writes. Each new assignment
  // counts at its rater's unit marker in the same transaction; an existing one fails its condition.
  const written = await mapLimit(assignments, 8, async (a) => {
    try {
      await transact(
        db,
        [
          {
            Put: {
              TableName: db.tableName,
              Item: assignmentRecord(a),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          countAtUnit(db, a, 1),
        ],
        '该分派已存在',
      );
      return true;
    } catch (error) {
      const reasons =
        error instanceof ConflictError ? (error.extra.reasons as string[] | undefined) : undefined;
      if (reasons?.[0] === 'ConditionalCheckFailed') return false;
      throw error;
    }
  });
  return { created: written.filter(Boolean).length, existing: written.filter((w) => !w).length };
};

/**
 * Moves an assignment to another rater in one transaction with its audit entry. The first rater's
 * rating of a `rating` leaf (`rating`, as read before) leaves the facts (it is recorded in the
 * entry's `old`), so the new rater's mark replaces it rather than joining it. The rating is checked
 * at the version read: a rating written meanwhile makes the reassign fail (409) instead of staying
 * behind in the facts.
 */
export const reassign = async (
  db: Db,
  from: Assignment,
  to: Assignment,
  rating: { version: number } | undefined,
  entry: AuditEntry,
): Promise<void> => {
  const key = ratingKey(from.year, from.unitId, from.period, from.code, from.raterId);
  const ratingStep: TxItem = rating
    ? {
        Delete: {
          TableName: db.tableName,
          Key: key,
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': rating.version },
        },
      }
    : {
        ConditionCheck: {
          TableName: db.tableName,
          Key: key,
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
  const items: TxItem[] = [
    {
      Delete: {
        TableName: db.tableName,
        Key: assignmentKey(from.year, from.raterId, from.period, from.unitId, from.code),
        ConditionExpression: 'attribute_exists(pk)',
      },
    },
    {
      Put: {
        TableName: db.tableName,
        Item: { ...assignmentRecord(to), version: 1 },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ratingStep,
    auditPut(db, entry),
    countAtUnit(db, from, -1),
    countAtUnit(db, to, 1),
  ];
  await transact(db, items, '改派失败：原分派已变化、新成员已分派该指标，或原成员刚刚评分，请刷新后重试');
};

const openSheet = (year: number, raterId: string, period: Period): RaterSheet => ({
  year,
  period,
  raterId,
  state: 'open',
  version: 0,
});

/** The rater's sheet of a period; open (version 0) until first finalized. */
export const getSheet = async (db: Db, year: number, raterId: string, period: Period): Promise<RaterSheet> =>
  (await getItem<RaterSheet>(db, raterSheetKey(year, raterId, period))) ?? openSheet(year, raterId, period);

/** The raters' sheets of a period in one batch read, in the order of `raterIds` (open when absent). */
export const listSheets = async (
  db: Db,
  year: number,
  period: Period,
  raterIds: readonly string[],
): Promise<RaterSheet[]> => {
  const stored = await getItems<RaterSheet>(
    db,
    raterIds.map((id) => raterSheetKey(year, id, period)),
  );
  const byRater = new Map(stored.map((s) => [s.raterId, s]));
  return raterIds.map((id) => byRater.get(id) ?? openSheet(year, id, period));
};

/** A transaction part: the rater's sheet of the period is still open (absent or `open`). */
export const sheetStillOpen = (db: Db, year: number, raterId: string, period: Period): TxItem => ({
  ConditionCheck: {
    TableName: db.tableName,
    Key: raterSheetKey(year, raterId, period),
    ConditionExpression: 'attribute_not_exists(pk) OR #state = :open',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':open': 'open' },
  },
});

/** Writes the sheet in a new state if its version is still `sheet.version`, with audit entries. */
export const writeSheet = async (
  db: Db,
  sheet: RaterSheet,
  next: RaterSheet,
  entries: readonly AuditEntry[],
) => {
  const condition =
    sheet.version === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : {
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': sheet.version },
        };
  const record = { ...raterSheetKey(next.year, next.raterId, next.period), entity: 'rater-sheet', ...next };
  try {
    await transact(
      db,
      [
        { Put: { TableName: db.tableName, Item: record, ...condition } },
        ...entries.map((e) => auditPut(db, e)),
      ],
      '评分表已被他人同时修改，请刷新后重试',
    );
  } catch (error) {
    if (error instanceof ConflictError && error.code === 'CONFLICT') {
      const current = await getItem<RaterSheet>(db, raterSheetKey(next.year, next.raterId, next.period));
      if (!current) throw new NotFoundError('评分表');
      if (current.state === 'finalized' && next.state === 'finalized') throw new SheetFinalizedError(current);
    }
    throw error;
  }
};
