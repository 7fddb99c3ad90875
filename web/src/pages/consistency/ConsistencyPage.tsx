/**
 * 评分一致性 (docs/rater-consistency.md): each rater's leniency against the co-raters of the same items,
 * the agreement per rating indicator, and the units whose grade or rank depends on one rater. The
 * admin and leaders see every rater; a rater sees their own line (the API sends nothing more).
 */
import { useState } from 'preact/hooks';
import type { ConsistencyReportView, Me, Period, Year } from '../../api';
import { api } from '../../api';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JobButton, JobProgress } from '../../components/JobProgress';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { useYearChoice } from '../../components/YearChoice';
import { formatDateTime, formatScore } from '../../format';
import { PERIOD_LABELS } from '../../labels';
import { useJob } from '../../use-job';
import { useResource } from '../../use-resource';
import { PERIODS } from '../results/results-model';
import { ConsistencyCharts } from './ConsistencyCharts';

type RaterLine = ConsistencyReportView['raters'][number];
type IndicatorLine = ConsistencyReportView['indicators'][number];
type ChangeLine = ConsistencyReportView['sensitivity'][number]['changes'][number] & { raterName: string };

/** Hundredths of a percent as "12.34 %", signed when asked. */
const percent = (bp: number, signed = false): string =>
  `${signed && bp > 0 ? '+' : ''}${(bp / 100).toFixed(2)} %`;

const FLAG_LABELS: Record<NonNullable<RaterLine['flag']>, string> = {
  lenient: '偏宽（评分尺度偏差）',
  harsh: '偏严（评分尺度偏差）',
};

const raterColumns: Column<RaterLine>[] = [
  { header: '评分人', render: (r) => r.raterName },
  { header: '评分项数', render: (r) => r.itemsRated, className: 'num' },
  { header: '共同评分项数', render: (r) => r.coRatedItems, className: 'num' },
  { header: '平均分（占分值）', render: (r) => percent(r.meanMarkBp), className: 'num' },
  { header: '宽严偏差', render: (r) => percent(r.leniencyBp, true), className: 'num' },
  { header: '偏差离散度', render: (r) => percent(r.leniencySpreadBp), className: 'num' },
  { header: '满分占比', render: (r) => percent(r.fullMarksShareBp), className: 'num' },
  { header: '极端分占比', render: (r) => percent(r.extremesShareBp), className: 'num' },
  { header: '提示', render: (r) => (r.flag ? <strong>{FLAG_LABELS[r.flag]}</strong> : '—') },
];

const indicatorColumns: Column<IndicatorLine>[] = [
  { header: '指标', render: (i) => `${i.code} ${i.name}` },
  { header: '单位数', render: (i) => i.units, className: 'num' },
  { header: '评分人数', render: (i) => i.raters, className: 'num' },
  { header: '平均极差', render: (i) => percent(i.meanRangeBp), className: 'num' },
  { header: '一致项占比', render: (i) => percent(i.agreementShareBp), className: 'num' },
  {
    header: '分歧最大的单位',
    render: (i) =>
      i.widest.map((w) => `${w.unitName}（${PERIOD_LABELS[w.period]}，${percent(w.rangeBp)}）`).join('；'),
  },
];

const changeColumns: Column<ChangeLine>[] = [
  { header: '去掉评分人', render: (c) => c.raterName },
  { header: '单位', render: (c) => c.unitName },
  {
    header: '得分',
    render: (c) => `${formatScore(c.finalCents)} → ${formatScore(c.finalCentsWithout)}`,
    className: 'num',
  },
  { header: '名次', render: (c) => `${c.rank} → ${c.rankWithout}`, className: 'num' },
  {
    header: '等级',
    render: (c) => (c.grade === c.gradeWithout ? c.grade : `${c.grade} → ${c.gradeWithout}`),
  },
];

const Explanation = ({ report }: { report: ConsistencyReportView }) => (
  <details class="explanation">
    <summary>各项统计的含义</summary>
    <dl>
      <dt>宽严偏差</dt>
      <dd>
        评分人在每一项（单位、指标、考核期）上的评分，减去同一项其他评分人的平均分，按占分值 W
        的百分比计，再取平均。正数偏宽，负数偏严。只有一人评分的项不计入。
      </dd>
      <dt>偏差离散度</dt>
      <dd>上述各项偏差的标准差：数值小说明偏宽（偏严）是一贯的。</dd>
      <dt>满分占比、极端分占比</dt>
      <dd>给满分（等级评价为最高等级）的比例；给满分或 0 分（最低等级）的比例。</dd>
      <dt>提示</dt>
      <dd>
        宽严偏差超过 ±{percent(report.thresholds.leniencyBp)}，且共同评分项不少于{' '}
        {report.thresholds.minCoRatedItems} 项时，标为“评分尺度偏差”。
      </dd>
      <dt>平均极差、一致项占比</dt>
      <dd>
        同一项最高分与最低分之差（占 W 的百分比）的平均；极差不超过{' '}
        {percent(report.thresholds.agreementRangeBp)} 的项所占比例。
      </dd>
      <dt>去掉评分人后的变化</dt>
      <dd>用计分引擎重新计算（其余评分人的平均分，5 人及以上去掉最高和最低），列出等级或名次会变的单位。</dd>
    </dl>
  </details>
);

/** 导出 Excel: an export job of the report as this reader sees it; its progress ends in a download link. */
const ExportButton = ({ year, period }: { year: number; period: Period | null }) => {
  const job = useJob({ types: ['consistency-export'] });
  return (
    <div class="results-actions">
      <JobButton
        running={job.running}
        onStart={() => void job.start(`/api/years/${year}/jobs/consistency-export`, period ? { period } : {})}
        label="导出 Excel"
        busyLabel="正在导出…"
      />
      {job.error && <ErrorBanner message={job.error} />}
      {job.job && <JobProgress job={job.job} />}
    </div>
  );
};

/**
 * A municipal year's report is computed by a job, not in the request: when it was (计算于 …) and, for
 * the admin and leaders, 重新计算 with the job's progress; the report is read again once it is done.
 */
const ComputedReport = ({
  year,
  period,
  computed,
  canCompute,
  onComputed,
}: {
  year: number;
  period: Period | null;
  computed: ConsistencyReportView['computed'];
  canCompute: boolean;
  onComputed: () => void;
}) => {
  const job = useJob({ types: ['consistency'], onSucceeded: onComputed });
  return (
    <section class="panel computed-results" aria-label="报告计算">
      <p>
        {computed
          ? `报告计算于 ${formatDateTime(computed.computedAt)}（${computed.computedByName} 发起）。本年度单位较多，报告由后台计算，不随评分实时更新。`
          : `本年度单位较多，报告由后台计算，尚未计算${canCompute ? '' : '，请联系考核办计算'}。`}
      </p>
      {canCompute && (
        <JobButton
          running={job.running}
          onStart={() => void job.start(`/api/years/${year}/jobs/consistency`, period ? { period } : {})}
          label={computed ? '重新计算' : '计算报告'}
          busyLabel="正在计算…"
        />
      )}
      {job.error && <ErrorBanner message={job.error} />}
      {job.job && <JobProgress job={job.job} />}
    </section>
  );
};

const ReportView = ({
  year,
  period,
  canCompute,
}: {
  year: number;
  period: Period | null;
  canCompute: boolean;
}) => {
  const [report, reload] = useResource(() => api.results.consistency(year, period), [year, period]);
  if (report.status === 'loading') return <Loading />;
  if (report.status === 'error') return <ErrorBanner message={report.error.message} />;
  const data = report.data;
  const computed = data.computed !== undefined && (
    <ComputedReport
      year={year}
      period={period}
      computed={data.computed}
      canCompute={canCompute}
      onComputed={reload}
    />
  );
  if (data.raters.length === 0)
    return (
      <>
        {computed}
        {data.computed !== null && <EmptyState title="所选范围内没有评分" />}
      </>
    );
  const names = new Map(data.raters.map((r) => [r.raterId, r.raterName]));
  const changes: ChangeLine[] = data.sensitivity.flatMap((s) =>
    s.changes.map((c) => ({ ...c, raterName: names.get(s.raterId) ?? s.raterId })),
  );
  const flagged = data.raters.filter((r) => r.flag);
  return (
    <>
      {computed}
      {flagged.length > 0 && (
        <div class="banner banner-error" role="status">
          <p class="banner-title">评分尺度偏差</p>
          <ul>
            {flagged.map((r) => (
              <li key={r.raterId}>
                {r.raterName}：{r.flag ? FLAG_LABELS[r.flag] : ''}，宽严偏差 {percent(r.leniencyBp, true)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ExportButton year={year} period={period} />
      <Explanation report={data} />
      <h2>图示</h2>
      <ConsistencyCharts report={data} />
      <h2>评分人</h2>
      <DataTable
        caption="评分人"
        captionHidden
        columns={raterColumns}
        rows={data.raters}
        rowKey={(r) => r.raterId}
      />
      {data.indicators.length > 0 && (
        <>
          <h2>指标评分一致程度</h2>
          <DataTable
            caption="指标评分一致程度"
            captionHidden
            columns={indicatorColumns}
            rows={data.indicators}
            rowKey={(i) => i.code}
          />
        </>
      )}
      <h2>去掉某评分人后结果的变化</h2>
      <p>
        比较截至{PERIOD_LABELS[data.asOfPeriod]}的结果
        {data.asOfPeriod === 'Q4' ? '。' : '（年中按得分率评定预计等级）。'}
      </p>
      {changes.length === 0 ? (
        <p>去掉任何一位评分人，各单位的等级和名次都不变。</p>
      ) : (
        <DataTable
          caption="去掉某评分人后结果的变化"
          captionHidden
          columns={changeColumns}
          rows={changes}
          rowKey={(c) => `${c.raterName}-${c.unitId}`}
        />
      )}
    </>
  );
};

/** The whole year or one period; the year comes from `?year=` or the year under way (YearChoice). */
const PERIOD_OPTIONS = [['all', '全年'] as const, ...PERIODS.map((p) => [p, PERIOD_LABELS[p]] as const)];

const Chooser = ({ years, canCompute }: { years: Year[]; canCompute: boolean }) => {
  const { year, chooser } = useYearChoice(years, 'consistency-year');
  const [period, setPeriod] = useState<Period | 'all'>('all');
  if (!year) return <EmptyState title="尚无考核年度" />;
  const chosen = period === 'all' ? null : period;
  return (
    <>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        {chooser}
        <SelectField
          inline
          id="consistency-period"
          label="考核期"
          value={period}
          options={PERIOD_OPTIONS}
          onChange={setPeriod}
        />
      </form>
      <ReportView key={`${year.year}-${period}`} year={year.year} period={chosen} canCompute={canCompute} />
    </>
  );
};

export const ConsistencyPage = ({ user }: { user: Me }) => {
  const [years] = useResource(() => api.years.list(), []);
  const own = !user.roles.some((r) => r === 'admin' || r === 'leader');
  return (
    <>
      <PageHeader title="评分一致性">
        <p>
          {own
            ? '您本人的评分与其他评分人的比较。'
            : '各评分人的宽严、指标评分一致程度，以及某位评分人是否影响结果。'}{' '}
          <Link href="/results">返回考核结果</Link>
        </p>
      </PageHeader>
      {years.status === 'loading' && <Loading />}
      {years.status === 'error' && <ErrorBanner message={years.error.message} />}
      {years.status === 'ready' &&
        (years.data.length === 0 ? (
          <EmptyState title="尚无考核年度" />
        ) : (
          <Chooser years={years.data} canCompute={!own} />
        ))}
    </>
  );
};
