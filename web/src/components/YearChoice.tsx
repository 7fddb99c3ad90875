/**
 * The year (and period) a daily-work page shows (季度上报, 考核评分, 上报进度, 检查记录, 加减分与否决): `?year=`
 * when given, else the year under way (not one just set up), with a chooser that reaches every year
 * and keeps the choice in the address (replaced, so reload and links show the same year).
 */
import { useState } from 'preact/hooks';
import type { Period, Year } from '../api';
import { PERIOD_LABELS, YEAR_STATE_LABELS } from '../labels';
import { workingYear } from '../pages/agreements/use-years';
import { SelectField } from './SelectField';

/** Puts `?name=value` (and keeps the other parameters) in the address without a history entry. */
const remember = (name: string, value: string | number) => {
  const query = new URLSearchParams(location.search);
  query.set(name, String(value));
  history.replaceState(history.state, '', `${location.pathname}?${query}`);
};
const rememberYear = (year: number) => remember('year', year);

const PERIODS: Period[] = ['Q1', 'Q2', 'Q3', 'Q4'];

/** `?period=` when it names a period. */
export const periodFromQuery = (): Period | undefined =>
  PERIODS.find((p) => p === new URLSearchParams(location.search).get('period'));

/** The 考核期 chooser of a page whose period is kept in the address (`?period=`). */
export const PeriodSelect = ({
  id,
  value,
  onChange,
}: {
  id: string;
  value: Period;
  onChange: (period: Period) => void;
}) => (
  <SelectField
    inline
    id={id}
    label="考核期"
    value={value}
    options={PERIODS.map((p) => [p, PERIOD_LABELS[p]] as const)}
    onChange={(period) => {
      remember('period', period);
      onChange(period);
    }}
  />
);

/** The chooser's options: every year with where it stands (2027 年度（年初设置）). */
export const yearOptions = (years: readonly Year[]) =>
  years.map((y) => [y.year, `${y.year} 年度（${YEAR_STATE_LABELS[y.state]}）`] as const);

export const useYearChoice = (years: readonly Year[], id: string) => {
  const [year, setYear] = useState<number | undefined>(() => workingYear(years));
  const chooser =
    year === undefined ? null : <YearSwitch id={id} years={years} value={year} onChange={setYear} />;
  return { year: years.find((y) => y.year === year), chooser };
};

/**
 * The chooser for a page that reads its year from the address (`workingYear`): a choice is put in
 * the address, then `onChange` re-renders the page.
 */
export const YearSwitch = ({
  id,
  years,
  value,
  onChange,
}: {
  id: string;
  years: readonly Year[];
  value: number;
  onChange: (year: number) => void;
}) =>
  years.length > 1 ? (
    <SelectField
      inline
      id={id}
      label="考核年度"
      value={value}
      options={yearOptions(years)}
      onChange={(year) => {
        rememberYear(year);
        onChange(year);
      }}
    />
  ) : null;
