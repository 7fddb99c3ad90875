/**
 * The year a daily-work page shows (季度上报, 考核评分, 上报进度, 检查记录, 加扣分与否决): `?year=`
 * when given, else the year under way (not one just set up), with a chooser that reaches every year
 * and keeps the choice in the address (replaced, so reload and links show the same year).
 */
import { useState } from 'preact/hooks';
import type { Year } from '../api';
import { YEAR_STATE_LABELS } from '../labels';
import { workingYear } from '../pages/agreements/use-years';
import { SelectField } from './SelectField';

/** Puts `?year=` (and keeps the other parameters) in the address without a history entry. */
const rememberYear = (year: number) => {
  const query = new URLSearchParams(location.search);
  query.set('year', String(year));
  history.replaceState(history.state, '', `${location.pathname}?${query}`);
};

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
