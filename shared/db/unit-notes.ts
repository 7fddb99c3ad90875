/**
 * Notifications addressed to the people of a unit (its reporters and head, or only some roles):
 * built here, written by the caller (inside its own transaction where the event is a write).
 */
import type { Role } from '../auth/roles';
import type { Db } from './client';
import { type NewNotification, noteId } from './notification-repo';
import { listUnitUsers } from './org-repo';

export type UnitNote = Pick<NewNotification, 'kind' | 'title' | 'body' | 'link'>;

/** One notification per user of the unit holding one of `roles` (every user of it when omitted). */
export const notesForUnit = async (
  db: Db,
  unitId: string,
  at: Date,
  note: UnitNote,
  roles?: readonly Role[],
): Promise<NewNotification[]> =>
  (await listUnitUsers(db, unitId))
    .filter((user) => !roles || user.roles.some((r) => roles.includes(r)))
    .map((user) => ({
      ...note,
      id: noteId(at),
      userId: user.id,
      unitId,
      createdAt: at.toISOString(),
    }));
