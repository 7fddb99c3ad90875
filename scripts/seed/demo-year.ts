/** The demo years: last year published, this year in progress (windows in Asia/Shanghai). */
import { defaultSettings } from '../../shared/domain/years/new-year';
import type { PeriodWindow, Year } from '../../shared/schemas/year';

/** The demo bureau keeps the usual settings (shared/domain/years/new-year.ts). */
export const quarterWindows = (year: number): PeriodWindow[] => defaultSettings(year).periods;

export const demoYear = (year: number, state: Year['state']): Omit<Year, 'version'> => ({
  year,
  title: `${year}年度卫生健康目标责任考核`,
  state,
  ...defaultSettings(year),
  history: [{ state: 'setup', at: `${year}-01-05T09:00:00+08:00`, by: 'admin' }],
});
