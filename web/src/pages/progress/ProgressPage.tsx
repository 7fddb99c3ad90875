/**
 * 上报进度 (admin, leaders): units × indicators of a period with status colours (and text), counts
 * per unit and per category, filters and 查找单位 with counts, the units without a signed agreement
 * (listed, with their agreement's state), the Excel export, and (admin) extensions per unit. A city's
 * year (more than 100 units with an agreement) reads the matrix a page of units at a time from the
 * server (CityProgress.tsx); a county's reads it whole, as before.
 */

import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Category, Me, Year } from '../../api';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JobButton, JobProgress } from '../../components/JobProgress';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { Pagination, usePagination } from '../../components/Pagination';
import { SelectField } from '../../components/SelectField';
import { FilterCount, matchesUnit, UnitSearch } from '../../components/UnitSearch';
import { useYearChoice } from '../../components/YearChoice';
import { focusWindow, formatDateTime } from '../../format';
import { PERIOD_LABELS } from '../../labels';
import { useJob } from '../../use-job';
import { useResource } from '../../use-resource';
import { CELL_LABELS } from '../submissions/labels';
import { type Period, type Progress, submissionsApi } from '../submissions/submissions-api';
import { CityProgress } from './CityProgress';
import { ExtensionDialog } from './ExtensionDialog';
import { MatrixTable, STATUS_ORDER, type UnitRow } from './ProgressMatrix';
import { UnsignedUnits } from './UnsignedUnits';

const PERIODS: Period[] = ['Q1', 'Q2', 'Q3', 'Q4'];
/** Above this many units with an agreement the matrix is read from the server a page at a time. */
const CITY_ABOVE = 100;

export const ProgressPage = ({ user }: { user: Me }) => {
  const [setup] = useResource(() => Promise.all([api.years.list(), api.categories.list()]), []);
  if (setup.status === 'loading') return <Loading />;
  if (setup.status === 'error') return <ErrorBanner message={setup.error.message} />;
  const [years, categories] = setup.data;
  if (years.length === 0) return <EmptyState title="尚无考核年度" />;
  return <ProgressYears user={user} years={years} categories={categories} />;
};

const ProgressYears = ({ user, years, categories }: { user: Me; years: Year[]; categories: Category[] }) => {
  const { year, chooser } = useYearChoice(years, 'progress-year');
  if (!year) return <EmptyState title="尚无考核年度" />;
  return <ProgressView key={year.year} user={user} year={year} categories={categories} chooser={chooser} />;
};

interface ProgressViewProps {
  user: Me;
  year: Year;
  categories: Category[];
  chooser: JSX.Element | null;
}

const ProgressView = ({ user, year, categories, chooser }: ProgressViewProps) => {
  const [period, setPeriod] = useState<Period>(focusWindow(year.periods, new Date())?.period ?? 'Q1');
  // One small page tells the year's size (its totals count the units with an agreement, by key).
  const [size] = useResource(
    () => submissionsApi.progressPage(year.year, period, { pageSize: 20 }).then((p) => p.totals?.units ?? 0),
    [],
  );
  const city = size.status === 'ready' && size.data > CITY_ABOVE;
  const [categoryId, setCategoryId] = useState('');
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const query = `?${new URLSearchParams({ ...(categoryId ? { categoryId } : {}), ...(status ? { status } : {}) })}`;
  const [progress, reload] = useResource(
    // A county's whole matrix (also when the size could not be told: the whole matrix says why).
    async () =>
      size.status !== 'loading' && !city ? submissionsApi.progress(year.year, period, query) : null,
    [size.status, city, period, query],
  );
  // A city's matrix is one category at a time (an indicator code means another indicator elsewhere).
  const cityCategory = categoryId || categories[0]?.id || '';
  const chosenCategory = city ? cityCategory : categoryId;
  const [extending, setExtending] = useState<UnitRow | null>(null);
  const [reloads, setReloads] = useState(0);
  const isAdmin = user.roles.includes('admin');

  // The workbook is made by a job; its progress and download link show below and survive a reload.
  const exportJob = useJob({ types: ['progress-export'] });
  const exportXlsx = () =>
    exportJob.start(`/api/years/${year.year}/jobs/progress-export`, {
      period,
      ...(chosenCategory ? { categoryId: chosenCategory } : {}),
    });

  return (
    <>
      <PageHeader
        title="上报进度"
        actions={
          <JobButton
            running={exportJob.running}
            onStart={() => void exportXlsx()}
            label="导出 Excel"
            busyLabel="正在导出…"
          />
        }
      >
        <p>
          {year.title} · {PERIOD_LABELS[period]}
          {progress.status === 'ready' &&
            progress.data &&
            `，截止 ${formatDateTime(progress.data.closesAt)}（北京时间）`}
        </p>
      </PageHeader>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        {chooser}
        <SelectField
          inline
          id="progress-period"
          label="考核期"
          value={period}
          options={PERIODS.map((p) => [p, PERIOD_LABELS[p]] as const)}
          onChange={setPeriod}
        />
        <div class="field inline-field">
          <label for="progress-category">单位类别</label>
          <select
            id="progress-category"
            value={chosenCategory}
            onChange={(e) => setCategoryId(e.currentTarget.value)}
          >
            {!city && <option value="">全部类别</option>}
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        {!city && (
          <div class="field inline-field">
            <label for="progress-status">状态</label>
            <select id="progress-status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
              <option value="">全部单位</option>
              {STATUS_ORDER.map((s) => (
                <option key={s} value={s}>
                  有“{CELL_LABELS[s]}”指标的单位
                </option>
              ))}
            </select>
          </div>
        )}
        <UnitSearch id="progress-search" value={search} onChange={setSearch} />
      </form>
      {exportJob.error && <ErrorBanner message={exportJob.error} />}
      {exportJob.job && <JobProgress job={exportJob.job} />}
      {(size.status === 'loading' || progress.status === 'loading') && <Loading />}
      {city && (
        <CityProgress
          year={year.year}
          period={period}
          categoryId={cityCategory}
          search={search}
          isAdmin={isAdmin}
          onExtend={setExtending}
          reloadKey={reloads}
        />
      )}
      {progress.status === 'error' && (
        <ErrorBanner message={progress.error.message}>
          <button type="button" class="button" onClick={reload}>
            重试
          </button>
        </ErrorBanner>
      )}
      {progress.status === 'ready' && progress.data && (
        <>
          <CategorySummary progress={progress.data} />
          <UnsignedUnits
            year={year.year}
            units={progress.data.unsigned.filter((u) => matchesUnit(u.unitName, search))}
          />
          <FilterCount
            shown={progress.data.units.filter((u) => matchesUnit(u.unitName, search)).length}
            total={progress.data.units.length}
          />
          <Matrix
            progress={{
              ...progress.data,
              units: progress.data.units.filter((u) => matchesUnit(u.unitName, search)),
            }}
            isAdmin={isAdmin}
            onExtend={setExtending}
            resetKey={`${period}|${query}|${search}`}
          />
        </>
      )}
      {extending && (
        <ExtensionDialog
          year={year.year}
          period={period}
          row={extending}
          onDone={() => {
            setExtending(null);
            if (city) setReloads((n) => n + 1);
            else reload();
          }}
          onCancel={() => setExtending(null)}
        />
      )}
    </>
  );
};

const CategorySummary = ({ progress }: { progress: Progress }) => (
  <div class="table-wrap">
    <table class="data-table">
      <caption>按类别汇总（指标项数）</caption>
      <thead>
        <tr>
          <th scope="col">类别</th>
          <th scope="col" class="num">
            单位数
          </th>
          {STATUS_ORDER.map((s) => (
            <th key={s} scope="col" class="num">
              {CELL_LABELS[s]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {progress.categories.map((c) => (
          <tr key={c.categoryId}>
            <th scope="row">{c.categoryName}</th>
            <td class="num" data-label="单位数">
              {c.units}
            </td>
            {STATUS_ORDER.map((s) => (
              <td key={s} class="num" data-label={CELL_LABELS[s]}>
                {c.counts[s]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/** A county's whole matrix, paged in the browser. */
const Matrix = ({
  progress,
  isAdmin,
  onExtend,
  resetKey,
}: {
  progress: Progress;
  isAdmin: boolean;
  onExtend: (row: UnitRow) => void;
  /** The filters: changing them goes back to page 1. */
  resetKey: string;
}) => {
  const paged = usePagination(progress.units, resetKey);
  if (progress.units.length === 0) return <EmptyState title="没有符合条件的单位" />;
  return (
    <>
      <MatrixTable progress={progress} rows={paged.rows} isAdmin={isAdmin} onExtend={onExtend} />
      <Pagination id="progress" label="各单位指标上报状态" paged={paged} unit="个单位" />
    </>
  );
};
