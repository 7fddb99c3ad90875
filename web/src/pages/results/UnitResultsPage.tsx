/**
 * One unit's score report (/results/units/:unitId?year=&asOf=): rank, base, bonus, penalty, final,
 * grade and veto; the quarter trend; every indicator with its points, score, explanation and rule,
 * per-period scores in a <details>. 打印 prints it (the print CSS hides the navigation).
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Period, UnitResult, UnitResultsView, Year } from '../../api';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader, usePageTitle } from '../../components/PageHeader';
import { formatPoints, formatScore } from '../../format';
import { PERIOD_LABELS } from '../../labels';
import { useResource } from '../../use-resource';
import { ScoreTrace } from '../reviews/ScoreTrace';
import { Chart } from './Chart';
import { unitTrendChart } from './chart-options';
import { ObjectionsPanel } from './ObjectionsPanel';
import {
  AS_OF_LABELS,
  defaultAsOf,
  FLAG_LABELS,
  formatRate,
  GRADE_CLASS,
  gradeLabel,
  isPeriod,
  PERIOD_STATUS_LABELS,
  PERIODS,
  queryParam,
  scoreRate,
} from './results-model';

/** Prints the report with every per-period <details> open, so the paper shows them too. */
const printReport = () => {
  for (const details of document.querySelectorAll('main details')) details.setAttribute('open', '');
  window.print();
};

export const UnitResultsPage = ({ unitId }: { unitId: string }) => {
  const [years] = useResource(() => api.years.list(), []);
  usePageTitle('单位考核结果');
  if (years.status === 'loading') return <Loading />;
  if (years.status === 'error') return <ErrorBanner message={years.error.message} />;
  const wanted = Number(queryParam('year'));
  const year = years.data.find((y) => y.year === wanted) ?? years.data.find((y) => y.state !== 'setup');
  if (!year) return <EmptyState title="尚无考核年度" />;
  return <UnitResultsChooser unitId={unitId} year={year} />;
};

const UnitResultsChooser = ({ unitId, year }: { unitId: string; year: Year }) => {
  const queryAsOf = queryParam('asOf');
  const [asOf, setAsOf] = useState<Period>(isPeriod(queryAsOf) ? queryAsOf : defaultAsOf(year, new Date()));
  const chooseAsOf = (period: Period) => {
    setAsOf(period);
    const path = `/results/units/${encodeURIComponent(unitId)}?year=${year.year}&asOf=${period}`;
    history.replaceState(history.state, '', path);
  };
  const [view, reload] = useResource(
    () => api.results.unit(year.year, unitId, asOf),
    [year.year, unitId, asOf],
  );
  const title = view.status === 'ready' ? `${view.data.unit.unitName}考核结果` : '单位考核结果';
  return (
    <>
      <PageHeader
        title={title}
        actions={
          <button type="button" class="button" onClick={printReport}>
            打印
          </button>
        }
      >
        <p>
          {year.title} · {AS_OF_LABELS[asOf]} ·{' '}
          <Link href={`/results?year=${year.year}&asOf=${asOf}`}>返回考核结果</Link>
        </p>
      </PageHeader>
      <form class="filters no-print" onSubmit={(e) => e.preventDefault()}>
        <div class="field inline-field">
          <label for="unit-results-as-of">截至</label>
          <select
            id="unit-results-as-of"
            value={asOf}
            onChange={(e) => chooseAsOf(e.currentTarget.value as Period)}
          >
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {AS_OF_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
      </form>
      {view.status === 'loading' && <Loading />}
      {view.status === 'error' && (
        <ErrorBanner message={view.error.message}>
          <button type="button" class="button" onClick={reload}>
            重试
          </button>
        </ErrorBanner>
      )}
      {view.status === 'ready' && <UnitReport view={view.data} />}
      {view.status === 'ready' && <ObjectionsPanel year={year} unit={view.data.unit} />}
    </>
  );
};

const UnitReport = ({ view }: { view: UnitResultsView }) => {
  const { unit, category } = view;
  const bonusCapped = unit.bonusAppliedCents < unit.bonusCents;
  const penaltyCapped = unit.penaltyAppliedCents < unit.penaltyCents;
  return (
    <>
      <section class="panel" aria-labelledby="unit-summary-heading">
        <h2 id="unit-summary-heading">总体情况</h2>
        <dl class="result-summary">
          <div>
            <dt>名次</dt>
            <dd>
              {unit.rank} / {category.unitCount}（{category.name}）
            </dd>
          </div>
          <div>
            <dt>基础分</dt>
            <dd>
              {formatPoints(unit.baseCents)}（满分 {formatScore(unit.maxCents)}，得分率{' '}
              {formatRate(scoreRate(unit))}）
            </dd>
          </div>
          <div>
            <dt>加分</dt>
            <dd>
              {formatPoints(unit.bonusAppliedCents)}
              {bonusCapped && `（加分合计 ${formatScore(unit.bonusCents)}，已按上限封顶）`}
            </dd>
          </div>
          <div>
            <dt>减分</dt>
            <dd>
              {formatPoints(unit.penaltyAppliedCents)}
              {penaltyCapped && `（减分合计 ${formatScore(unit.penaltyCents)}，已按上限封顶）`}
            </dd>
          </div>
          <div>
            <dt>最终得分</dt>
            <dd>
              <strong>{formatPoints(unit.finalCents)}</strong>
            </dd>
          </div>
          <div>
            <dt>{gradeLabel(view)}</dt>
            <dd>
              <span class={GRADE_CLASS[unit.grade]}>{unit.grade}</span>
            </dd>
          </div>
          {unit.revisions && Object.values(unit.revisions).some((r) => r !== 1) && (
            <div>
              <dt>计分依据</dt>
              <dd>
                {PERIODS.filter((p) => unit.revisions?.[p] !== undefined)
                  .map((p) => `${PERIOD_LABELS[p]}按责任书第 ${unit.revisions?.[p]} 版`)
                  .join('；')}
              </dd>
            </div>
          )}
          <div>
            <dt>一票否决</dt>
            <dd>
              {unit.vetoed ? (
                <>
                  <span class="tag tag-veto">一票否决</span> {unit.vetoReason ?? ''}
                </>
              ) : (
                '无'
              )}
            </dd>
          </div>
        </dl>
        {(unit.bonuses.length > 0 || unit.penalties.length > 0) && (
          <ul class="plain-list">
            {unit.bonuses.map((b) => (
              <li key={`b-${b.title}`}>
                加分：{b.title} +{formatScore(b.pointsCents)}
              </li>
            ))}
            {unit.penalties.map((p) => (
              <li key={`p-${p.title}`}>
                减分：{p.title} −{formatScore(p.pointsCents)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="panel" aria-labelledby="unit-trend-heading">
        <h2 id="unit-trend-heading">季度趋势</h2>
        {view.trend.length > 1 && <Chart {...unitTrendChart(view.trend)} />}
        <div class="table-wrap">
          <table class="data-table">
            <caption class="visually-hidden">季度趋势：各季度累计的基础分、最终得分和名次</caption>
            <thead>
              <tr>
                <th scope="col">截至</th>
                <th scope="col" class="num">
                  基础分
                </th>
                <th scope="col" class="num">
                  最终得分
                </th>
                <th scope="col" class="num">
                  名次
                </th>
              </tr>
            </thead>
            <tbody>
              {view.trend.map((t) => (
                <tr key={t.period}>
                  <th scope="row">{PERIOD_LABELS[t.period]}</th>
                  <td class="num" data-label="基础分">
                    {formatScore(t.baseCents)}
                  </td>
                  <td class="num" data-label="最终得分">
                    {formatScore(t.finalCents)}
                  </td>
                  <td class="num" data-label="名次">
                    {t.rank} / {category.unitCount}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {unit.dimensions.map((d) => (
        <DimensionSection
          key={d.name}
          year={view.year}
          unitId={unit.unitId}
          dimension={d}
          leaves={unit.leaves.filter((l) => l.dimension === d.name)}
        />
      ))}
    </>
  );
};

type Leaf = UnitResult['leaves'][number];

const DimensionSection = ({
  year,
  unitId,
  dimension,
  leaves,
}: {
  year: number;
  unitId: string;
  dimension: UnitResult['dimensions'][number];
  leaves: Leaf[];
}) => (
  <section class="panel result-dimension" aria-label={dimension.name}>
    <h2>
      {dimension.name}
      <span class="muted">
        {' '}
        {formatScore(dimension.subtotalCents)} / {formatScore(dimension.maxCents)} 分
      </span>
    </h2>
    <ul class="plain-list leaf-list">
      {leaves.map((leaf) => (
        <LeafItem
          key={leaf.code}
          leaf={leaf}
          trace={<ScoreTrace year={year} unitId={unitId} code={leaf.code} />}
        />
      ))}
    </ul>
  </section>
);

const LeafItem = ({ leaf, trace }: { leaf: Leaf; trace?: JSX.Element }) => (
  <li class="leaf">
    <h3>
      <span class="indicator-code">{leaf.code}</span> {leaf.name}
      {leaf.flags.map((f) => (
        <span key={f} class="tag tag-flag">
          {FLAG_LABELS[f]}
        </span>
      ))}
    </h3>
    <dl class="leaf-facts">
      <div>
        <dt>分值</dt>
        <dd>{formatPoints(leaf.wCents)}</dd>
      </div>
      <div>
        <dt>得分</dt>
        <dd>
          <strong>{formatPoints(leaf.annualCents)}</strong>
        </dd>
      </div>
      <div class="leaf-wide">
        <dt>计分说明</dt>
        <dd>{leaf.explanation}</dd>
      </div>
      <div class="leaf-wide">
        <dt>评分标准</dt>
        <dd>{leaf.ruleText}</dd>
      </div>
    </dl>
    {trace}
    {leaf.periods.length > 0 && (
      <details>
        <summary>各季度得分</summary>
        <ul class="plain-list">
          {leaf.periods.map((p) => (
            <li key={p.period}>
              {PERIOD_LABELS[p.period]}（权重 {p.weightPercent}%）：{formatPoints(p.scoreCents)} ·{' '}
              {PERIOD_STATUS_LABELS[p.status]} · {p.explanation}
            </li>
          ))}
        </ul>
      </details>
    )}
  </li>
);
