/**
 * 上报进度 of a city (more than 100 units with an agreement): one category's units read from the server
 * a page at a time (GET …/progress-pages), each page's rows built from its own units' items; above them
 * the year's totals (units submitted, not yet, overdue), counted by the server from one record per unit.
 * The name search goes to the server once typing pauses and back to the first page.
 */
import { useState } from 'preact/hooks';
import { CursorPagination, useCursorPages } from '../../components/CursorPagination';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { useServerSearch } from '../../components/UnitSearch';
import { type Period, type ProgressPage, submissionsApi } from '../submissions/submissions-api';
import { MatrixTable, type UnitRow } from './ProgressMatrix';
import { UnsignedUnits } from './UnsignedUnits';

const TOTALS = [
  ['units', '单位数'],
  ['submitted', '已提交'],
  ['notSubmitted', '未提交'],
  ['overdue', '已逾期'],
] as const;

const Totals = ({ totals }: { totals: NonNullable<ProgressPage['totals']> }) => (
  <section class="stack" aria-labelledby="progress-totals-heading">
    <h2 id="progress-totals-heading">全部单位本期提交情况</h2>
    <dl class="result-summary">
      {TOTALS.map(([key, label]) => (
        <div key={key}>
          <dt>{label}</dt>
          <dd>{totals[key]}</dd>
        </div>
      ))}
    </dl>
  </section>
);

export const CityProgress = ({
  year,
  period,
  categoryId,
  search,
  isAdmin,
  onExtend,
  reloadKey,
}: {
  year: number;
  period: Period;
  categoryId: string;
  search: string;
  isAdmin: boolean;
  onExtend: (row: UnitRow) => void;
  /** Changes after an extension: the page is read again. */
  reloadKey: number;
}) => {
  const asked = useServerSearch(search);
  // The last page read keeps the header (closing time, indicators, totals) while the next loads.
  const [last, setLast] = useState<ProgressPage | null>(null);
  const paged = useCursorPages(async (pageSize, cursor) => {
    const page = await submissionsApi.progressPage(year, period, {
      categoryId,
      search: asked,
      pageSize,
      cursor,
    });
    setLast(page);
    return { items: page.units, next: page.next, total: null };
  }, `${year}|${period}|${categoryId}|${asked}|${reloadKey}`);
  if (paged.status === 'error')
    return (
      <ErrorBanner title="无法加载上报进度" message={paged.error?.message ?? ''}>
        <button type="button" class="button" onClick={paged.reload}>
          重试
        </button>
      </ErrorBanner>
    );
  if (!last) return <Loading />;
  return (
    <>
      {last.totals && <Totals totals={last.totals} />}
      <UnsignedUnits year={year} units={last.unsigned} />
      {paged.rows.length === 0 && paged.page === 1 ? (
        <EmptyState title="没有符合条件的单位" />
      ) : (
        <MatrixTable progress={last} rows={paged.rows} isAdmin={isAdmin} onExtend={onExtend} />
      )}
      <CursorPagination id="progress" label="各单位指标上报状态" paged={paged} unit="个单位" />
    </>
  );
};
