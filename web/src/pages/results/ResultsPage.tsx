/**
 * 考核结果: the ranking per category as of a quarter, the 预警 list of a quarter view, the Excel
 * export and publication (admin; both jobs, their progress surviving a reload), and the leadership
 * charts (admin, leaders). Unit roles receive
 * only their own unit's line from the API and see just that, with a link to their score report.
 */
import { useState } from 'preact/hooks';
import type { Me, Period, Results, UnitResult, Year } from '../../api';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { JobButton, JobProgress } from '../../components/JobProgress';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PagedTable } from '../../components/PagedTable';
import { PageHeader } from '../../components/PageHeader';
import { ListFilters, matchesUnit } from '../../components/UnitSearch';
import { formatScore } from '../../format';
import { YEAR_STATE_LABELS } from '../../labels';
import { useJob } from '../../use-job';
import { useReasonedAction } from '../../use-reasoned-action';
import { useResource } from '../../use-resource';
import { ComputedResults } from './ComputedResults';
import { DraftsPanel } from './DraftsPanel';
import { PublicationsPanel } from './PublicationsPanel';
import { ResultsCharts } from './ResultsCharts';
import {
  AS_OF_LABELS,
  currentQuarter,
  defaultAsOf,
  formatRate,
  GRADE_CLASS,
  GRADES,
  gradeLabel,
  isPeriod,
  isQuarterView,
  isRunning,
  PERIODS,
  queryParam,
  scoreRate,
  WARNING_RATE,
} from './results-model';
import { WarningList } from './WarningList';

const isLeadership = (user: Me) => user.roles.some((r) => r === 'admin' || r === 'leader');

const GRADE_OPTIONS = [['', '全部等级'], ...GRADES.map((g) => [g, g] as const)] as const;

export const unitResultsHref = (unitId: string, year: number, asOf: Period) =>
  `/results/units/${encodeURIComponent(unitId)}?year=${year}&asOf=${asOf}`;

export const ResultsPage = ({ user }: { user: Me }) => {
  const [years, reloadYears] = useResource(() => api.years.list(), []);
  if (years.status === 'loading') return <Loading />;
  if (years.status === 'error') return <ErrorBanner message={years.error.message} />;
  if (years.data.length === 0) return <EmptyState title="尚无考核年度" />;
  return <ResultsChooser user={user} years={years.data} onYearChanged={reloadYears} />;
};

/** Year and quarter come from `?year=&asOf=` (links from the unit page), else the defaults. */
const ResultsChooser = ({
  user,
  years,
  onYearChanged,
}: {
  user: Me;
  years: Year[];
  onYearChanged: () => void;
}) => {
  const wanted = Number(queryParam('year'));
  const initial = years.find((y) => y.year === wanted) ?? years.find((y) => y.state !== 'setup') ?? years[0]!;
  const [year, setYear] = useState<Year>(initial);
  const queryAsOf = queryParam('asOf');
  const [asOf, setAsOf] = useState<Period>(
    isPeriod(queryAsOf) ? queryAsOf : defaultAsOf(initial, new Date()),
  );

  /** A choice is kept in the address (replaced, not pushed), so a reload shows the same view. */
  const choose = (next: Year, period: Period) => {
    setYear(next);
    setAsOf(period);
    history.replaceState(history.state, '', `/results?year=${next.year}&asOf=${period}`);
  };
  const chooseYear = (value: number) => {
    const next = years.find((y) => y.year === value);
    if (next) choose(next, defaultAsOf(next, new Date()));
  };

  return (
    <>
      <PageHeader title="考核结果">
        <p>
          {year.title} · {YEAR_STATE_LABELS[year.state]}
          {year.state !== 'published' && '（实时计算，尚未定稿）'}
        </p>
      </PageHeader>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <div class="field inline-field">
          <label for="results-year">考核年度</label>
          <select
            id="results-year"
            value={String(year.year)}
            onChange={(e) => chooseYear(Number(e.currentTarget.value))}
          >
            {years.map((y) => (
              <option key={y.year} value={String(y.year)}>
                {y.year} 年度
              </option>
            ))}
          </select>
        </div>
        <div class="field inline-field">
          <label for="results-as-of">截至</label>
          <select
            id="results-as-of"
            value={asOf}
            onChange={(e) => choose(year, e.currentTarget.value as Period)}
          >
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {AS_OF_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ResultsView
        key={`${year.year}-${asOf}`}
        user={user}
        year={year}
        asOf={asOf}
        onYearChanged={onYearChanged}
      />
    </>
  );
};

const ResultsView = ({
  user,
  year,
  asOf,
  onYearChanged,
}: {
  user: Me;
  year: Year;
  asOf: Period;
  onYearChanged: () => void;
}) => {
  const [results, reload] = useResource(() => api.results.get(year.year, asOf), [year.year, asOf]);
  const [publications, reloadPublications] = useResource(
    () => api.results.publications(year.year),
    [year.year],
  );
  const [publishing, setPublishing] = useState(false);
  const leadership = isLeadership(user);
  const isAdmin = user.roles.includes('admin');
  const canPublish = isAdmin && (year.state === 'publicity' || year.state === 'published');

  // The workbook is made by a job (a municipal year takes longer than a request may): its progress
  // shows under the buttons, survives a reload, and ends in a download link.
  const exportJob = useJob({ types: ['results-export'] });
  const exportXlsx = () => exportJob.start(`/api/years/${year.year}/jobs/results-export`, { asOf });
  // Publishing is a job too: the dialog closes once it has started, its progress shows below, and
  // when it has published the versions (a correction) or the year (the first publication) reload.
  // A publication that failed after its commit is published all the same: the versions say so.
  const publishJob = useJob({
    types: ['publication'],
    onSucceeded: () => (year.state === 'published' ? reloadPublications() : onYearChanged()),
    onFailed: () => {
      reloadPublications();
      if (year.state !== 'published') onYearChanged();
    },
  });

  return (
    <>
      {leadership && (
        <div class="results-actions">
          <JobButton
            running={exportJob.running}
            onStart={() => void exportXlsx()}
            label="导出 Excel"
            busyLabel="正在导出…"
          />
          <Link class="button" href="/results/consistency">
            评分一致性
          </Link>
          <a class="button" href="/rankings/" target="_blank" rel="noopener">
            公布页面<span class="visually-hidden">（在新标签页打开）</span>
          </a>
          {canPublish && (
            <JobButton
              primary
              running={publishJob.running}
              onStart={() => setPublishing(true)}
              label={year.state === 'published' ? '发布更正版' : '发布结果'}
              busyLabel="正在发布…"
            />
          )}
        </div>
      )}
      {!leadership && user.roles.includes('rater') && (
        <p>
          <Link href="/results/consistency">我的评分一致性</Link>
        </p>
      )}
      {exportJob.error && <ErrorBanner message={exportJob.error} />}
      {exportJob.job && <JobProgress job={exportJob.job} />}
      {publishJob.error && <ErrorBanner message={publishJob.error} />}
      {publishJob.job && <JobProgress job={publishJob.job} />}
      {results.status === 'loading' && <Loading />}
      {results.status === 'error' && (
        <ErrorBanner message={results.error.message}>
          <button type="button" class="button" onClick={reload}>
            重试
          </button>
        </ErrorBanner>
      )}
      {results.status === 'ready' && results.data.computed !== undefined && (
        <ComputedResults
          year={year.year}
          computed={results.data.computed}
          canCompute={leadership}
          onComputed={reload}
        />
      )}
      {/* The dashboard first: leadership reads the answer before the tables. */}
      {leadership && results.status === 'ready' && results.data.categories.length > 0 && (
        <ResultsCharts
          year={year.year}
          results={results.data}
          periods={PERIODS.slice(
            0,
            PERIODS.indexOf(isRunning(year) ? currentQuarter(year, new Date()) : 'Q4') + 1,
          )}
        />
      )}
      {results.status === 'ready' && (
        <RankingSections user={user} year={year} asOf={asOf} results={results.data} />
      )}
      {leadership && (year.state === 'publicity' || year.state === 'published') && (
        <DraftsPanel year={year} isAdmin={isAdmin} />
      )}
      <PublicationsPanel
        year={year}
        publications={publications}
        reload={reloadPublications}
        isAdmin={isAdmin}
      />
      {publishing && (
        <PublishDialog
          year={year}
          publish={(body) => publishJob.launch(`/api/years/${year.year}/jobs/publication`, body)}
          onStarted={() => setPublishing(false)}
          onCancel={() => setPublishing(false)}
        />
      )}
    </>
  );
};

const RankingSections = ({
  user,
  year,
  asOf,
  results,
}: {
  user: Me;
  year: Year;
  asOf: Period;
  results: Results;
}) => {
  const [search, setSearch] = useState('');
  const [grade, setGrade] = useState('');
  if (results.categories.length === 0) {
    return (
      <EmptyState title="暂无考核结果">
        <p>本年度尚无可显示的单位结果。</p>
      </EmptyState>
    );
  }
  const quarterView = isQuarterView(year, asOf);
  const flagged = quarterView
    ? results.categories.flatMap((c) =>
        c.units
          .filter((u) => {
            const rate = scoreRate(u);
            return rate !== null && rate < WARNING_RATE;
          })
          .map((u) => ({ category: c.name, unit: u })),
      )
    : [];
  // Before publication the API lists only the units this user may read (own, or assigned).
  const narrowed = !isLeadership(user) && year.state !== 'published';
  const total = results.categories.reduce((n, c) => n + c.units.length, 0);
  const shown = results.categories.map((c) => ({
    ...c,
    units: c.units.filter((u) => matchesUnit(u.unitName, search) && (grade === '' || u.grade === grade)),
  }));
  const committee = user.roles.some((r) => r === 'rater' || r === 'inspector');
  return (
    <>
      {flagged.length > 0 && (
        <WarningList
          flagged={flagged}
          asOf={asOf}
          href={(unitId) => unitResultsHref(unitId, year.year, asOf)}
          rateText={(unit) => formatRate(scoreRate(unit))}
        />
      )}
      {narrowed && (
        <p class="hint">
          {committee ? '仅显示分派给您的单位（有关联的单位回避）' : '仅显示本单位'}
          的考核结果；结果发布后可查看全部排名。
        </p>
      )}
      {total > 1 && (
        <ListFilters
          id="results"
          search={search}
          onSearch={setSearch}
          choice={{ label: '等级', value: grade, options: GRADE_OPTIONS }}
          onChoose={setGrade}
          shown={shown.reduce((n, c) => n + c.units.length, 0)}
          total={total}
        />
      )}
      {shown.map((category) => (
        <section
          hidden={category.units.length === 0 && (search !== '' || grade !== '')}
          key={category.categoryId}
          class="results-category"
          aria-labelledby={`cat-${category.categoryId}`}
        >
          <h2 id={`cat-${category.categoryId}`}>
            {category.name}
            <span class="muted results-category-meta">
              {' '}
              共 {category.unitCount} 个单位，优秀名额 {category.excellentQuota} 个
            </span>
          </h2>
          <PagedTable
            id={`results-${category.categoryId}`}
            resetKey={`${search}|${grade}`}
            unit="个单位"
            caption={`${category.name}排名（${AS_OF_LABELS[asOf]}）`}
            captionHidden
            columns={rankingColumns(category.units, year.year, asOf, quarterView, gradeLabel(results))}
            rows={category.units}
            rowKey={(u) => u.unitId}
            rowClass={(u) => (u.vetoed ? 'row-vetoed' : undefined)}
          />
        </section>
      ))}
    </>
  );
};

const rankingColumns = (
  units: UnitResult[],
  year: number,
  asOf: Period,
  quarterView: boolean,
  gradeHeader: string,
): Column<UnitResult>[] => {
  const dimensions = units[0]?.dimensions.map((d) => d.name) ?? [];
  return [
    { header: '名次', className: 'num', render: (u) => u.rank },
    {
      header: '单位',
      className: 'unit-name',
      render: (u) => <Link href={unitResultsHref(u.unitId, year, asOf)}>{u.unitName}</Link>,
    },
    ...dimensions.map(
      (name): Column<UnitResult> => ({
        header: name,
        className: 'num',
        render: (u) => {
          const d = u.dimensions.find((x) => x.name === name);
          return d ? formatScore(d.subtotalCents) : '—';
        },
      }),
    ),
    { header: '基础分', className: 'num', render: (u) => formatScore(u.baseCents) },
    ...(quarterView
      ? [{ header: '得分率', className: 'num', render: (u: UnitResult) => formatRate(scoreRate(u)) }]
      : []),
    { header: '加分', className: 'num', render: (u) => formatScore(u.bonusAppliedCents) },
    { header: '减分', className: 'num', render: (u) => formatScore(u.penaltyAppliedCents) },
    { header: '最终得分', className: 'num', render: (u) => <strong>{formatScore(u.finalCents)}</strong> },
    { header: gradeHeader, render: (u) => <span class={GRADE_CLASS[u.grade]}>{u.grade}</span> },
    {
      header: '一票否决',
      render: (u) =>
        u.vetoed ? (
          <span>
            <span class="tag tag-veto">一票否决</span> {u.vetoReason ?? ''}
          </span>
        ) : (
          <span class="muted">无</span>
        ),
    },
  ];
};

const PublishDialog = ({
  year,
  publish,
  onStarted,
  onCancel,
}: {
  year: Year;
  /** Starts the publication job; a refusal (wrong state, not ready, no reason) is thrown. */
  publish: (body: { confirm: true; reason?: string }) => Promise<unknown>;
  onStarted: () => void;
  onCancel: () => void;
}) => {
  const correction = year.state === 'published';
  const { reason, setReason, reasonError, error, busy, confirm } = useReasonedAction({
    tooShort: correction ? '请填写更正理由（至少 4 个字）' : undefined,
    run: (text) => publish({ confirm: true, ...(correction ? { reason: text } : {}) }),
    onDone: onStarted,
  });

  return (
    <ConfirmDialog
      open
      title={correction ? `发布 ${year.year} 年度考核结果更正版` : `发布 ${year.year} 年度考核结果`}
      confirmLabel={correction ? '发布更正版' : '确认发布'}
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <p>
        发布将冻结当前结果，生成一份不可更改的快照（附 SHA-256 校验值），并更新公布页面。
        {correction ? '更正版不会覆盖已发布的版本，两者都会保留。' : '发布后年度进入“结果已发布”状态。'}
      </p>
      {correction && (
        <Field id="publish-reason" label="更正理由" required error={reasonError}>
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          )}
        </Field>
      )}
      {error && <ErrorBanner message={error} />}
    </ConfirmDialog>
  );
};
