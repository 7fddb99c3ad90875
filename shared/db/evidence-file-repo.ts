/**
 * Evidence files of a submission item. A file is added, confirmed or removed only while its item is
 * absent (not saved yet) or editable: each write is one transaction with that condition, so a
 * submitted item's files never change.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { isEditable } from '../domain/submissions/status';
import { type AppError, NotFoundError } from '../errors';
import type { EvidenceFile } from '../schemas/submission';
import type { Db } from './client';
import { expiresAfter, getItem, guard, queryPrefix, type TxItem, tryTransact } from './items';
import { evidenceFileKey, evidenceFilePrefix, submissionItemKey, unitYearPk } from './keys';
import { getSubmissionItem, ItemLockedError, raceConflict, type UnitPeriod } from './submission-item-repo';

/** Pending uploads that are never confirmed disappear after a day (TTL). */
const PENDING_FILE_TTL_SECONDS = 24 * 3600;

/** A unit's files of one period, or of one indicator (pattern 10). */
export const listFiles = (db: Db, p: UnitPeriod, code?: string) =>
  queryPrefix<EvidenceFile>(db, {
    pk: unitYearPk(p.year, p.unitId),
    skPrefix: evidenceFilePrefix(p.period, code),
  });

export const getFile = async (db: Db, p: UnitPeriod, code: string, fileId: string): Promise<EvidenceFile> => {
  const file = await getItem<EvidenceFile & { expiresAt?: number }>(
    db,
    evidenceFileKey(p.year, p.unitId, p.period, code, fileId),
  );
  if (!file) throw new NotFoundError('材料文件');
  const { expiresAt: _ttl, ...rest } = file;
  return rest;
};

/** The item of a file must be absent (not saved yet) or editable; a submitted item locks its files. */
const itemStillEditable = (db: Db, p: UnitPeriod, code: string): TxItem => ({
  ConditionCheck: {
    TableName: db.tableName,
    Key: submissionItemKey(p.year, p.unitId, p.period, code),
    ConditionExpression: 'attribute_not_exists(pk) OR #status IN (:draft, :returned)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':draft': 'draft', ':returned': 'returned' },
  },
});

const lockedByItem = async (db: Db, p: UnitPeriod, code: string): Promise<AppError> => {
  const item = await getSubmissionItem(db, p, code);
  return item && !isEditable(item.status) ? new ItemLockedError(item.status) : raceConflict();
};

/** The stored item of an evidence file. */
export const fileRecord = (file: EvidenceFile) => ({
  ...evidenceFileKey(file.year, file.unitId, file.period, file.code, file.fileId),
  entity: 'evidence-file',
  ...file,
});

/** Records a signed upload that has not been confirmed yet; it expires unless confirmed. */
export const createPendingFile = async (db: Db, file: EvidenceFile, at: Date): Promise<void> => {
  const reasons = await tryTransact(db, [
    itemStillEditable(db, file, file.code),
    {
      Put: {
        TableName: db.tableName,
        Item: { ...fileRecord(file), expiresAt: expiresAfter(at, PENDING_FILE_TTL_SECONDS) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ]);
  if (reasons) throw await lockedByItem(db, file, file.code);
};

/** Confirms a checked upload: the file becomes part of the worksheet and stops expiring. */
export const markFileReady = async (db: Db, file: EvidenceFile): Promise<EvidenceFile> => {
  const reasons = await tryTransact(db, [
    itemStillEditable(db, file, file.code),
    {
      Update: {
        TableName: db.tableName,
        Key: evidenceFileKey(file.year, file.unitId, file.period, file.code, file.fileId),
        UpdateExpression: 'SET #state = :ready REMOVE expiresAt',
        ConditionExpression: '#state = :pending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':ready': 'ready', ':pending': 'pending' },
      },
    },
  ]);
  if (!reasons) return { ...file, state: 'ready' };
  if (reasons[0] === 'ConditionalCheckFailed') throw await lockedByItem(db, file, file.code);
  // Confirmed twice (a retried request): the first one did the work.
  const stored = await getFile(db, file, file.code, file.fileId);
  if (stored.state === 'ready') return stored;
  throw raceConflict();
};

/** Removes a file of an editable item (the unit changed its mind before submitting). */
export const removeFile = async (db: Db, file: EvidenceFile): Promise<void> => {
  const reasons = await tryTransact(db, [
    itemStillEditable(db, file, file.code),
    {
      Delete: {
        TableName: db.tableName,
        Key: evidenceFileKey(file.year, file.unitId, file.period, file.code, file.fileId),
        ConditionExpression: 'attribute_exists(pk)',
      },
    },
  ]);
  if (!reasons) return;
  if (reasons[0] === 'ConditionalCheckFailed') throw await lockedByItem(db, file, file.code);
  throw new NotFoundError('材料文件');
};

/** Drops the record of an upload that failed its checks (the object is removed by the caller). */
export const discardPendingFile = async (db: Db, file: EvidenceFile): Promise<void> => {
  await guard(() =>
    db.doc.send(
      new DeleteCommand({
        TableName: db.tableName,
        Key: evidenceFileKey(file.year, file.unitId, file.period, file.code, file.fileId),
      }),
    ),
  );
};
