/** Objections: filed by a unit head, decided by the committee, with the unit notified either way. */
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '../errors';
import type { Objection } from '../schemas/objection';
import type { Db } from './client';
import { createItem, getItem, queryPrefix, transact } from './items';
import { objectionIndexes, objectionKey, objectionsQuery, unitObjectionsQuery } from './keys';
import { type NewNotification, noteId, notificationRecord } from './notification-repo';

const item = (o: Objection) => ({
  ...objectionKey(o.year, o.unitId, o.id),
  ...objectionIndexes(o.year, o.state, o.filedAt, o.id),
  entity: 'objection',
  ...o,
});

/** Writes `next` if the stored objection is still at `expected` (version and state), with its notifications. */
const saveWithNotes = (
  db: Db,
  next: Objection,
  expected: { version: number; state: Objection['state'] },
  notes: readonly NewNotification[],
  staleMessage: string,
) =>
  transact(
    db,
    [
      {
        Put: {
          TableName: db.tableName,
          Item: item(next),
          ConditionExpression: '#v = :v AND #s = :s',
          ExpressionAttributeNames: { '#v': 'version', '#s': 'state' },
          ExpressionAttributeValues: { ':v': expected.version, ':s': expected.state },
        },
      },
      ...notes.map((n) => ({ Put: { TableName: db.tableName, Item: notificationRecord(n) } })),
    ],
    staleMessage,
  );

export const fileObjection = async (
  db: Db,
  input: Omit<Objection, 'id' | 'state' | 'version'>,
): Promise<Objection> => {
  const objection: Objection = { ...input, id: randomUUID().slice(0, 12), state: 'open', version: 1 };
  await createItem(db, item(objection), '申诉已存在');
  return objection;
};

export const listUnitObjections = (db: Db, year: number, unitId: string) =>
  queryPrefix<Objection>(db, unitObjectionsQuery(year, unitId));

export const listYearObjections = (db: Db, year: number) => queryPrefix<Objection>(db, objectionsQuery(year));

export const getObjection = async (db: Db, year: number, unitId: string, id: string): Promise<Objection> => {
  const found = await getItem<Objection>(db, objectionKey(year, unitId, id));
  if (!found) throw new NotFoundError('申诉');
  return found;
};

/**
 * Records the committee's decision and notifies the unit's users in one transaction; a decision
 * on an objection already decided, or on a stale version, is refused.
 */
export const decideObjection = async (
  db: Db,
  objection: Objection,
  decision: { state: 'upheld' | 'rejected'; by: string; at: Date; reason: string; expectedVersion: number },
  notifyUserIds: string[],
): Promise<Objection> => {
  if (objection.state !== 'open')
    throw new ConflictError('该申诉已处理', { state: objection.state }, 'ALREADY_DECIDED');
  const next: Objection = {
    ...objection,
    state: decision.state,
    decision: { by: decision.by, at: decision.at.toISOString(), reason: decision.reason },
    version: decision.expectedVersion + 1,
  };
  const verdict =
    decision.state === 'upheld' ? '申诉成立，已交考核组重新评分，重新计算后将告知得分变化' : '申诉不成立';
  const notes: NewNotification[] = notifyUserIds.map((userId) => ({
    id: noteId(decision.at),
    userId,
    unitId: objection.unitId,
    kind: 'objection',
    title: `申诉处理结果：${objection.leafName}`,
    body: `${verdict}。处理意见：${decision.reason}`,
    link: `/results/units/${objection.unitId}?year=${objection.year}`,
    createdAt: decision.at.toISOString(),
  }));
  await saveWithNotes(
    db,
    next,
    { version: decision.expectedVersion, state: 'open' },
    notes,
    '申诉已被他人处理，请刷新后查看',
  );
  return next;
};

/**
 * Records that a new draft version answers an upheld objection (its rescoring task is done) and tells
 * the objector the indicator's score before and after, in one transaction; an objection changed
 * meanwhile is refused.
 */
export const answerObjection = async (
  db: Db,
  objection: Objection,
  answer: NonNullable<Objection['answer']>,
  message: string,
): Promise<Objection> => {
  const next: Objection = { ...objection, answer, version: objection.version + 1 };
  const note: NewNotification = {
    id: noteId(new Date(answer.at)),
    userId: objection.filedBy,
    unitId: objection.unitId,
    kind: 'objection',
    title: `申诉重新评分结果：${objection.leafName}`,
    body: message,
    link: `/results/units/${objection.unitId}?year=${objection.year}`,
    createdAt: answer.at,
  };
  await saveWithNotes(
    db,
    next,
    { version: objection.version, state: 'upheld' },
    [note],
    '申诉已被他人修改，请刷新后查看',
  );
  return next;
};
