/**
 * Setting up the next appraisal year (新建考核年度): the bureau keeps last year's weights, caps and
 * windows unless it says otherwise, so the settings are carried over with every window moved to the
 * same calendar day of the new year.
 */

import type { PeriodWindow, Year, YearSettings } from '../../schemas/year';
import { stageSettingsProblems } from '../review-stages/settings';

/**
 * The bureau's usual settings, for its very first year (later years carry the previous one over):
 * quarter-end windows from the last week of the quarter to the 10th of the next month, 09:00–18:00
 * Beijing time; Q4 weighs 70 %; bonuses capped at 5 points, penalties at 10; 20 % 优秀; 5 days of 公示.
 */
export const defaultSettings = (year: number): YearSettings => ({
  periods: [
    { period: 'Q1', opensAt: `${year}-03-25T09:00:00+08:00`, closesAt: `${year}-04-10T18:00:00+08:00` },
    { period: 'Q2', opensAt: `${year}-06-24T09:00:00+08:00`, closesAt: `${year}-07-10T18:00:00+08:00` },
    { period: 'Q3', opensAt: `${year}-09-24T09:00:00+08:00`, closesAt: `${year}-10-10T18:00:00+08:00` },
    { period: 'Q4', opensAt: `${year}-12-20T09:00:00+08:00`, closesAt: `${year + 1}-01-10T18:00:00+08:00` },
  ],
  periodWeights: { Q1: 10, Q2: 10, Q3: 10, Q4: 70 },
  bonusCapCents: 500,
  penaltyCapCents: 1000,
  excellentQuotaPercent: 20,
  publicityDays: 5,
});

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** `2026-12-20T09:00:00+08:00` moved by `years`; 29 February becomes the 28th in a common year. */
export const shiftInstant = (iso: string, years: number): string => {
  const match = /^(\d{4})-(\d{2})-(\d{2})(T.*)$/.exec(iso);
  if (!match) throw new TypeError(`not an ISO instant: ${iso}`);
  const [, y, m, d, rest] = match as unknown as [string, string, string, string, string];
  const year = Number(y) + years;
  const day = m === '02' && d === '29' && !isLeap(year) ? '28' : d;
  return `${String(year).padStart(4, '0')}-${m}-${day}${rest}`;
};

/** Last year's settings for `year`: same weights and caps, windows on the same days. */
export const carryOverSettings = (previous: Year, year: number): YearSettings => {
  const years = year - previous.year;
  return {
    periods: previous.periods.map(
      (w): PeriodWindow => ({
        period: w.period,
        opensAt: shiftInstant(w.opensAt, years),
        closesAt: shiftInstant(w.closesAt, years),
      }),
    ),
    periodWeights: { ...previous.periodWeights },
    bonusCapCents: previous.bonusCapCents,
    penaltyCapCents: previous.penaltyCapCents,
    excellentQuotaPercent: previous.excellentQuotaPercent,
    publicityDays: previous.publicityDays,
    ...(previous.consistency ? { consistency: { ...previous.consistency } } : {}),
  };
};

export interface SettingsProblem {
  path: string;
  message: string;
}

/** What the schema cannot say alone: weights sum to 100, windows in quarter order and not reversed. */
export const settingsProblems = (settings: YearSettings, prefix = 'body.settings'): SettingsProblem[] => {
  const problems: SettingsProblem[] = [];
  const w = settings.periodWeights;
  if (w.Q1 + w.Q2 + w.Q3 + w.Q4 !== 100)
    problems.push({ path: `${prefix}.periodWeights`, message: '四个季度的权重之和须为 100' });
  settings.periods.forEach((window, i) => {
    const expected = `Q${i + 1}`;
    if (window.period !== expected)
      problems.push({ path: `${prefix}.periods.${i}.period`, message: `第 ${i + 1} 个窗口应为 ${expected}` });
    if (Date.parse(window.closesAt) <= Date.parse(window.opensAt))
      problems.push({ path: `${prefix}.periods.${i}.closesAt`, message: '截止时间须晚于开始时间' });
  });
  problems.push(...stageSettingsProblems(settings, prefix));
  return problems;
};
