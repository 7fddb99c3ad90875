/**
 * The outbox: one item per outside message, keyed by its de-duplication key, so the conditional
 * put that creates it is what keeps two runs (or a retry) from sending twice. The delivery job
 * claims a message by a conditional update (state and attempts as read), so two jobs never send
 * the same message either.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PlannedMessage } from '../domain/notifications/plan';
import { NotFoundError } from '../errors';
import type { OutboxMessage } from '../schemas/notify';
import type { Db } from './client';
import { getItem, guard, putIfAbsent, stripKeys } from './items';
import { outboxAllQuery, outboxIndexes, outboxKey, outboxStatePk } from './keys';
import { mapLimit } from './parallel';

export type StoredOutboxMessage = OutboxMessage & { address?: string };

/** How long a claimed message may stay `sending` before another run takes it over. */
const CLAIM_MS = 10 * 60_000;
const TTL_SECONDS = 180 * 24 * 3600;

/** Queues planned messages that do not exist yet; returns how many were new. */
export const enqueueMessages = async (
  db: Db,
  planned: readonly PlannedMessage[],
  at: Date,
): Promise<number> => {
  const createdAt = at.toISOString();
  // A conditional put each (the de-duplication), at most 16 in flight: a municipal reminder run plans
  // thousands of messages, which all at once would only be throttled.
  const results = await mapLimit(planned, 16, ({ dedupKey, ...m }) =>
    putIfAbsent(
      db,
      {
        ...outboxKey(dedupKey),
        ...outboxIndexes('queued', m.dueAt, dedupKey, createdAt),
        entity: 'outbox',
        id: dedupKey,
        ...m,
        state: 'queued',
        attempts: 0,
        createdAt,
        expiresAt: Math.floor(at.getTime() / 1000) + TTL_SECONDS,
      },
      { versioned: false },
    ),
  );
  return results.filter(Boolean).length;
};

const toMessage = (item: Record<string, unknown>): StoredOutboxMessage => {
  const { expiresAt: _ttl, ...rest } = stripKeys<StoredOutboxMessage & { expiresAt?: number }>(item);
  return rest;
};

export const getOutboxMessage = async (db: Db, id: string): Promise<StoredOutboxMessage> => {
  const item = await getItem<StoredOutboxMessage>(db, outboxKey(id));
  if (!item) throw new NotFoundError('消息');
  return item;
};

/** Messages of a state due at `now` (queued ones whose time came, `sending` ones whose claim lapsed). */
export const listDue = async (db: Db, state: 'queued' | 'sending', now: Date, limit = 200) => {
  const page = await guard(() =>
    db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
        ExpressionAttributeValues: { ':pk': outboxStatePk(state), ':now': `${now.toISOString()}~` },
        Limit: limit,
      }),
    ),
  );
  return (page.Items ?? []).map(toMessage);
};

/**
 * The latest messages (the admin's 消息发送记录): newest first from gsi2, or of one state from gsi1
 * (latest due first); a channel filters the pages read. At most `limit` (200), reading at most 10 pages.
 */
export const listOutbox = async (
  db: Db,
  filter: { state?: string; channel?: string; limit?: number } = {},
): Promise<OutboxMessage[]> => {
  const limit = filter.limit ?? 200;
  const byState = filter.state !== undefined;
  const found: OutboxMessage[] = [];
  let start: Record<string, unknown> | undefined;
  for (let page = 0; page < 10 && found.length < limit; page++) {
    const res = await guard(() =>
      db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: byState ? 'gsi1' : 'gsi2',
          KeyConditionExpression: byState ? 'gsi1pk = :pk' : 'gsi2pk = :pk',
          ...(filter.channel ? { FilterExpression: 'channel = :channel' } : {}),
          ExpressionAttributeValues: {
            ':pk': byState ? outboxStatePk(filter.state as string) : outboxAllQuery().pk,
            ...(filter.channel ? { ':channel': filter.channel } : {}),
          },
          ScanIndexForward: false,
          Limit: limit,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      ),
    );
    for (const item of res.Items ?? []) {
      const { address: _a, ...m } = toMessage(item);
      found.push(m);
    }
    start = res.LastEvaluatedKey;
    if (!start) break;
  }
  return found.slice(0, limit);
};

/** Moves a message between states when it is still as read; false when someone else moved it first. */
const transition = async (
  db: Db,
  m: StoredOutboxMessage,
  expected: { state: string; attempts: number },
  next: { state: string; dueAt: string; attempts: number } & Partial<
    Pick<OutboxMessage, 'lastError' | 'answer' | 'sentAt'>
  >,
): Promise<boolean> => {
  const idx = outboxIndexes(next.state, next.dueAt, m.id, m.createdAt);
  const sets: Record<string, unknown> = {
    state: next.state,
    dueAt: next.dueAt,
    attempts: next.attempts,
    gsi1pk: idx.gsi1pk,
    gsi1sk: idx.gsi1sk,
    ...(next.lastError !== undefined ? { lastError: next.lastError } : {}),
    ...(next.answer !== undefined ? { answer: next.answer } : {}),
    ...(next.sentAt !== undefined ? { sentAt: next.sentAt } : {}),
  };
  const names = Object.fromEntries(Object.keys(sets).map((k) => [`#${k}`, k]));
  const values = Object.fromEntries(Object.entries(sets).map(([k, v]) => [`:${k}`, v]));
  try {
    await guard(() =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: outboxKey(m.id),
          UpdateExpression: `SET ${Object.keys(sets)
            .map((k) => `#${k} = :${k}`)
            .join(', ')}`,
          ConditionExpression: '#state = :expectedState AND #attempts = :expectedAttempts',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: {
            ...values,
            ':expectedState': expected.state,
            ':expectedAttempts': expected.attempts,
          },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

/** Claims a message for one attempt (due again after CLAIM_MS if the run dies mid-send). */
export const claim = (db: Db, m: StoredOutboxMessage, now: Date) =>
  transition(
    db,
    m,
    { state: m.state, attempts: m.attempts },
    { state: 'sending', attempts: m.attempts + 1, dueAt: new Date(now.getTime() + CLAIM_MS).toISOString() },
  );

/** Records the outcome of a claimed attempt. */
export const settle = (
  db: Db,
  claimed: StoredOutboxMessage,
  outcome:
    | { state: 'sent'; answer: string; at: Date }
    | { state: 'queued'; dueAt: string; lastError: string; answer?: string }
    | { state: 'failed'; lastError: string; answer?: string; at: Date },
) =>
  transition(
    db,
    claimed,
    { state: 'sending', attempts: claimed.attempts },
    outcome.state === 'sent'
      ? {
          state: 'sent',
          attempts: claimed.attempts,
          dueAt: outcome.at.toISOString(),
          answer: outcome.answer,
          sentAt: outcome.at.toISOString(),
        }
      : outcome.state === 'queued'
        ? {
            state: 'queued',
            attempts: claimed.attempts,
            dueAt: outcome.dueAt,
            lastError: outcome.lastError,
            ...(outcome.answer ? { answer: outcome.answer } : {}),
          }
        : {
            state: 'failed',
            attempts: claimed.attempts,
            dueAt: outcome.at.toISOString(),
            lastError: outcome.lastError,
            ...(outcome.answer ? { answer: outcome.answer } : {}),
          },
  );

/** 重发: a failed message is queued again, due now, with a fresh count of attempts. */
export const requeueFailed = async (db: Db, id: string, now: Date): Promise<StoredOutboxMessage> => {
  const m = await getOutboxMessage(db, id);
  const moved =
    m.state === 'failed' &&
    (await transition(
      db,
      m,
      { state: 'failed', attempts: m.attempts },
      { state: 'queued', attempts: 0, dueAt: now.toISOString() },
    ));
  if (!moved) return m;
  return { ...m, state: 'queued', attempts: 0, dueAt: now.toISOString() };
};

export { toMessage as outboxMessageOf };
