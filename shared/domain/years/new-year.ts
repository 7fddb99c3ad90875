/**
 * Setting up the next appraisal year (新建考核年度): the bureau keeps last year's weights, caps and
 * windows unless it says otherwise, so the settings are carried over with every window moved to the
 * same calendar day of the new year.
 */
import type { PeriodWindow, Year, YearSettings } from '../../schemas/year';

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
  return problems;
};
