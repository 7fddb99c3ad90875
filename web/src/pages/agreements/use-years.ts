/** The appraisal years for the template and agreement pages, and the one to show first. */
import { api, type Year } from '../../api';
import { useResource } from '../../use-resource';

/** The year in progress (or being set up), else the newest. */
export const defaultYear = (years: readonly Year[]): number | undefined =>
  (years.find((y) => y.state !== 'published') ?? years[0])?.year;

export const useYears = () => useResource(() => api.years.list(), []);

/** `?year=2026` from the address, when it is a number. */
export const yearFromQuery = (): number | undefined => {
  const value = Number(new URLSearchParams(location.search).get('year'));
  return Number.isInteger(value) && value > 2000 ? value : undefined;
};
