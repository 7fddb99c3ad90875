/**
 * Generic item operations: conditional creates, versioned updates (optimistic locking) and the
 * mapping of DynamoDB failures to domain errors. Entity repositories call these; routes never
 * touch the SDK.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ConflictError, ServiceUnavailableError, StaleVersionError } from '../errors';
import type { Db } from './client';

export type Key = { pk: string; sk: string };
export type Item = Record<string, unknown> & Key & { version?: number };

/** Two writers met on the same records; the one that lost is asked to refresh and retry. */
export const raceConflict = () =>
  new ConflictError('数据正被他人同时修改，请刷新后重试', {}, 'CONCURRENT_CHANGE');

/** The TTL attribute's value (epoch seconds) of an item that should disappear `seconds` after `at`. */
export const expiresAfter = (at: Date, seconds: number) => Math.floor(at.getTime() / 1000) + seconds;

/** Strips the storage attributes so only the entity is returned to callers. */
export const stripKeys = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, entity: _e, ...rest } = item;
  return rest as T;
};

/** Reads one item by key, strongly consistent (the item is about to be shown or updated). */
export const getItem = async <T>(db: Db, key: Key): Promise<T | undefined> => {
  const { Item } = await guard(() =>
    db.doc.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true })),
  );
  return Item ? stripKeys<T>(Item) : undefined;
};

/**
 * Reads many items by key in BatchGetItem calls of 100 keys, strongly consistent, retrying what
 * DynamoDB leaves unprocessed; absent items are skipped. Order is not kept: match by content.
 */
export const getItems = async <T>(db: Db, keys: readonly Key[]): Promise<T[]> => {
  const found: T[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Record<string, unknown>[] = keys.slice(i, i + 100);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** Math.min(attempt, 6)));
      const res = await guard(() =>
        db.doc.send(
          new BatchGetCommand({ RequestItems: { [db.tableName]: { Keys: pending, ConsistentRead: true } } }),
        ),
      );
      for (const item of res.Responses?.[db.tableName] ?? []) found.push(stripKeys<T>(item));
      pending = res.UnprocessedKeys?.[db.tableName]?.Keys ?? [];
    }
  }
  return found;
};

/** Creates an item that must not exist yet; a duplicate becomes a 409 with the given message. */
export const createItem = async (db: Db, item: Item, duplicateMessage: string): Promise<void> => {
  if (!(await putIfAbsent(db, item))) throw new ConflictError(duplicateMessage);
};

/**
 * Writes the item only if it does not exist yet; returns false when it was already there (seeding).
 * The item starts at version 1 unless it has a version, or is not versioned (`versioned: false`).
 */
export const putIfAbsent = async (db: Db, item: Item, { versioned = true } = {}): Promise<boolean> => {
  try {
    await guard(() =>
      db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: versioned ? { version: 1, ...item } : item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

/**
 * Replaces an item if its stored version equals `expectedVersion`, bumping the version.
 * A stale version answers 409 with the current version and value.
 */
export const replaceVersioned = async <T>(db: Db, item: Item, expectedVersion: number): Promise<number> => {
  const next = expectedVersion + 1;
  try {
    await guard(() =>
      db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { ...item, version: next },
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    return next;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      const current = error.Item ? (unmarshallLoose(error.Item) as T & { version?: number }) : undefined;
      throw new StaleVersionError(current?.version, current);
    }
    throw error;
  }
};

/**
 * Every page of one Query, one request at a time: the one pagination loop of the data layer. `start`
 * begins after that key (a server-side page's cursor, built from keys.ts).
 */
export async function* queryPages(
  db: Db,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
  start?: Record<string, unknown>,
) {
  let ExclusiveStartKey: Record<string, unknown> | undefined = start;
  do {
    const page = await guard(() =>
      db.doc.send(new QueryCommand({ TableName: db.tableName, ...input, ExclusiveStartKey })),
    );
    yield page;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

/** Queries every page of a key condition (used for bounded partitions: a unit's year, a category). */
export const queryAll = async <T>(db: Db, input: Omit<QueryCommandInput, 'TableName'>): Promise<T[]> => {
  const items: T[] = [];
  for await (const page of queryPages(db, input)) {
    for (const item of page.Items ?? []) items.push(stripKeys<T>(item));
  }
  return items;
};

type PrefixQuery = { index?: 'gsi1' | 'gsi2'; pk: string; skPrefix?: string };

/** The key condition of a partition (optionally a sort-key prefix) of the table or of an index. */
const prefixCondition = (
  options: PrefixQuery,
): Pick<
  QueryCommandInput,
  'IndexName' | 'KeyConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
> => {
  const pkName = options.index ? `${options.index}pk` : 'pk';
  const skName = options.index ? `${options.index}sk` : 'sk';
  return {
    ...(options.index ? { IndexName: options.index } : {}),
    KeyConditionExpression: options.skPrefix ? '#pk = :pk AND begins_with(#sk, :sk)' : '#pk = :pk',
    ExpressionAttributeNames: options.skPrefix ? { '#pk': pkName, '#sk': skName } : { '#pk': pkName },
    ExpressionAttributeValues: options.skPrefix
      ? { ':pk': options.pk, ':sk': options.skPrefix }
      : { ':pk': options.pk },
  };
};

/** How many items a partition (optionally a sort-key prefix) holds: a counting Query, no items sent back. */
export const countPrefix = async (db: Db, options: PrefixQuery): Promise<number> => {
  let count = 0;
  for await (const page of queryPages(db, { ...prefixCondition(options), Select: 'COUNT' }))
    count += page.Count ?? 0;
  return count;
};

/** Queries a partition (optionally a sort-key prefix) of the table or of an index. */
export const queryPrefix = <T>(db: Db, options: PrefixQuery & { descending?: boolean }): Promise<T[]> =>
  queryAll<T>(db, {
    ...prefixCondition(options),
    ...(options.descending ? { ScanIndexForward: false } : {}),
  });

/**
 * Queries a partition (optionally a sort-key prefix) returning the stored items as they are, index
 * attributes included, only `attributes` of each (a backfill reads what an item lacks).
 */
export const queryPrefixStored = async (
  db: Db,
  options: PrefixQuery,
  attributes: readonly string[],
): Promise<Record<string, unknown>[]> => {
  const names = Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a]));
  const condition = prefixCondition(options);
  const items: Record<string, unknown>[] = [];
  for await (const page of queryPages(db, {
    ...condition,
    ProjectionExpression: Object.keys(names).join(', '),
    ExpressionAttributeNames: { ...condition.ExpressionAttributeNames, ...names },
  }))
    items.push(...(page.Items ?? []));
  return items;
};

/**
 * Writes many items in batches of 25, retrying what DynamoDB leaves unprocessed. Unconditional:
 * only for writing deterministic content (the demo seed, benchmarks), never for user changes.
 */
export const batchPut = async (
  db: Db,
  items: Record<string, unknown>[],
  { parallel = 8 }: { parallel?: number } = {},
): Promise<void> => {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  await Promise.all(
    Array.from({ length: Math.min(parallel, batches.length) }, async () => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        let pending = batch.map((Item) => ({ PutRequest: { Item: { version: 1, ...Item } } }));
        for (let attempt = 0; pending.length > 0; attempt++) {
          const res = await guard(() =>
            db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: pending } })),
          );
          pending = (res.UnprocessedItems?.[db.tableName] ?? []) as typeof pending;
          if (pending.length > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** Math.min(attempt, 6)));
        }
      }
    }),
  );
};

/** One write of a `TransactWriteItems` (Put, Update, Delete or ConditionCheck), its table named. */
export type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Runs a transaction; returns the cancellation reasons (one code per item, `None` for the items that
 * passed) instead of throwing on them, so the caller can say which condition failed.
 */
export const tryTransact = async (db: Db, items: TxItem[]): Promise<string[] | null> => {
  try {
    await guard(() => db.doc.send(new TransactWriteCommand({ TransactItems: items })));
    return null;
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      return error.CancellationReasons?.map((r) => r.Code ?? 'None') ?? ['Unknown'];
    }
    throw error;
  }
};

/** Runs a transaction; a failed condition becomes a 409 with the message given for it. */
export const transact = async (db: Db, items: TxItem[], conflictMessage: string): Promise<void> => {
  const reasons = await tryTransact(db, items);
  if (!reasons) return;
  if (reasons.includes('ConditionalCheckFailed')) throw new ConflictError(conflictMessage, { reasons });
  if (reasons.includes('TransactionConflict'))
    throw new ConflictError('数据正被他人同时修改，请重试', { reasons });
  throw new Error(`transaction cancelled: ${reasons.join(', ')}`);
};

const UNAVAILABLE = new Set([
  'TimeoutError',
  'ECONNREFUSED',
  'ECONNRESET',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
]);

/** Turns "the store is down or overloaded" (after the SDK's retries) into a 503. */
export const guard = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
    if (
      UNAVAILABLE.has(e.name ?? '') ||
      UNAVAILABLE.has(e.code ?? '') ||
      (e.$metadata?.httpStatusCode ?? 0) >= 500 ||
      e.name === 'AggregateError'
    ) {
      throw new ServiceUnavailableError();
    }
    throw error;
  }
};

// ReturnValuesOnConditionCheckFailure hands back raw attribute values; unmarshall them.
const unmarshallLoose = (item: Record<string, unknown>) =>
  stripKeys(unmarshall(item as Parameters<typeof unmarshall>[0]));
