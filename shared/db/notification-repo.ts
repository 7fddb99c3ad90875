/**
 * In-app notifications (pattern 20): one item per user and message under `USER#<id>`, newest first
 * by id. Reminders use ids derived from the day and the period, so a second run on the same day
 * writes nothing new. Notifications expire after 180 days (TTL).
 */
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../errors';
import type { Notification } from '../schemas/submission';
import type { Db } from './client';
import { guard, queryPages, stripKeys } from './items';
import { noteIdOf, notificationIndexes, notificationKey, userNotesQuery } from './keys';

const TTL_SECONDS = 180 * 24 * 3600;
/** The list shows the latest ones; older ones stay countable until they expire. */
const LIST_LIMIT = 50;

/** `20260405T091500-<suffix>`: sorts by time, and is safe in a URL path. */
export const noteId = (at: Date, suffix: string = randomUUID().slice(0, 8)) =>
  `${at.toISOString().replace(/[-:]/g, '').slice(0, 15)}-${suffix}`;

export type NewNotification = Omit<Notification, 'read'>;

/** The stored form of a notification, for a transaction of the caller's (a return and its notice). */
export const notificationRecord = (note: NewNotification) => ({
  ...notificationKey(note.userId, note.id),
  ...notificationIndexes(note.unitId, note.id),
  entity: 'notification',
  ...note,
  read: false,
  expiresAt: Math.floor(Date.parse(note.createdAt) / 1000) + TTL_SECONDS,
});

/**
 * Writes notifications that do not exist yet and queues their outside messages (企业微信, 钉钉,
 * e-mail; de-duplicated by the outbox, so all notes are offered, new or not); returns how many
 * notifications were new.
 */
export const addNotifications = async (db: Db, notes: readonly NewNotification[]): Promise<number> => {
  let created = 0;
  for (let i = 0; i < notes.length; i += 25) {
    await Promise.all(
      notes.slice(i, i + 25).map(async (note) => {
        try {
          await guard(() =>
            db.doc.send(
              new PutCommand({
                TableName: db.tableName,
                Item: notificationRecord(note),
                ConditionExpression: 'attribute_not_exists(pk)',
              }),
            ),
          );
          created++;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }),
    );
  }
  const first = notes[0];
  // Loaded on first use: the planning code stays out of the API's cold start.
  if (first) await (await import('../notify/admin')).enqueueForNotes(db, notes, new Date(first.createdAt));
  return created;
};

const userNotes = (userId: string) => ({
  KeyConditionExpression: 'pk = :pk AND begins_with(sk, :note)',
  ExpressionAttributeValues: {
    ':pk': userNotesQuery(userId).pk,
    ':note': userNotesQuery(userId).skPrefix,
  } as Record<string, unknown>,
});

/** The latest notifications of a user, newest first, and how many are unread. */
export const listNotifications = async (db: Db, userId: string) => {
  const [page, unread] = await Promise.all([
    guard(() =>
      db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          ...userNotes(userId),
          ScanIndexForward: false,
          Limit: LIST_LIMIT,
        }),
      ),
    ),
    countUnread(db, userId),
  ]);
  const items = (page.Items ?? []).map((item) => {
    const { expiresAt: _ttl, ...rest } = stripKeys<Notification & { expiresAt?: number }>(item);
    return rest;
  });
  return { items, unread };
};

/** Unread notifications of a user (a filtered Query that only counts). */
export const countUnread = async (db: Db, userId: string): Promise<number> => {
  let count = 0;
  const pages = queryPages(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :note)',
    FilterExpression: '#read = :false',
    ExpressionAttributeNames: { '#read': 'read' },
    ExpressionAttributeValues: {
      ':pk': userNotesQuery(userId).pk,
      ':note': userNotesQuery(userId).skPrefix,
      ':false': false,
    },
    Select: 'COUNT',
  });
  for await (const page of pages) count += page.Count ?? 0;
  return count;
};

/** Marks one of the user's notifications read (another user's id is simply not found). */
export const markRead = async (db: Db, userId: string, id: string): Promise<void> => {
  try {
    await guard(() =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: notificationKey(userId, id),
          UpdateExpression: 'SET #read = :true',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#read': 'read' },
          ExpressionAttributeValues: { ':true': true },
        }),
      ),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new NotFoundError('通知');
    throw error;
  }
};

/** Marks every unread notification of the user read; returns how many changed. */
export const markAllRead = async (db: Db, userId: string): Promise<number> => {
  const unread: string[] = [];
  const pages = queryPages(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :note)',
    FilterExpression: '#read = :false',
    ProjectionExpression: 'sk',
    ExpressionAttributeNames: { '#read': 'read' },
    ExpressionAttributeValues: {
      ':pk': userNotesQuery(userId).pk,
      ':note': userNotesQuery(userId).skPrefix,
      ':false': false,
    },
  });
  for await (const page of pages) {
    for (const item of page.Items ?? []) unread.push(noteIdOf(String(item.sk)));
  }
  for (let i = 0; i < unread.length; i += 25) {
    await Promise.all(unread.slice(i, i + 25).map((id) => markRead(db, userId, id).catch(() => undefined)));
  }
  return unread.length;
};
