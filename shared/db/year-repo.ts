/** Access patterns of appraisal years. */
import { ConflictError, NotFoundError } from '../errors';
import {
  YEAR_STATE_LABELS,
  YEAR_TRANSITIONS,
  type Year,
  type YearSettings,
  type YearState,
} from '../schemas/year';
import type { Db } from './client';
import { createItem, getItem, putIfAbsent, queryPrefix, replaceVersioned, type TxItem } from './items';
import { yearIndexes, yearKey } from './keys';

export const getYear = async (db: Db, year: number): Promise<Year> => {
  const found = await getItem<Year>(db, yearKey(year));
  if (!found) throw new NotFoundError(`${year} 年度考核`);
  return found;
};

/** Years newest first. */
export const listYears = async (db: Db): Promise<Year[]> =>
  (await queryPrefix<Year>(db, { index: 'gsi1', pk: 'YEARS', descending: true })).sort(
    (a, b) => b.year - a.year,
  );

/** Creates a year in 年初设置; a year that exists already is refused (409). */
export const createYear = async (db: Db, year: Omit<Year, 'version'>): Promise<Year> => {
  await createItem(
    db,
    { ...yearKey(year.year), ...yearIndexes(year.year), entity: 'year', ...year },
    `${year.year} 年度考核已存在`,
  );
  return { ...year, version: 1 };
};

export const seedYear = (db: Db, year: Omit<Year, 'version'>) =>
  putIfAbsent(db, { ...yearKey(year.year), ...yearIndexes(year.year), entity: 'year', ...year });

type Acknowledged = NonNullable<Year['history'][number]['acknowledged']>;

/**
 * The year after a move one step forward, its history entry keeping who, when and the warnings
 * acknowledged; refuses a move that does not fit the current state (409).
 */
const movedYear = (current: Year, to: YearState, by: string, at: Date, acknowledged?: Acknowledged): Year => {
  const allowed = YEAR_TRANSITIONS[current.state];
  if (allowed !== to) {
    throw new ConflictError(
      `当前状态为“${YEAR_STATE_LABELS[current.state]}”，不能转为“${YEAR_STATE_LABELS[to]}”`,
      { state: current.state },
      'WRONG_STATE',
    );
  }
  const entry = { state: to, at: at.toISOString(), by, ...(acknowledged?.length ? { acknowledged } : {}) };
  return { ...current, state: to, history: [...current.history, entry] };
};

/**
 * Moves a year one step forward. Refuses a move that does not fit the current state, and a stale
 * version (someone else moved it meanwhile).
 */
export const advanceYear = async (
  db: Db,
  year: number,
  to: YearState,
  expectedVersion: number,
  by: string,
  at: Date,
  acknowledged?: Acknowledged,
): Promise<Year> =>
  replaceYear(db, movedYear(await getYear(db, year), to, by, at, acknowledged), expectedVersion);

/**
 * The same move as a part of the caller's transaction (publication freezes its snapshot and moves
 * the year at once): the move happens with the caller's writes or not at all.
 */
export const yearMoveTxItem = (
  db: Db,
  current: Year,
  to: YearState,
  by: string,
  at: Date,
  acknowledged?: Acknowledged,
): TxItem => {
  const { version, ...next } = movedYear(current, to, by, at, acknowledged);
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...yearKey(next.year),
        ...yearIndexes(next.year),
        entity: 'year',
        ...next,
        version: version + 1,
      },
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': version },
    },
  };
};

/**
 * Replaces the weights, caps, windows (and optionally the title) of a year still in 年初设置; once
 * the year is under way its settings are what units were appraised against, so they stay. The
 * history is left as it is: a settings edit is not a change of state.
 */
export const updateYearSettings = async (
  db: Db,
  year: number,
  change: { settings: YearSettings; title?: string | undefined },
  expectedVersion: number,
): Promise<Year> => {
  const current = await getYear(db, year);
  if (current.state !== 'setup') {
    throw new ConflictError(
      `当前状态为“${YEAR_STATE_LABELS[current.state]}”，只有“${YEAR_STATE_LABELS.setup}”中的年度可以修改设置`,
      { state: current.state },
      'WRONG_STATE',
    );
  }
  return replaceYear(
    db,
    { ...current, ...change.settings, ...(change.title === undefined ? {} : { title: change.title }) },
    expectedVersion,
  );
};

/** Writes `next` over the stored year if its version is still `expectedVersion` (else 409). */
const replaceYear = async (db: Db, next: Year, expectedVersion: number): Promise<Year> => {
  const version = await replaceVersioned<Year>(
    db,
    { ...yearKey(next.year), ...yearIndexes(next.year), entity: 'year', ...next },
    expectedVersion,
  );
  return { ...next, version };
};
