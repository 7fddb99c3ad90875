/**
 * Computed records too large for one item (400 KB): the value's JSON gzip-compressed and cut in
 * parts of at most `PART_BYTES`, each part an item of its own, read back in key order.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client';
import { guard, type TxItem } from './items';
import { mapLimit } from './parallel';

export const PART_BYTES = 300_000;

/** The value's gzip-compressed JSON in parts of at most PART_BYTES. */
export const gzipParts = (value: unknown): Buffer[] => {
  const packed = gzipSync(Buffer.from(JSON.stringify(value)));
  const parts: Buffer[] = [];
  for (let at = 0; at < packed.length; at += PART_BYTES) parts.push(packed.subarray(at, at + PART_BYTES));
  return parts;
};

/**
 * Writes the value's parts, four at a time, each under `keyOf(part)`; answers how many. The keys
 * must be the writer's own (a job's, or a fresh id's): the record naming the parts is written after
 * them, so a reader never sees a part half-written, and a writer that stops leaves parts nobody names.
 * With `expiresAt` (epoch seconds) such leftovers go by the table's TTL unless the record naming
 * them removes it when it commits (see `keepPartsTxItems`).
 */
export const putGzipParts = async (
  db: Db,
  value: unknown,
  keyOf: (part: number) => { pk: string; sk: string },
  entity: string,
  expiresAt?: number,
): Promise<number> => {
  const parts = gzipParts(value);
  const ttl = expiresAt === undefined ? {} : { expiresAt };
  await mapLimit(
    parts.map((data, i) => ({ data, i })),
    4,
    ({ data, i }) =>
      guard(() =>
        db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...keyOf(i), entity, data, ...ttl } })),
      ),
  );
  return parts.length;
};

/**
 * The transaction items that keep `count` parts written with an `expiresAt`: each loses it in the
 * transaction that writes the record naming them, so parts are kept exactly when that record is.
 * Small updates, so a municipal year's 15 parts fit where their 4.2 MB would not.
 */
export const keepPartsTxItems = (
  db: Db,
  count: number,
  keyOf: (part: number) => { pk: string; sk: string },
): TxItem[] =>
  Array.from({ length: count }, (_, i) => ({
    Update: {
      TableName: db.tableName,
      Key: keyOf(i),
      UpdateExpression: 'REMOVE expiresAt',
      ConditionExpression: 'attribute_exists(pk)',
    },
  }));

/** The value back from its parts' data, in order. */
export const fromGzipParts = <T>(parts: readonly { data: Uint8Array }[]): T =>
  JSON.parse(gunzipSync(Buffer.concat(parts.map((p) => Buffer.from(p.data)))).toString('utf8')) as T;
