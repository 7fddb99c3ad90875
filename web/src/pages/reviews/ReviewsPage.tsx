/**
 * 自评与审核 (docs/review-stages.md): a unit's reporter and head assess the unit per indicator and
 * the head submits; the office members, raters and the admin work their stage's queue, each item
 * showing the previous stage's figure and the chain; the admin and leaders read the distance
 * 自评 − 审定.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { REVIEW_STATUS_LABELS } from '../../../../shared/domain/review-stages/labels';
import type { Me, Period, Year } from '../../api';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JobButton, JobProgress } from '../../components/JobProgress';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { PeriodSelect, periodFromQuery, useYearChoice } from '../../components/YearChoice';
import { formatScore } from '../../format';
import { guardUnsaved } from '../../leave-guard';
import { useJob } from '../../use-job';
import { useResource } from '../../use-resource';
import { Chart } from '../results/Chart';
import { distanceCharts } from './distance-chart';
import { type ReviewItem, type ReviewStage, reviewsApi } from './reviews-api';
import { SelfAssessmentHead } from './SelfAssessmentHead';

const STAGE_LABELS: Record<ReviewStage, string> = { first: '初审', second: '复审', final: '审定' };
const ENTERED = new Set(['rating', 'deduction']);

const errorText = (error: unknown) => (error instanceof Error ? error.message : '操作失败');

const shownValue = (v: ReviewItem['reportedValue']) =>
  v === null ? '未填报' : typeof v === 'boolean' ? (v ? '是' : '否') : String(v);

/** One indicator of the unit's self-assessment: the self score (entered or live) and the note. */
const SelfRow = ({
  year,
  item,
  editable,
  onSaved,
}: {
  year: number;
  item: ReviewItem;
  editable: boolean;
  onSaved: (item: ReviewItem) => void;
}) => {
  const entered = ENTERED.has(item.rule);
  const self = item.review?.self;
  const [points, setPoints] = useState(self && entered ? formatScore(self.pointsCents) : '');
  const [note, setNote] = useState(self?.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  // A row saves on 保存自评 only: while what is typed differs from what is stored, leaving the page
  // (a link or closing the tab) asks first, as the shared leave guard does for a failed save.
  const unsaved =
    editable &&
    (note !== (self?.note ?? '') || (entered && points !== (self ? formatScore(self.pointsCents) : '')));
  useEffect(
    () => (unsaved ? guardUnsaved({ level: () => 'failed', flush: () => undefined }) : undefined),
    [unsaved],
  );
  const save = async () => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      onSaved(
        await reviewsApi.saveSelf(year, item.unitId, item.period, item.code, {
          ...(entered ? { points: Number(points) } : {}),
          note,
          version: item.review?.version ?? 0,
        }),
      );
      setSaved(true);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const figure = entered
    ? self
      ? formatScore(self.pointsCents)
      : '—'
    : item.liveSelfCents === null
      ? '待填报'
      : formatScore(item.liveSelfCents);
  return (
    <tr data-code={item.code}>
      <td data-label="指标">
        {item.code} {item.name}
      </td>
      <td data-label="分值" class="num">
        {formatScore(item.wCents)}
      </td>
      <td data-label="填报值">{shownValue(item.reportedValue)}</td>
      <td data-label="自评分" class="num">
        {editable && entered ? (
          <input
            class="score-input"
            inputMode="decimal"
            aria-label={`${item.name} 自评分`}
            value={points}
            onInput={(e) => setPoints(e.currentTarget.value)}
          />
        ) : (
          <span title={item.liveExplanation ?? ''}>{figure}</span>
        )}
      </td>
      <td data-label="自评说明">
        {editable ? (
          <input
            aria-label={`${item.name} 自评说明`}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        ) : (
          (self?.note ?? '')
        )}
        {error && (
          <p class="field-error" role="alert">
            {error}
          </p>
        )}
        {saved && <span class="muted">已保存</span>}
      </td>
      <td data-label="审核情况">
        {REVIEW_STATUS_LABELS[item.review?.status ?? 'draft']}
        {item.chain && <div class="review-chain">{item.chain}</div>}
      </td>
      <td data-label="操作">
        {editable && (
          <button type="button" class="button" disabled={busy} onClick={save}>
            保存自评
          </button>
        )}
      </td>
    </tr>
  );
};

/** The unit's self-assessment of the period, with the head's submission. */
const SelfAssessmentView = ({ user, year, period }: { user: Me; year: number; period: Period }) => {
  const unitId = user.unitId ?? '';
  const [tick, setTick] = useState(0);
  const [view] = useResource(
    () => reviewsApi.selfAssessment(year, unitId, period),
    [year, unitId, period, tick],
  );
  const [message, setMessage] = useState<string | null>(null);
  // Saved rows answer their new state; the table keeps each row (and what is typed in the others).
  const [savedItems, setSavedItems] = useState<Record<string, ReviewItem>>({});
  if (view.status === 'loading') return <Loading />;
  if (view.status === 'error') return <ErrorBanner message={view.error.message} />;
  const data = view.data;
  if (!data.selfAssessed) return <EmptyState title="本期不进行自查自评" />;
  const submit = async () => {
    setMessage(null);
    try {
      await reviewsApi.submitSelf(year, unitId, period);
      setMessage('自评已提交，等待初审');
      setSavedItems({});
      setTick((t) => t + 1);
    } catch (e) {
      setMessage(errorText(e));
    }
  };
  return (
    <section aria-labelledby="self-title">
      <h2 id="self-title">本单位自查自评</h2>
      <p class="hint">
        公式类指标的自评分按填报值自动计算；定性评价和扣分制指标请填写自评分。低于满分须填写自评说明。
      </p>
      <div class="table-scroll">
        <table class="data-table">
          <caption class="visually-hidden">自评指标</caption>
          <SelfAssessmentHead actions />
          <tbody>
            {data.items
              .map((item) => savedItems[item.code] ?? item)
              .map((item) => (
                <SelfRow
                  key={`${item.code}-${item.review?.status ?? 'draft'}`}
                  year={year}
                  item={item}
                  editable={
                    !item.review || item.review.status === 'draft' || item.review.status === 'returned'
                  }
                  onSaved={(next) => setSavedItems((all) => ({ ...all, [next.code]: next }))}
                />
              ))}
          </tbody>
        </table>
      </div>
      {user.roles.includes('unit_head') && (
        <button type="button" class="button button-primary" onClick={submit}>
          提交自评
        </button>
      )}
      {message && <p role="status">{message}</p>}
      <p>
        <Link href={`/reviews/print/${year}/${encodeURIComponent(unitId)}/${period}`}>打印自评报告</Link>
      </p>
    </section>
  );
};

/** One item awaiting a stage: the previous figure, the chain, keep / change / return. */
const DecisionCard = ({ year, item, onDone }: { year: number; item: ReviewItem; onDone: () => void }) => {
  const stage = item.review?.status as ReviewStage;
  const label = STAGE_LABELS[stage];
  const [points, setPoints] = useState(item.previousCents === null ? '' : formatScore(item.previousCents));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const act = async (action: 'pass' | 'return') => {
    setError(null);
    try {
      await reviewsApi.decide(item, year, {
        stage,
        action,
        ...(action === 'pass' ? { points: Number(points) } : {}),
        reason,
        version: item.review?.version ?? 0,
      });
      onDone();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const id = `decide-${item.unitId}-${item.code}`;
  return (
    <li class="card" data-code={item.code}>
      <h3>
        {item.unitName} · {item.code} {item.name}（{label}）
      </h3>
      <p>
        分值 {formatScore(item.wCents)}，填报值 {shownValue(item.reportedValue)}，上一环节得分{' '}
        <strong>{item.previousCents === null ? '—' : formatScore(item.previousCents)}</strong>
      </p>
      <p class="review-chain">{item.chain}</p>
      <div class="field">
        <label for={`${id}-points`}>{label}得分</label>
        <input
          id={`${id}-points`}
          inputMode="decimal"
          value={points}
          onInput={(e) => setPoints(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={`${id}-reason`}>理由（调整得分或低于满分时必填）</label>
        <input id={`${id}-reason`} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </div>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" class="button button-primary" onClick={() => act('pass')}>
        通过（转下一环节）
      </button>{' '}
      <button type="button" class="button" onClick={() => act('return')}>
        退回单位
      </button>
    </li>
  );
};

const QueueView = ({ year, period }: { year: number; period: Period }) => {
  const [tick, setTick] = useState(0);
  const [queue] = useResource(() => reviewsApi.queue(year, period), [year, period, tick]);
  if (queue.status === 'loading') return <Loading />;
  if (queue.status === 'error') return <ErrorBanner message={queue.error.message} />;
  return (
    <section aria-labelledby="queue-title">
      <h2 id="queue-title">待我审核</h2>
      {queue.data.length === 0 ? (
        <EmptyState title="没有待审核的指标" />
      ) : (
        <ul class="card-list">
          {queue.data.map((item) => (
            <DecisionCard
              key={`${item.unitId}-${item.code}-${item.review?.version}`}
              year={year}
              item={item}
              onDone={() => setTick((t) => t + 1)}
            />
          ))}
        </ul>
      )}
    </section>
  );
};

/** 自评 − 审定, largest overclaim first. */
export const DistanceView = ({ year }: { year: number }) => {
  const [report] = useResource(() => reviewsApi.distance(year), [year]);
  // The workbook is made by an export job: its progress survives a reload and ends in a download link.
  const exportJob = useJob({ types: ['review-distance-export'] });
  // Built once per report: the chart re-initialises when its option object changes.
  const charts = useMemo(() => (report.status === 'ready' ? distanceCharts(report.data) : []), [report]);
  if (report.status === 'loading') return <Loading />;
  if (report.status === 'error') return <ErrorBanner message={report.error.message} />;
  const { rows, byUnit } = report.data;
  return (
    <section aria-labelledby="distance-title">
      <h2 id="distance-title">自评与审定差距</h2>
      {rows.length > 0 && (
        <JobButton
          running={exportJob.running}
          onStart={() => void exportJob.start(`/api/years/${year}/jobs/review-distance-export`, {})}
          label="导出 Excel"
          busyLabel="正在导出…"
        />
      )}
      {exportJob.error && <ErrorBanner message={exportJob.error} />}
      {exportJob.job && <JobProgress job={exportJob.job} />}
      {rows.length === 0 ? (
        <EmptyState title="尚无审定完成的自评" />
      ) : (
        <>
          {charts.map((chart) => (
            <figure class="chart-figure" key={chart.title}>
              <figcaption>{chart.title}</figcaption>
              <Chart label={chart.label} option={chart.option} height={chart.height} />
            </figure>
          ))}
          <div class="table-scroll">
            <table class="data-table" id="distance-rows">
              <caption>按指标（自评 − 审定，高估在前）</caption>
              <thead>
                <tr>
                  <th scope="col">单位</th>
                  <th scope="col">指标</th>
                  <th scope="col">自评</th>
                  <th scope="col">审定</th>
                  <th scope="col">差距</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.unitId}-${r.period}-${r.code}`}>
                    <td>{r.unitName}</td>
                    <td>
                      {r.code} {r.name}
                    </td>
                    <td class="num">{formatScore(r.selfCents)}</td>
                    <td class="num">{formatScore(r.finalCents)}</td>
                    <td class="num">{formatScore(r.distanceCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="table-scroll">
            <table class="data-table">
              <caption>按单位</caption>
              <thead>
                <tr>
                  <th scope="col">单位</th>
                  <th scope="col">审定项数</th>
                  <th scope="col">自评偏高项数</th>
                  <th scope="col">合计差距</th>
                </tr>
              </thead>
              <tbody>
                {byUnit.map((u) => (
                  <tr key={u.unitId}>
                    <td>{u.unitName}</td>
                    <td class="num">{u.items}</td>
                    <td class="num">{u.overclaimed}</td>
                    <td class="num">{formatScore(u.distanceCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
};

const Chosen = ({ user, years }: { user: Me; years: Year[] }) => {
  const { year, chooser } = useYearChoice(years, 'reviews-year');
  const [period, setPeriod] = useState<Period>(periodFromQuery() ?? 'Q4');
  if (!year) return <EmptyState title="尚无考核年度" />;
  const unitRole = user.unitId !== null && user.roles.some((r) => r === 'reporter' || r === 'unit_head');
  const reviewer = user.roles.some((r) => r === 'admin' || r === 'rater');
  const bureau = user.roles.some((r) => r === 'admin' || r === 'leader');
  return (
    <>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        {chooser}
        <PeriodSelect id="reviews-period" value={period} onChange={setPeriod} />
      </form>
      {unitRole && <SelfAssessmentView user={user} year={year.year} period={period} />}
      {reviewer && <QueueView year={year.year} period={period} />}
      {bureau && <DistanceView year={year.year} />}
    </>
  );
};

export const ReviewsPage = ({ user }: { user: Me }) => {
  const [years] = useResource(() => api.years.list(), []);
  return (
    <>
      <PageHeader title="自评与审核">
        <p>单位自查自评，经初审、复审、审定逐级审核；以最后完成的审核环节得分计分。</p>
      </PageHeader>
      {years.status === 'loading' && <Loading />}
      {years.status === 'error' && <ErrorBanner message={years.error.message} />}
      {years.status === 'ready' && <Chosen user={user} years={years.data} />}
    </>
  );
};
