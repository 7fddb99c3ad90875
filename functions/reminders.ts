/**
 * The daily reminders (EventBridge, 09:00 Beijing time; locally `npm run remind` and once a day
 * while `npm start` runs): in-app notifications for every user of a unit that still has items
 * missing N days before its period closes and on the day of close. Running twice on one day
 * writes nothing new. Overdue rectification orders are flagged too: a daily summary to the admins,
 * and one notice to the unit on the first day past the due date.
 */

import { listAgreements } from '../shared/db/agreement-repo';
import type { Db } from '../shared/db/client';
import { createDb, dbConfigFromEnv } from '../shared/db/client';
import { listRectificationsByState } from '../shared/db/inspection-repo';
import { addNotifications, type NewNotification, noteId } from '../shared/db/notification-repo';
import { listUnits, listUnitUsers, listUsers } from '../shared/db/org-repo';
import { listPeriodRecords } from '../shared/db/submission-repo';
import { listYears } from '../shared/db/year-repo';
import { shanghaiDate } from '../shared/domain/inspections/dates';
import { type OverdueNote, planOverdueNotes } from '../shared/domain/inspections/overdue';
import { indicatorsForPeriod } from '../shared/domain/submissions/indicators';
import { periodsToRemind, planReminders, type UnitStanding } from '../shared/domain/submissions/reminders';
import { isHandedIn } from '../shared/domain/submissions/status';
import { beijingDate } from '../shared/domain/submissions/window';

export interface ReminderReport {
  /** Units reminded of a closing period. */
  reminders: number;
  /** Rectification orders past their due date and still open. */
  overdue: number;
  notifications: number;
}

/** Plans and writes today's reminders; `daysBefore` is N (default 3). */
export const runReminders = async (db: Db, now: Date, daysBefore = 3): Promise<ReminderReport> => {
  const years = (await listYears(db)).filter((y) => y.state === 'in_progress');
  const notes: NewNotification[] = [];
  let reminders = 0;
  // One note per user and period per day, stamped 09:00 Beijing time: the id is the same on every run.
  const stamp = new Date(`${beijingDate(now)}T09:00:00+08:00`);
  for (const year of years) {
    const windows = periodsToRemind(year.periods, now);
    if (windows.length === 0) continue;
    const [units, agreements] = await Promise.all([listUnits(db), listAgreements(db, year.year)]);
    const contentOf = new Map(
      agreements
        .filter((a) => a.state === 'signed' || a.state === 'locked')
        .map((a) => [a.unitId, a.dimensions]),
    );
    for (const window of windows) {
      const records = await listPeriodRecords(db, year.year, window.period);
      const handedIn = new Set(
        records.items.filter((i) => isHandedIn(i.status)).map((i) => `${i.unitId}#${i.code}`),
      );
      const extensionOf = new Map(records.extensions.map((e) => [e.unitId, e]));
      const standings: UnitStanding[] = units.flatMap((unit) => {
        const dimensions = contentOf.get(unit.id);
        if (!dimensions) return [];
        const codes = indicatorsForPeriod(dimensions, window.period).map((i) => i.code);
        return [
          {
            unitId: unit.id,
            outstanding: codes.filter((code) => !handedIn.has(`${unit.id}#${code}`)).length,
            extension: extensionOf.get(unit.id) ?? null,
          },
        ];
      });
      const planned = planReminders(year.year, window, standings, now, daysBefore);
      const usersOf = await Promise.all(planned.map((r) => listUnitUsers(db, r.unitId)));
      for (const [i, reminder] of planned.entries()) {
        reminders++;
        for (const user of usersOf[i] ?? []) {
          notes.push({
            id: noteId(stamp, reminder.dedupeKey),
            userId: user.id,
            unitId: reminder.unitId,
            kind: 'reminder',
            title: reminder.title,
            body: reminder.body,
            link: `/submissions?year=${year.year}&period=${reminder.period}`,
            createdAt: stamp.toISOString(),
          });
        }
      }
    }
  }
  const overdue = await overdueRectificationNotes(db, now, stamp);
  notes.push(...overdue.notes);
  return { reminders, overdue: overdue.count, notifications: await addNotifications(db, notes) };
};

/** Overdue rectification orders of the years still running: the admins' summary and the units' notice. */
const overdueRectificationNotes = async (db: Db, now: Date, stamp: Date) => {
  const running = (await listYears(db)).filter((y) => y.state !== 'setup' && y.state !== 'published');
  if (running.length === 0) return { count: 0, notes: [] };
  const [units, users] = await Promise.all([listUnits(db), listUsers(db)]);
  const names = new Map(units.map((u) => [u.id, u.name]));
  const admins = users.filter((u) => u.roles.includes('admin'));
  const notes: NewNotification[] = [];
  let count = 0;
  for (const year of running) {
    const open = await listRectificationsByState(db, year.year, 'open');
    const plan = planOverdueNotes(year.year, open, shanghaiDate(now), (id) => names.get(id) ?? id);
    const note = (userId: string, unitId: string | null, n: OverdueNote): NewNotification => ({
      id: noteId(stamp, n.dedupeKey),
      userId,
      unitId,
      kind: 'rectification',
      title: n.title,
      body: n.body,
      link: `/inspections?year=${year.year}`,
      createdAt: stamp.toISOString(),
    });
    count += plan.overdue;
    const adminNote = plan.admin;
    if (adminNote) notes.push(...admins.map((a) => note(a.id, null, adminNote)));
    for (const n of plan.units) {
      notes.push(...users.filter((u) => u.unitId === n.unitId).map((u) => note(u.id, n.unitId, n)));
    }
  }
  return { count, notes };
};

const daysFromEnv = () => {
  const n = Number(process.env.REMINDER_DAYS_BEFORE ?? 3);
  return Number.isInteger(n) && n > 0 ? n : 3;
};

let db: Db | undefined;

export const handler = async (): Promise<ReminderReport> => {
  db ??= createDb(dbConfigFromEnv());
  return runReminders(db, new Date(), daysFromEnv());
};
