/**
 * Which units get a reminder today: an open period closes (for that unit, its extension included)
 * in exactly `daysBefore` days, or today, and the unit still has indicators not handed in. Pure:
 * the scheduled function and `npm run remind` hand in the period's records and write the result.
 */
import type { Period, PeriodWindow } from '../../schemas/year';
import { beijingDate, daysUntil, type ExtensionTimes, effectiveClose, formatBeijing } from './window';

const PERIOD_LABELS: Record<Period, string> = {
  Q1: '第一季度',
  Q2: '第二季度',
  Q3: '第三季度',
  Q4: '第四季度',
};

export interface UnitStanding {
  unitId: string;
  /** Indicators of the period not yet submitted (absent, draft or returned). */
  outstanding: number;
  extension: ExtensionTimes | null;
}

export interface Reminder {
  unitId: string;
  period: Period;
  daysLeft: number;
  closesAt: string;
  /** Same for every run of the same day: a second run writes nothing new. */
  dedupeKey: string;
  title: string;
  body: string;
}

/** Periods whose window has opened and whose latest possible close has not passed. */
export const periodsToRemind = (
  windows: readonly PeriodWindow[],
  now: Date,
  horizonDays = 60,
): PeriodWindow[] =>
  windows.filter(
    (w) =>
      Date.parse(w.opensAt) <= now.getTime() &&
      Date.parse(w.closesAt) + horizonDays * 86_400_000 >= now.getTime(),
  );

export const planReminders = (
  year: number,
  window: PeriodWindow,
  units: readonly UnitStanding[],
  now: Date,
  daysBefore: number,
): Reminder[] => {
  const today = beijingDate(now);
  return units.flatMap((unit) => {
    if (unit.outstanding === 0) return [];
    const closesAt = effectiveClose(window, unit.extension);
    if (now.getTime() > Date.parse(closesAt)) return [];
    const daysLeft = daysUntil(closesAt, now);
    if (daysLeft !== daysBefore && daysLeft !== 0) return [];
    const label = PERIOD_LABELS[window.period];
    const when = `${formatBeijing(closesAt)}（北京时间）`;
    return [
      {
        unitId: unit.unitId,
        period: window.period,
        daysLeft,
        closesAt,
        dedupeKey: `remind-${year}${window.period}-${today.replace(/-/g, '')}`,
        title: daysLeft === 0 ? `今天截止：${label}材料上报` : `${label}材料上报还有 ${daysLeft} 天截止`,
        body: `${label}材料上报将于 ${when}截止，本单位还有 ${unit.outstanding} 项指标未提交。请填报员尽快填报、上传材料，并由单位负责人提交。`,
      },
    ];
  });
};
