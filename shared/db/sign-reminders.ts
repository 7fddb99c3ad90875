/**
 * 提醒签订: the heads of a category's issued, unsigned agreements get an in-app notice. One notice per
 * head, agreement revision and Beijing day (the id is derived from them), so a second click the
 * same day writes nothing new and says so.
 */
import { beijingDate } from '../domain/submissions/window';
import { NotFoundError } from '../errors';
import type { Agreement } from '../schemas/agreement';
import { listAgreements } from './agreement-repo';
import type { Db } from './client';
import { addNotifications, type NewNotification, noteId } from './notification-repo';
import { listCategories } from './org-repo';
import { mapLimit } from './parallel';
import { notesForUnit } from './unit-notes';

export interface SignReminderResult {
  /** Units whose agreement waits for a signature. */
  units: number;
  /** Notices written now (0 when every head was already reminded today). */
  notified: number;
  /** Units with no head account to tell. */
  withoutHead: string[];
}

/** Reminds the heads of the unsigned (issued) agreements of one category of the year. */
export const remindToSign = async (
  db: Db,
  { year, categoryId, at }: { year: number; categoryId: string; at: Date },
): Promise<SignReminderResult> => {
  const [categories, agreements] = await Promise.all([
    listCategories(db),
    listAgreements(db, year, categoryId),
  ]);
  if (!categories.some((c) => c.id === categoryId)) throw new NotFoundError('该单位类别');
  const waiting = agreements.filter((a) => a.state === 'issued');
  const day = new Date(`${beijingDate(at)}T00:00:00+08:00`);
  // One Query of a unit's users each, a few at a time (a city's category holds hundreds of units).
  const perUnit = await mapLimit(waiting, 8, (a) => noticesFor(db, a, day, at));
  const notes = perUnit.flat();
  return {
    units: waiting.length,
    notified: await addNotifications(db, notes),
    withoutHead: waiting.filter((_, i) => perUnit[i]?.length === 0).map((a) => a.unitName),
  };
};

const noticesFor = async (db: Db, a: Agreement, day: Date, at: Date): Promise<NewNotification[]> =>
  (
    await notesForUnit(
      db,
      a.unitId,
      at,
      {
        kind: 'sign_reminder',
        title: `请签订 ${a.year} 年度目标管理责任书`,
        body: `考核办提醒：${a.unitName}的 ${a.year} 年度目标管理责任书（第 ${a.revision} 版）已下达，尚未签订，请尽快审阅并签订。`,
        link: `/agreements/${a.year}/${encodeURIComponent(a.unitId)}`,
      },
      ['unit_head'],
    )
  ).map((note) => ({ ...note, id: noteId(day, `sign-${a.year}-r${a.revision}`) }));
