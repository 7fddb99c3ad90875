/**
 * Idempotency records (pattern 23): the stored answer of a request, keyed by its scope and the
 * client's key. The record joins the transaction of the write it answers for, so it exists exactly
 * when the write does; a retry is answered from it.
 */
import { IdempotencyKeyReusedError } from '../errors';
import type { Db } from './client';
import { expiresAfter, getItem, type TxItem } from './items';
import { idempotencyKey } from './keys';

/** Idempotency records answer retries for a day, then expire. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

export interface Idempotency {
  scope: string;
  key: string;
  /** The request it answers: a retry must carry the same one. */
  fingerprint: string;
}

interface IdempotencyRecord {
  fingerprint: string;
  status: number;
  body: unknown;
}

/** The stored answer of an earlier request with this key, if any. */
export const replayOf = async <T>(db: Db, idem: Idempotency): Promise<T | undefined> => {
  const record = await getItem<IdempotencyRecord>(db, idempotencyKey(idem.scope, idem.key));
  if (!record) return undefined;
  if (record.fingerprint !== idem.fingerprint) throw new IdempotencyKeyReusedError();
  return record.body as T;
};

/** The transaction part that stores the answer; a second request with the key fails its condition. */
export const idempotencyPut = (db: Db, idem: Idempotency, body: unknown, at: Date): TxItem => ({
  Put: {
    TableName: db.tableName,
    Item: {
      ...idempotencyKey(idem.scope, idem.key),
      entity: 'idempotency',
      fingerprint: idem.fingerprint,
      status: 200,
      body,
      createdAt: at.toISOString(),
      expiresAt: expiresAfter(at, IDEMPOTENCY_TTL_SECONDS),
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});
