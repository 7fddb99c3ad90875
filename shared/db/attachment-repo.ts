/**
 * Attachments (photos and evidence files of inspections, rectification orders, proposals and
 * objections): stored files (`stored-file-repo`) whose owner is the inspection, order, proposal or
 * objection. Each write is
 * one transaction with a condition on the owner's state, so a file is never added to, confirmed on
 * or removed from an owner that was decided in the meantime; an owner has at most
 * MAX_FILES_PER_ITEM confirmed files.
 */
import { MAX_FILES_PER_ITEM } from '../domain/submissions/evidence';
import { ConflictError } from '../errors';
import type { Attachment } from '../schemas/attachment';
import type { ProposalKind } from '../schemas/proposal';
import type { Db } from './client';
import type { Key } from './items';
import {
  adjustmentKey,
  attachmentOwnerRef,
  inspectionKey,
  objectionKey,
  rectificationKey,
  vetoKey,
} from './keys';
import {
  createPendingStoredFile,
  discardPendingStoredFile,
  type FileOwner,
  getStoredFile,
  listStoredFiles,
  markStoredFileReady,
  readyFileCount,
  removeStoredFile,
} from './stored-file-repo';

/** The owner's item and the state it must still be in; `closedMessage` is the 409 otherwise. */
export interface OwnerGuard {
  key: Key;
  openState: string;
  closedMessage: string;
}

type OwnerRef = Pick<Attachment, 'year' | 'unitId' | 'ownerKind' | 'ownerId'>;

/** Each owner's stored item and the state in which it takes files (the route adds the 409's message). */
export const ownerItems = {
  inspection: (year: number, unitId: string, id: string) => ({
    key: inspectionKey(year, unitId, id),
    openState: 'submitted',
  }),
  rectification: (year: number, unitId: string, inspectionId: string, n: number) => ({
    key: rectificationKey(year, unitId, inspectionId, n),
    openState: 'open',
  }),
  proposal: (year: number, unitId: string, kind: ProposalKind, id: string) => ({
    key: kind === 'veto' ? vetoKey(year, unitId, id) : adjustmentKey(year, unitId, kind, id),
    openState: 'proposed',
  }),
  objection: (year: number, unitId: string, id: string) => ({
    key: objectionKey(year, unitId, id),
    openState: 'open',
  }),
};

/** The inspection, order or proposal as the owner of its files. */
const attachmentOwner = (o: OwnerRef, guard?: OwnerGuard): FileOwner => ({
  year: o.year,
  unitId: o.unitId,
  ref: attachmentOwnerRef(o.ownerKind, o.ownerId),
  entity: 'attachment',
  noun: '附件',
  limitMessage: `每项最多上传 ${MAX_FILES_PER_ITEM} 个附件`,
  stillOpen: (db) => {
    if (!guard) throw new Error('attachment owner without its guard');
    return {
      ConditionCheck: {
        TableName: db.tableName,
        Key: guard.key,
        ConditionExpression: '#state = :open',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':open': guard.openState },
      },
    };
  },
  closedError: async () => new ConflictError(guard?.closedMessage ?? '', {}, 'OWNER_CLOSED'),
});

/** An owner's files, pending ones included (the route shows the ready ones). */
export const listAttachments = (db: Db, o: OwnerRef) => listStoredFiles<Attachment>(db, attachmentOwner(o));

export const getAttachment = (db: Db, f: OwnerRef & { fileId: string }) =>
  getStoredFile<Attachment>(db, attachmentOwner(f), f.fileId);

/** How many confirmed files the owner has (the limit is held when a file is confirmed). */
export const countReadyAttachments = (db: Db, o: OwnerRef) => readyFileCount(db, attachmentOwner(o));

/** Records a signed upload, not confirmed yet; it expires unless confirmed. */
export const createPendingAttachment = (db: Db, file: Attachment, at: Date, owner: OwnerGuard) =>
  createPendingStoredFile(db, attachmentOwner(file, owner), file, at);

/** Confirms a checked upload: it stops expiring, is listed and counts (TooManyFilesError beyond the limit). */
export const markAttachmentReady = (db: Db, file: Attachment, owner: OwnerGuard) =>
  markStoredFileReady(db, attachmentOwner(file, owner), file);

/** Removes a file while its owner is still open. */
export const removeAttachment = (db: Db, file: Attachment, owner: OwnerGuard) =>
  removeStoredFile(db, attachmentOwner(file, owner), file);

/** Drops the record of an upload that failed its checks (the caller removes the object). */
export const discardPendingAttachment = (db: Db, file: Attachment) =>
  discardPendingStoredFile(db, attachmentOwner(file), file.fileId);
