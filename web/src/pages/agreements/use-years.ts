/** The appraisal years for the template and agreement pages, and the one to show first. */
import { api, type Year } from '../../api';
import { useResource } from '../../use-resource';

/** The year in progress (or being set up), else the newest. */
export const defaultYear = (years: readonly Year[]): number | undefined =>
  (years.find((y) => y.state !== 'published') ?? years[0])?.year;

/**
 * The year whose inspections, rectifications and proposals are being worked: `?year=` when given,
 * else the newest year under way (进行中, 评分, 公示), so setting up next year does not hide this one's.
 */
export const workingYear = (years: readonly Year[]): number | undefined => {
  const asked = yearFromQuery();
  if (asked !== undefined && years.some((y) => y.year === asked)) return asked;
  const running = years.filter(
    (y) => y.state === 'in_progress' || y.state === 'scoring' || y.state === 'publicity',
  );
  return (running[0] ?? years[0])?.year;
};

export const useYears = () => useResource(() => api.years.list(), []);

/** `?year=2026` from the address, when it is a number. */
export const yearFromQuery = (): number | undefined => {
  const value = Number(new URLSearchParams(location.search).get('year'));
  return Number.isInteger(value) && value > 2000 ? value : undefined;
};
