/**
 * Queues the outside messages of in-app notifications. Called with the notices as they are written
 * (`addNotifications`), and after a transaction that wrote notices itself (an item returned).
 *
 * Why not in the event's own transaction: the notices are themselves written after the change
 * commits (shared/http/after-commit.ts), one robot message gathers the notices of several users,
 * and a transaction holds at most 100 writes while a reminder run writes hundreds. Instead every
 * outbox item is created by a conditional put on its de-duplication key: a retry or a second,
 * overlapping run queues what is missing and never a message twice.
 */
import {
  type Directory,
  type NoteEvent,
  planMessages,
  type Recipient,
  type RobotTarget,
} from '../domain/notifications/plan';
import type { Db } from './client';
import { getNotifySettings, listContacts, listRobots } from './notify-config-repo';
import { listUsers } from './org-repo';
import { enqueueMessages } from './outbox-repo';

/** Plans and queues the outside messages of `notes`; returns how many were new. */
export const enqueueForNotes = async (db: Db, notes: readonly NoteEvent[], at: Date): Promise<number> => {
  if (notes.length === 0) return 0;
  const settings = await getNotifySettings(db);
  if (
    !notes.some(
      (n) =>
        (settings.events as Record<string, { channels: unknown[] } | undefined>)[n.kind]?.channels.length,
    )
  ) {
    return 0;
  }
  const [users, contacts, robots] = await Promise.all([listUsers(db), listContacts(db), listRobots(db)]);
  const contactOf = new Map(contacts.map((c) => [c.userId, c]));
  const directory: Directory = {
    users: new Map(
      users.map((u): [string, Recipient] => {
        const c = contactOf.get(u.id);
        return [
          u.id,
          {
            roles: u.roles,
            unitId: u.unitId,
            ...(c?.email ? { email: c.email } : {}),
            ...(c?.mobile ? { mobile: c.mobile } : {}),
            emailOptOut: c?.emailOptOut ?? false,
          },
        ];
      }),
    ),
    robots: new Map(robots.map((r) => [r.target as RobotTarget, r.platform])),
  };
  return enqueueMessages(db, planMessages(notes, settings, directory, at), at);
};
