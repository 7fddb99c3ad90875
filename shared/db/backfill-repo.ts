/**
 * The one-off backfill (scripts/backfill.ts; `npm start` runs it once on an older data dir): reads
 * what older data holds by key and index, never by Scan, lets backfill-plan.ts decide, and writes only
 * what is missing or wrong. Running it twice writes nothing the second time.
 * - per year (the years index), each period's assignments (gsi1 `YEAR#<y>#ASSIGN#<p>`, rater and unit
 *   only) and the stored markers of the raters seen → markers set to the exact count;
 * - per year and unit (the units under ORG), the unit's survey results and amendments (key prefix
 *   of its year partition) → their index attributes.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PERIODS, type Period } from '../schemas/year';
import {
  type IndexUpdate,
  planAmendmentIndexes,
  planRaterUnits,
  planSurveyIndexes,
  raterUnitItem,
  SCHEMA_VERSION,
  type StoredMarker,
} from './backfill-plan';
import type { Db } from './client';
import { batchPut, getItem, guard, queryPrefixStored } from './items';
import {
  amendmentsQuery,
  periodAssignmentsQuery,
  raterUnitsQuery,
  schemaKey,
  unitYearSurveysQuery,
} from './keys';
import { listUnits } from './org-repo';
import { mapLimit } from './parallel';
import { listYears } from './year-repo';

/** Store calls in flight at once: fast on a deployed table, gentle on DynamoDB Local. */
const CONCURRENCY = 8;

export interface SchemaRecord {
  version: number;
  at: string;
}

/** What one year's backfill wrote. */
export interface YearBackfill {
  year: number;
  assignments: number;
  markers: number;
  surveys: number;
  amendments: number;
}

/** The stored shape's record, absent on a table written before the backfill existed. */
export const getSchema = (db: Db) => getItem<SchemaRecord>(db, schemaKey());

/** Records that the table holds this version's shape. */
export const markSchema = async (db: Db, at: Date): Promise<void> => {
  const record = { ...schemaKey(), entity: 'schema', version: SCHEMA_VERSION, at: at.toISOString() };
  await guard(() => db.doc.send(new PutCommand({ TableName: db.tableName, Item: record })));
};

/** Sets and removes one item's index attributes, only if the item is still there (and in the state planned). */
const writeIndexes = async (db: Db, update: IndexUpdate): Promise<boolean> => {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(update.set).map(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const removes = update.remove.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  const conditions = ['attribute_exists(pk)'];
  if (update.when) {
    names['#state'] = 'state';
    values[':pending'] = 'pending';
    conditions.push(update.when === 'pending' ? '#state = :pending' : '#state <> :pending');
  }
  try {
    await guard(() =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: update.key,
          UpdateExpression: [
            sets.length ? `SET ${sets.join(', ')}` : '',
            removes.length ? `REMOVE ${removes.join(', ')}` : '',
          ]
            .filter(Boolean)
            .join(' '),
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
        }),
      ),
    );
    return true;
  } catch (error) {
    // Gone or decided meanwhile: the write that changed it kept its indexes itself.
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

/** One year's markers: every period's assignments by index, the markers of the raters seen. */
const backfillMarkers = async (db: Db, year: number) => {
  const assignments = (
    await mapLimit(PERIODS, CONCURRENCY, (period) =>
      queryPrefixStored(db, periodAssignmentsQuery(year, period), ['raterId', 'unitId', 'period']),
    )
  ).flat() as { raterId: string; unitId: string; period: Period }[];
  const raters = [...new Set(assignments.map((a) => a.raterId))];
  const stored = (
    await mapLimit(raters, CONCURRENCY, (raterId) =>
      queryPrefixStored(db, raterUnitsQuery(year, raterId), [
        'raterId',
        'unitId',
        'assignments',
        ...PERIODS.map((p) => `assignments${p}`),
      ]),
    )
  ).flat() as StoredMarker[];
  const markers = planRaterUnits(year, assignments, stored);
  await batchPut(db, markers.map(raterUnitItem));
  return { assignments: assignments.length, markers: markers.length };
};

/** One year's survey results and amendments, unit partition by unit partition. */
const backfillUnitIndexes = async (db: Db, year: number, unitIds: readonly string[]) => {
  const perUnit = await mapLimit(unitIds, CONCURRENCY, async (unitId) => {
    const [surveys, amendments] = await Promise.all([
      queryPrefixStored(db, unitYearSurveysQuery(year, unitId), [
        'pk',
        'sk',
        'period',
        'code',
        'gsi1pk',
        'gsi1sk',
      ]),
      queryPrefixStored(db, amendmentsQuery(year, unitId), ['pk', 'sk', 'id', 'state', 'gsi2pk', 'gsi2sk']),
    ]);
    const written = async (updates: IndexUpdate[]) =>
      (await Promise.all(updates.map((u) => writeIndexes(db, u)))).filter(Boolean).length;
    return {
      surveys: await written(planSurveyIndexes(year, unitId, surveys)),
      amendments: await written(planAmendmentIndexes(year, unitId, amendments)),
    };
  });
  return {
    surveys: perUnit.reduce((n, u) => n + u.surveys, 0),
    amendments: perUnit.reduce((n, u) => n + u.amendments, 0),
  };
};

/** Backfills one year. */
export const backfillYear = async (
  db: Db,
  year: number,
  unitIds: readonly string[],
): Promise<YearBackfill> => ({
  year,
  ...(await backfillMarkers(db, year)),
  ...(await backfillUnitIndexes(db, year, unitIds)),
});

/** Backfills every year (the years index), telling `log` each year's figures, then records the version. */
export const runBackfill = async (
  db: Db,
  { now = () => new Date(), log = () => undefined }: { now?: () => Date; log?: (line: string) => void } = {},
): Promise<YearBackfill[]> => {
  const years = (await listYears(db)).map((y) => y.year);
  const unitIds = (await listUnits(db)).map((u) => u.id);
  const done: YearBackfill[] = [];
  for (const year of years) {
    const r = await backfillYear(db, year, unitIds);
    log(
      `${year} 年度：读取分派 ${r.assignments} 条，写入评分人单位标记 ${r.markers} 条，补满意度结果索引 ${r.surveys} 条、待审批变更索引 ${r.amendments} 条`,
    );
    done.push(r);
  }
  await markSchema(db, now());
  return done;
};

/**
 * `npm start`: on a table older than this version (no schema record, some year stored) runs the
 * backfill once; an empty table (a fresh seed follows) is recorded as current without reading more.
 * Returns the years backfilled, or null when there was nothing to do.
 */
export const backfillIfNeeded = async (
  db: Db,
  options: { now?: () => Date; log?: (line: string) => void } = {},
): Promise<YearBackfill[] | null> => {
  if (((await getSchema(db))?.version ?? 0) >= SCHEMA_VERSION) return null;
  if ((await listYears(db)).length === 0) {
    await markSchema(db, (options.now ?? (() => new Date()))());
    return null;
  }
  options.log?.('数据来自较早的版本：补写索引与评分人单位标记（仅此一次）…');
  return runBackfill(db, options);
};
