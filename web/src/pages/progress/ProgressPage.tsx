/**
 * 上报进度 (admin, leaders): units × indicators of a period with status colours (and text), counts
 * per unit and per category, filters and 查找单位 with counts, the units without a signed agreement
 * (listed, with their agreement's state), the Excel export, and (admin) extensions per unit.
 */

import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Category, Me, Year } from '../../api';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DATE_INPUT } from '../../components/date-input';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { JobButton, JobProgress } from '../../components/JobProgress';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { Pagination, usePagination } from '../../components/Pagination';
import { SelectField } from '../../components/SelectField';
import { FilterCount, matchesUnit, UnitSearch } from '../../components/UnitSearch';
import { useYearChoice } from '../../components/YearChoice';
import { focusWindow, formatDateTime } from '../../format';
import { PERIOD_LABELS } from '../../labels';
import { useJob } from '../../use-job';
import { toApiError, useResource } from '../../use-resource';
import { CELL_LABELS, statusClass } from '../submissions/labels';
import { type Period, type Progress, submissionsApi } from '../submissions/submissions-api';
import { UnsignedUnits } from './UnsignedUnits';

const PERIODS: Period[] = ['Q1', 'Q2', 'Q3', 'Q4'];
const STATUS_ORDER = ['missing', 'draft', 'submitted', 'returned', 'resubmitted', 'accepted'] as const;
type CellStatus = (typeof STATUS_ORDER)[number];

/** Short cell text (the colour never carries the meaning alone). */
const SHORT: Record<CellStatus, string> = {
  missing: '未填',
  draft: '草稿',
  submitted: '已交',
  returned: '退回',
  resubmitted: '重交',
  accepted: '通过',
};

type UnitRow = Progress['units'][number];

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
  const [categoryId, setCategoryId] = useState('');
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const query = `?${new URLSearchParams({ ...(categoryId ? { categoryId } : {}), ...(status ? { status } : {}) })}`;
  const [progress, reload] = useResource(
    () => submissionsApi.progress(year.year, period, query),
    [period, query],
  );
  const [extending, setExtending] = useState<UnitRow | null>(null);
  const isAdmin = user.roles.includes('admin');

  // The workbook is made by a job; its progress and download link show below and survive a reload.
  const exportJob = useJob({ types: ['progress-export'] });
  const exportXlsx = () =>
    exportJob.start(`/api/years/${year.year}/jobs/progress-export`, {
      period,
      ...(categoryId ? { categoryId } : {}),
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
          {progress.status === 'ready' && `，截止 ${formatDateTime(progress.data.closesAt)}（北京时间）`}
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
            value={categoryId}
            onChange={(e) => setCategoryId(e.currentTarget.value)}
          >
            <option value="">全部类别</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
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
        <UnitSearch id="progress-search" value={search} onChange={setSearch} />
      </form>
      {exportJob.error && <ErrorBanner message={exportJob.error} />}
      {exportJob.job && <JobProgress job={exportJob.job} />}
      {progress.status === 'loading' && <Loading />}
      {progress.status === 'error' && (
        <ErrorBanner message={progress.error.message}>
          <button type="button" class="button" onClick={reload}>
            重试
          </button>
        </ErrorBanner>
      )}
      {progress.status === 'ready' && (
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
            reload();
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
      <ul class="legend" aria-label="图例">
        {STATUS_ORDER.map((s) => (
          <li key={s}>
            <span class={statusClass(s)}>{SHORT[s]}</span> {CELL_LABELS[s]}
          </li>
        ))}
      </ul>
      <p class="scroll-hint" aria-hidden="true">
        左右滑动查看更多列 →
      </p>
      <div class="table-wrap matrix-wrap">
        <table class="matrix">
          <caption>各单位指标上报状态</caption>
          <thead>
            <tr>
              <th scope="col">单位</th>
              {progress.indicators.map((i) => (
                <th key={i.code} scope="col" title={`${i.dimension} · ${i.name}`}>
                  <abbr title={i.name}>{i.code}</abbr>
                </th>
              ))}
              <th scope="col">未交 / 总数</th>
              <th scope="col">提交时间</th>
              <th scope="col">延期</th>
            </tr>
          </thead>
          <tbody>
            {paged.rows.map((row) => {
              const total = Object.keys(row.cells).length;
              const open = row.counts.missing + row.counts.draft + row.counts.returned;
              return (
                <tr key={row.unitId} data-unit={row.unitId}>
                  <th scope="row">
                    <Link
                      href={`/submissions?year=${progress.year}&period=${progress.period}&unit=${encodeURIComponent(row.unitId)}`}
                    >
                      {row.unitName}
                    </Link>
                  </th>
                  {progress.indicators.map((i) => {
                    const status = row.cells[i.code];
                    return (
                      <td key={i.code} class={status ? statusClass(status) : 'status status-none'}>
                        {status ? (
                          <>
                            <span aria-hidden="true">{SHORT[status]}</span>
                            <span class="visually-hidden">{CELL_LABELS[status]}</span>
                          </>
                        ) : (
                          <>
                            <span aria-hidden="true">·</span>
                            <span class="visually-hidden">本单位不考核</span>
                          </>
                        )}
                      </td>
                    );
                  })}
                  <td class="num">
                    {open} / {total}
                  </td>
                  <td class="nowrap">
                    {row.submittedAt ? formatDateTime(row.submittedAt) : <span class="muted">未提交</span>}
                  </td>
                  <td>
                    {row.extension ? <span class="nowrap">至 {row.extension.until}</span> : null}
                    {isAdmin && (
                      <button type="button" class="button button-quiet" onClick={() => onExtend(row)}>
                        {row.extension ? '修改' : '延期'}
                        <span class="visually-hidden">{row.unitName}</span>
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Pagination id="progress" label="各单位指标上报状态" paged={paged} unit="个单位" />
    </>
  );
};

const ExtensionDialog = ({
  year,
  period,
  row,
  onDone,
  onCancel,
}: {
  year: number;
  period: Period;
  row: UnitRow;
  onDone: () => void;
  onCancel: () => void;
}) => {
  const [until, setUntil] = useState(row.extension?.until ?? '');
  const [reason, setReason] = useState(row.extension?.reason ?? '');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const refs = { year, period, unitId: row.unitId };
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      await action();
      onDone();
    } catch (e) {
      const apiError = toApiError(e);
      setErrors(Object.fromEntries(apiError.details.map((d) => [d.path, d.message])));
      setMessage(apiError.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      open
      title={`延长“${row.unitName}”的上报时间`}
      confirmLabel="批准延期"
      busy={busy}
      onConfirm={() => void run(() => submissionsApi.grantExtension(refs, until, reason))}
      onCancel={onCancel}
    >
      {message && (
        <p class="field-error" role="alert">
          {message}
        </p>
      )}
      <Field id="extension-until" label="延期至（含当日）" required error={errors['body.until']}>
        {(control) => (
          <input
            {...control}
            {...DATE_INPUT}
            value={until}
            onInput={(e) => setUntil(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field id="extension-reason" label="延期原因" required error={errors['body.reason']}>
        {(control) => (
          <textarea
            {...control}
            rows={2}
            maxLength={300}
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        )}
      </Field>
      {row.extension && (
        <button
          type="button"
          class="button button-quiet"
          onClick={() => void run(() => submissionsApi.revokeExtension(refs))}
        >
          撤销延期
        </button>
      )}
      <Notice>延期只对本单位有效，截止时间为所选日期 24 时（北京时间）。</Notice>
    </ConfirmDialog>
  );
};
