/** What the results pages share: which quarter to show by default, score rates, labels. */
import type { Period, Results, UnitResult, Year } from '../../api';

export const PERIODS: readonly Period[] = ['Q1', 'Q2', 'Q3', 'Q4'];

export const AS_OF_LABELS: Record<Period, string> = {
  Q1: '截至第一季度',
  Q2: '截至第二季度',
  Q3: '截至第三季度',
  Q4: '全年（截至第四季度）',
};

/** The last period whose window has opened (Q1 before any has). */
export const currentQuarter = (year: Year, now: Date): Period =>
  [...year.periods].reverse().find((w) => new Date(w.opensAt) <= now)?.period ?? 'Q1';

/** A year still running is shown as of its current quarter; a finished one as the full year. */
export const isRunning = (year: Year): boolean => year.state === 'setup' || year.state === 'in_progress';

export const defaultAsOf = (year: Year, now: Date): Period =>
  isRunning(year) ? currentQuarter(year, now) : 'Q4';

/** Quarter views (anything but a finished year's full year) show the score rate. */
export const isQuarterView = (year: Year, asOf: Period): boolean => asOf !== 'Q4' || isRunning(year);

/** base / max in percent; null when nothing has been assessed yet. */
export const scoreRate = (unit: Pick<UnitResult, 'baseCents' | 'maxCents'>): number | null =>
  unit.maxCents > 0 ? (unit.baseCents / unit.maxCents) * 100 : null;

/** A quarter view's grade is the engine's 预计等级, graded on the score rate, and says so. */
export const gradeLabel = (results: Pick<Results, 'asOfPeriod'>): string =>
  results.asOfPeriod === 'Q4' ? '等级' : '预计等级（按得分率）';

export const formatRate = (rate: number | null): string => (rate === null ? '—' : `${rate.toFixed(1)}%`);

export const WARNING_RATE = 60;

export const GRADES = ['优秀', '良好', '合格', '不合格'] as const;

export const GRADE_CLASS: Record<UnitResult['grade'], string> = {
  优秀: 'grade grade-excellent',
  良好: 'grade grade-good',
  合格: 'grade grade-pass',
  不合格: 'grade grade-fail',
};

export const FLAG_LABELS: Record<UnitResult['leaves'][number]['flags'][number], string> = {
  missing: '未核定/无数据',
  unverified: '已填报未核定',
  not_yet_assessed: '尚未考核',
};

export const PERIOD_STATUS_LABELS: Record<UnitResult['leaves'][number]['periods'][number]['status'], string> =
  {
    scored: '已计分',
    missing: '无核定值',
    unverified: '已填报未核定',
  };

/** Reads `?year=` and `?asOf=` of the current address. */
export const queryParam = (name: string): string | null => new URLSearchParams(location.search).get(name);

export const isPeriod = (value: string | null): value is Period =>
  value !== null && (PERIODS as readonly string[]).includes(value);
