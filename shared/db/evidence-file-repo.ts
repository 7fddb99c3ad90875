/**
 * Evidence files of a submission item: stored files (`stored-file-repo`) whose owner is the item. A
 * file is added, confirmed or removed only while its item is absent (not saved yet) or editable,
 * so a submitted item's files never change; an item has at most MAX_FILES_PER_ITEM confirmed files.
 */
import { MAX_FILES_PER_ITEM } from '../domain/submissions/evidence';
import { isEditable } from '../domain/submissions/status';
import { ItemLockedError } from '../errors';
import type { EvidenceFile } from '../schemas/submission';
import type { Db } from './client';
import { queryPrefix, raceConflict } from './items';
import { evidenceFileKey, evidenceFilePrefix, evidenceOwnerRef, submissionItemKey, unitYearPk } from './keys';
import {
  createPendingStoredFile,
  discardPendingStoredFile,
  type FileOwner,
  getStoredFile,
  markStoredFileReady,
  readyFileCount,
  removeStoredFile,
} from './stored-file-repo';
import { getSubmissionItem, type UnitPeriod } from './submission-item-repo';

/** The submission item as the owner of its files. */
export const evidenceOwner = (p: UnitPeriod, code: string): FileOwner => ({
  year: p.year,
  unitId: p.unitId,
  ref: evidenceOwnerRef(p.period, code),
  entity: 'evidence-file',
  noun: '材料文件',
  limitMessage: `每项指标最多上传 ${MAX_FILES_PER_ITEM} 个文件`,
  stillOpen: (db) => ({
    ConditionCheck: {
      TableName: db.tableName,
      Key: submissionItemKey(p.year, p.unitId, p.period, code),
      ConditionExpression: 'attribute_not_exists(pk) OR #status IN (:draft, :returned)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':draft': 'draft', ':returned': 'returned' },
    },
  }),
  closedError: async (db) => {
    const item = await getSubmissionItem(db, p, code);
    return item && !isEditable(item.status) ? new ItemLockedError(item.status) : raceConflict();
  },
});

const ownerOf = (file: EvidenceFile) => evidenceOwner(file, file.code);

/** A unit's files of one period, or of one indicator (pattern 10). */
export const listFiles = (db: Db, p: UnitPeriod, code?: string) =>
  queryPrefix<EvidenceFile>(db, {
    pk: unitYearPk(p.year, p.unitId),
    skPrefix: evidenceFilePrefix(p.period, code),
  });

export const getFile = (db: Db, p: UnitPeriod, code: string, fileId: string) =>
  getStoredFile<EvidenceFile>(db, evidenceOwner(p, code), fileId);

/** How many confirmed files an item has (the limit is held when a file is confirmed). */
export const countReadyFiles = (db: Db, p: UnitPeriod, code: string) =>
  readyFileCount(db, evidenceOwner(p, code));

/** The stored item of an evidence file (the seed writes confirmed files directly). */
export const fileRecord = (file: EvidenceFile) => ({
  ...evidenceFileKey(file.year, file.unitId, file.period, file.code, file.fileId),
  entity: 'evidence-file',
  ...file,
});

/** Records a signed upload that has not been confirmed yet; it expires unless confirmed. */
export const createPendingFile = (db: Db, file: EvidenceFile, at: Date) =>
  createPendingStoredFile(db, ownerOf(file), file, at);

/** Confirms a checked upload: the file becomes part of the worksheet, stops expiring and counts. */
export const markFileReady = (db: Db, file: EvidenceFile) => markStoredFileReady(db, ownerOf(file), file);

/** Removes a file of an editable item (the unit changed its mind before submitting). */
export const removeFile = (db: Db, file: EvidenceFile) => removeStoredFile(db, ownerOf(file), file);

/** Drops the record of an upload that failed its checks (the object is removed by the caller). */
export const discardPendingFile = (db: Db, file: EvidenceFile) =>
  discardPendingStoredFile(db, ownerOf(file), file.fileId);
