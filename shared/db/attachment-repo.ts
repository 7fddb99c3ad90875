/**
 * Access patterns of attachments (photos and evidence files of inspections, rectification orders
 * and proposals). Each write is one transaction with a condition on the owner's state, so a file is
 * never added to, confirmed on or removed from an owner that was decided in the meantime.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../errors';
import type { Attachment } from '../schemas/attachment';
import type { Db } from './client';
import { getItem, guard, type Key, queryPrefix, transact } from './items';
import { attachmentKey } from './keys';

/** Pending uploads that are never confirmed disappear after a day (TTL), as evidence files do. */
const PENDING_TTL_SECONDS = 24 * 3600;

/** The owner's item and the state it must still be in; `closedMessage` is the 409 otherwise. */
export interface OwnerGuard {
  key: Key;
  openState: string;
  closedMessage: string;
}

const keyOf = (f: Pick<Attachment, 'year' | 'unitId' | 'ownerId' | 'fileId'>) =>
  attachmentKey(f.year, f.unitId, f.ownerId, f.fileId);

const ownerStillOpen = (db: Db, owner: OwnerGuard) => ({
  ConditionCheck: {
    TableName: db.tableName,
    Key: owner.key,
    ConditionExpression: '#state = :open',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':open': owner.openState },
  },
});

/** An owner's files, pending ones included (the route shows the ready ones). */
export const listAttachments = (db: Db, year: number, unitId: string, ownerId: string) =>
  queryPrefix<Attachment & { expiresAt?: number }>(db, {
    pk: `YEAR#${year}#UNIT#${unitId}`,
    skPrefix: `ATTACH#${ownerId}#`,
  }).then((files) => files.map(({ expiresAt: _ttl, ...file }) => file as Attachment));

export const getAttachment = async (
  db: Db,
  p: Pick<Attachment, 'year' | 'unitId' | 'ownerId' | 'fileId'>,
): Promise<Attachment> => {
  const found = await getItem<Attachment & { expiresAt?: number }>(db, keyOf(p));
  if (!found) throw new NotFoundError('附件');
  const { expiresAt: _ttl, ...file } = found;
  return file;
};

/** Records a signed upload, not confirmed yet; it expires unless confirmed. */
export const createPendingAttachment = (db: Db, file: Attachment, at: Date, owner: OwnerGuard) =>
  transact(
    db,
    [
      ownerStillOpen(db, owner),
      {
        Put: {
          TableName: db.tableName,
          Item: {
            ...keyOf(file),
            entity: 'attachment',
            ...file,
            expiresAt: Math.floor(at.getTime() / 1000) + PENDING_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ],
    owner.closedMessage,
  );

/** Confirms a checked upload: it stops expiring and is listed. */
export const markAttachmentReady = async (db: Db, file: Attachment, owner: OwnerGuard) => {
  await transact(
    db,
    [
      ownerStillOpen(db, owner),
      {
        Update: {
          TableName: db.tableName,
          Key: keyOf(file),
          UpdateExpression: 'SET #state = :ready REMOVE expiresAt',
          ConditionExpression: '#state = :pending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':ready': 'ready', ':pending': 'pending' },
        },
      },
    ],
    owner.closedMessage,
  );
  return { ...file, state: 'ready' as const };
};

/** Removes a file while its owner is still open. */
export const removeAttachment = (db: Db, file: Attachment, owner: OwnerGuard) =>
  transact(
    db,
    [
      ownerStillOpen(db, owner),
      { Delete: { TableName: db.tableName, Key: keyOf(file), ConditionExpression: 'attribute_exists(pk)' } },
    ],
    owner.closedMessage,
  );

/** Drops the record of an upload that failed its checks (the caller removes the object). */
export const discardPendingAttachment = async (db: Db, file: Attachment): Promise<void> => {
  await guard(() => db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: keyOf(file) })));
};
