/** The read-only parts of the year page: state steps, settings, window and history columns. */
import { reviewStagesText } from '../../../shared/domain/review-stages/labels';
import type { Year } from '../api';
import type { Column } from '../components/DataTable';
import { formatDateTime, formatPoints, windowStatus } from '../format';
import { PERIOD_LABELS, YEAR_STATE_LABELS, YEAR_STATE_ORDER } from '../labels';

const WINDOW_STATUS_TEXT = { open: '正在开放', upcoming: '未开始', closed: '已结束' } as const;

export const StateSteps = ({ year }: { year: Year }) => {
  const current = YEAR_STATE_ORDER.indexOf(year.state);
  return (
    <ol class="steps" aria-label="年度进程">
      {YEAR_STATE_ORDER.map((state, i) => (
        <li
          key={state}
          class={i < current ? 'step done' : i === current ? 'step current' : 'step'}
          aria-current={i === current ? 'step' : undefined}
        >
          {YEAR_STATE_LABELS[state]}
          {i < current && <span class="visually-hidden">（已完成）</span>}
          {i === current && <span class="visually-hidden">（当前）</span>}
        </li>
      ))}
    </ol>
  );
};

/** The periods a unit assesses itself in; absent means 第四季度 (docs/review-stages.md). */
const selfPeriodsText = (year: Year) => {
  const periods = year.selfAssessedPeriods ?? ['Q4'];
  return periods.length > 0 ? periods.map((p) => PERIOD_LABELS[p]).join('、') : '不设';
};

export const YearSettings = ({ year }: { year: Year }) => (
  <dl class="settings">
    <dt>季度权重</dt>
    <dd>
      {(['Q1', 'Q2', 'Q3', 'Q4'] as const)
        .map((q) => `${PERIOD_LABELS[q]} ${year.periodWeights[q]}%`)
        .join('，')}
    </dd>
    <dt>加分上限</dt>
    <dd>{formatPoints(year.bonusCapCents)}</dd>
    <dt>减分上限</dt>
    <dd>{year.penaltyCapCents === null ? '不设上限' : formatPoints(year.penaltyCapCents)}</dd>
    <dt>优秀等次比例</dt>
    <dd>每类单位的 {year.excellentQuotaPercent}%（向下取整，至少 1 个）</dd>
    <dt>公示天数</dt>
    <dd>{year.publicityDays} 天</dd>
    <dt>自查自评与审核</dt>
    <dd>
      自评：{selfPeriodsText(year)}；审核：{reviewStagesText(year.reviewStages)}
    </dd>
  </dl>
);

type WindowRow = Year['periods'][number];
type HistoryRow = Year['history'][number];

export const windowColumns = (now: Date): Column<WindowRow>[] => [
  { header: '季度', render: (w) => PERIOD_LABELS[w.period] },
  { header: '开始（北京时间）', render: (w) => formatDateTime(w.opensAt) },
  { header: '截止（北京时间）', render: (w) => formatDateTime(w.closesAt) },
  { header: '状态', render: (w) => WINDOW_STATUS_TEXT[windowStatus(w, now)] },
];

export const historyColumns = (names: Map<string, string>): Column<HistoryRow>[] => [
  { header: '状态', render: (h) => YEAR_STATE_LABELS[h.state] },
  { header: '时间（北京时间）', render: (h) => formatDateTime(h.at) },
  { header: '操作人', render: (h) => names.get(h.by) ?? h.by },
  {
    header: '确认的提醒',
    render: (h) =>
      h.acknowledged?.length
        ? h.acknowledged.map((a) => `${a.message}（理由：${a.reason}）`).join('；')
        : '—',
  },
];
