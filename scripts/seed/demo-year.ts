/** The demo years: last year published, this year in progress (windows in Asia/Shanghai). */
import type { PeriodWindow, Year } from '../../shared/schemas/year';

/** Quarter-end windows: the last week of the quarter to the 10th of the next month, 09:00–18:00 +08:00. */
export const quarterWindows = (year: number): PeriodWindow[] => [
  { period: 'Q1', opensAt: `${year}-03-25T09:00:00+08:00`, closesAt: `${year}-04-10T18:00:00+08:00` },
  { period: 'Q2', opensAt: `${year}-06-24T09:00:00+08:00`, closesAt: `${year}-07-10T18:00:00+08:00` },
  { period: 'Q3', opensAt: `${year}-09-24T09:00:00+08:00`, closesAt: `${year}-10-10T18:00:00+08:00` },
  { period: 'Q4', opensAt: `${year}-12-20T09:00:00+08:00`, closesAt: `${year + 1}-01-10T18:00:00+08:00` },
];

export const demoYear = (year: number, state: Year['state']): Omit<Year, 'version'> => ({
  year,
  title: `${year}年度卫生健康目标责任考核`,
  state,
  periods: quarterWindows(year),
  periodWeights: { Q1: 10, Q2: 10, Q3: 10, Q4: 70 },
  bonusCapCents: 500,
  penaltyCapCents: 1000,
  excellentQuotaPercent: 20,
  publicityDays: 5,
  history: [{ state: 'setup', at: `${year}-01-05T09:00:00+08:00`, by: 'admin' }],
});
