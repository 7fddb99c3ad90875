/**
 * Stored files, whoever owns them: an indicator's evidence (owner: the submission item) or an
 * attachment (owner: an inspection, a rectification order or a proposal). One code path for both:
 * every write is one transaction with the owner's condition (still editable, still open), and a
 * confirmation also raises the owner's file count under the limit, so the limit holds however many
 * confirmations run at once (a count read first and written later would let 30 through).
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { MAX_FILES_PER_ITEM } from '../domain/submissions/evidence';
import { type AppError, ConflictError, NotFoundError } from '../errors';
import type { Db } from './client';
import {
  expiresAfter,
  getItem,
  guard,
  putIfAbsent,
  queryPrefix,
  raceConflict,
  type TxItem,
  tryTransact,
} from './items';
import { fileCountKey, storedFileKey, storedFilePrefix } from './keys';

/** Pending uploads that are never confirmed disappear after a day (TTL). */
const PENDING_TTL_SECONDS = 24 * 3600;
/** Confirmations of one owner's files meet on its count; the losers of a meeting try again. */
const CONFLICT_ATTEMPTS = 12;

/** What every stored file has that this module reads. */
export interface StoredFileBase {
  fileId: string;
  state: 'pending' | 'ready';
}

/** The owner of some files: where they are stored and what must hold while they change. */
export interface FileOwner {
  year: number;
  unitId: string;
  /** The owner's part of the file keys (`keys.ts`: evidenceOwnerRef, attachmentOwnerRef). */
  ref: string;
  entity: 'evidence-file' | 'attachment';
  /** The transaction part that holds while the owner's files may change. */
  stillOpen: (db: Db) => TxItem;
  /** Explains a failed `stillOpen` (locked, decided, or a race). */
  closedError: (db: Db) => Promise<AppError>;
  /** What a file is called in answers: 材料文件, 附件. */
  noun: string;
  /** The 409 message when the owner has all the files it may have. */
  limitMessage: string;
}

/** The owner already has MAX_FILES_PER_ITEM confirmed files. */
export class TooManyFilesError extends ConflictError {
  constructor(owner: FileOwner) {
    super(owner.limitMessage, { limit: MAX_FILES_PER_ITEM }, 'TOO_MANY_FILES');
  }
}

const keyOf = (owner: FileOwner, fileId: string) =>
  storedFileKey(owner.year, owner.unitId, owner.ref, fileId);
const countKey = (owner: FileOwner) => fileCountKey(owner.year, owner.unitId, owner.ref);
const withoutTtl = <T>({ expiresAt: _ttl, ...file }: T & { expiresAt?: number }) => file as T;
const pause = (attempt: number) =>
  new Promise((r) => setTimeout(r, (10 + Math.random() * 40) * (attempt + 1)));

/** An owner's files, pending ones included (the callers show the ready ones). */
export const listStoredFiles = async <T extends StoredFileBase>(db: Db, owner: FileOwner): Promise<T[]> =>
  (
    await queryPrefix<T & { expiresAt?: number }>(db, {
      pk: keyOf(owner, '').pk,
      skPrefix: storedFilePrefix(owner.ref),
    })
  ).map(withoutTtl);

export const getStoredFile = async <T extends StoredFileBase>(
  db: Db,
  owner: FileOwner,
  fileId: string,
): Promise<T> => {
  const file = await getItem<T & { expiresAt?: number }>(db, keyOf(owner, fileId));
  if (!file) throw new NotFoundError(owner.noun);
  return withoutTtl(file);
};

/**
 * How many confirmed files the owner has. The count item is created from the files themselves the
 * first time it is needed (files written before it existed, or by the seed, are counted).
 */
export const readyFileCount = async (db: Db, owner: FileOwner): Promise<number> => {
  const stored = await getItem<{ ready: number }>(db, countKey(owner));
  if (stored) return stored.ready;
  const ready = (await listStoredFiles(db, owner)).filter((f) => f.state === 'ready').length;
  await putIfAbsent(db, { ...countKey(owner), entity: 'file-count', ready }, { versioned: false });
  return (await getItem<{ ready: number }>(db, countKey(owner)))?.ready ?? ready;
};

/** Runs the owner's transaction again while it only met another writer of the same count. */
const transactRetrying = async (db: Db, items: () => TxItem[]): Promise<string[] | null> => {
  for (let attempt = 0; ; attempt++) {
    const reasons = await tryTransact(db, items());
    if (!reasons?.includes('TransactionConflict') || attempt + 1 >= CONFLICT_ATTEMPTS) return reasons;
    await pause(attempt);
  }
};

/** Records a signed upload that has not been confirmed yet; it expires unless confirmed. */
export const createPendingStoredFile = async <T extends StoredFileBase>(
  db: Db,
  owner: FileOwner,
  file: T,
  at: Date,
): Promise<void> => {
  const reasons = await tryTransact(db, [
    owner.stillOpen(db),
    {
      Put: {
        TableName: db.tableName,
        Item: {
          ...keyOf(owner, file.fileId),
          entity: owner.entity,
          ...file,
          expiresAt: expiresAfter(at, PENDING_TTL_SECONDS),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ]);
  if (reasons) throw reasons[0] === 'ConditionalCheckFailed' ? await owner.closedError(db) : raceConflict();
};

/**
 * Confirms a checked upload: it stops expiring, is listed, and counts. The owner's count rises in
 * the same transaction, on condition it is under the limit: a confirmation beyond it is refused
 * (TooManyFilesError) and the caller discards the upload. A second confirmation answers the first.
 */
export const markStoredFileReady = async <T extends StoredFileBase>(
  db: Db,
  owner: FileOwner,
  file: T,
): Promise<T> => {
  await readyFileCount(db, owner);
  const reasons = await transactRetrying(db, () => [
    owner.stillOpen(db),
    {
      Update: {
        TableName: db.tableName,
        Key: keyOf(owner, file.fileId),
        UpdateExpression: 'SET #state = :ready REMOVE expiresAt',
        ConditionExpression: '#state = :pending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':ready': 'ready', ':pending': 'pending' },
      },
    },
    {
      Update: {
        TableName: db.tableName,
        Key: countKey(owner),
        UpdateExpression: 'SET ready = ready + :one',
        ConditionExpression: 'ready < :max',
        ExpressionAttributeValues: { ':one': 1, ':max': MAX_FILES_PER_ITEM },
      },
    },
  ]);
  if (!reasons) return { ...file, state: 'ready' };
  if (reasons[0] === 'ConditionalCheckFailed') throw await owner.closedError(db);
  if (reasons[1] === 'ConditionalCheckFailed') {
    // Confirmed twice (a retried request, a double click): the first one did the work.
    const stored = await getItem<T>(db, keyOf(owner, file.fileId));
    if (stored?.state === 'ready') return withoutTtl(stored);
    if (!stored) throw new NotFoundError(owner.noun);
  }
  if (reasons[2] === 'ConditionalCheckFailed') throw new TooManyFilesError(owner);
  throw raceConflict();
};

/** Removes a file while its owner is open; a confirmed file leaves the owner's count too. */
export const removeStoredFile = async (db: Db, owner: FileOwner, file: StoredFileBase): Promise<void> => {
  if (file.state === 'ready') await readyFileCount(db, owner);
  const reasons = await transactRetrying(db, () => [
    owner.stillOpen(db),
    {
      Delete: {
        TableName: db.tableName,
        Key: keyOf(owner, file.fileId),
        ConditionExpression: '#state = :state',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':state': file.state },
      },
    },
    ...(file.state === 'ready'
      ? [
          {
            Update: {
              TableName: db.tableName,
              Key: countKey(owner),
              UpdateExpression: 'SET ready = ready - :one',
              ConditionExpression: 'ready > :zero',
              ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
            },
          },
        ]
      : []),
  ]);
  if (!reasons) return;
  if (reasons[0] === 'ConditionalCheckFailed') throw await owner.closedError(db);
  if (reasons[1] === 'ConditionalCheckFailed' && !(await getItem(db, keyOf(owner, file.fileId))))
    throw new NotFoundError(owner.noun);
  throw raceConflict();
};

/** Drops the record of an upload that failed its checks or the limit (the caller removes the object). */
export const discardPendingStoredFile = async (db: Db, owner: FileOwner, fileId: string): Promise<void> => {
  try {
    await guard(() =>
      db.doc.send(
        new DeleteCommand({
          TableName: db.tableName,
          Key: keyOf(owner, fileId),
          ConditionExpression: '#state = :pending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':pending': 'pending' },
        }),
      ),
    );
  } catch (error) {
    // Confirmed or gone meanwhile: nothing pending to drop.
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
  }
};
