/**
 * The leadership dashboard: grade distribution, dimension score rates and the quarter trend per
 * category. ECharts is loaded on demand (`import('./echarts-setup')`, its own chunk), so the main bundle
 * stays small. Each chart is an image with an aria-label that states its data in words.
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { Period, Results } from '../../api';
import { api } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PERIOD_LABELS } from '../../labels';
import { useResource } from '../../use-resource';
import { formatRate, GRADES, gradeLabel, scoreRate } from './results-model';

const GRADE_COLORS = ['#1b6e3a', '#2f6db5', '#b7791f', '#b42318'];

/** One ECharts chart in a div with role="img"; disposed with the component. */
export const Chart = ({
  label,
  option,
  height,
}: {
  label: string;
  option: Record<string, unknown>;
  /** Pixels, where the chart grows with its rows (one per rater or indicator). */
  height?: number;
}) => {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart:
      | { setOption: (o: Record<string, unknown>) => void; resize: () => void; dispose: () => void }
      | undefined;
    let observer: ResizeObserver | undefined;
    void import('./echarts-setup').then((echarts) => {
      const element = ref.current;
      if (disposed || !element) return;
      const instance = echarts.init(element, undefined, { renderer: 'canvas' });
      instance.setOption({ animation: false, ...option });
      chart = instance;
      observer = new ResizeObserver(() => chart?.resize());
      observer.observe(element);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart?.dispose();
    };
  }, [option]);
  return (
    <div
      ref={ref}
      class="chart"
      role="img"
      aria-label={label}
      style={height ? { height: `${height}px` } : undefined}
    />
  );
};

const gradeChart = (results: Results) => {
  const names = results.categories.map((c) => c.name);
  const counts = results.categories.map((c) =>
    GRADES.map((g) => c.units.filter((u) => u.grade === g).length),
  );
  const label = `各类别${gradeLabel(results)}分布（堆叠柱状图）：${results.categories
    .map((c, i) => `${c.name}：${GRADES.map((g, j) => `${g} ${counts[i]?.[j] ?? 0} 个`).join('、')}`)
    .join('；')}`;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, width: 90, overflow: 'break' } },
    yAxis: { type: 'value', name: '单位数', minInterval: 1 },
    series: GRADES.map((g, j) => ({
      name: g,
      type: 'bar',
      stack: 'grade',
      itemStyle: { color: GRADE_COLORS[j] },
      data: counts.map((row) => row[j] ?? 0),
    })),
  };
  return { label, option };
};

const dimensionChart = (results: Results) => {
  const dimensions = [
    ...new Set(results.categories.flatMap((c) => c.units.flatMap((u) => u.dimensions.map((d) => d.name)))),
  ];
  const rates = results.categories.map((c) =>
    dimensions.map((name) => {
      let sum = 0;
      let max = 0;
      for (const u of c.units) {
        const d = u.dimensions.find((x) => x.name === name);
        if (d) {
          sum += d.subtotalCents;
          max += d.maxCents;
        }
      }
      return max > 0 ? Math.round((sum / max) * 1000) / 10 : null;
    }),
  );
  const label = `各类别维度平均得分率（柱状图）：${results.categories
    .map(
      (c, i) =>
        `${c.name}：${dimensions
          .map((d, j) => [d, rates[i]?.[j] ?? null] as const)
          .filter(([, r]) => r !== null)
          .map(([d, r]) => `${d} ${formatRate(r)}`)
          .join('、')}`,
    )
    .join('；')}`;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: dimensions, axisLabel: { interval: 0, width: 70, overflow: 'break' } },
    yAxis: { type: 'value', name: '得分率 %', max: 100 },
    series: results.categories.map((c, i) => ({ name: c.name, type: 'bar', data: rates[i] ?? [] })),
  };
  return { label, option };
};

const trendChart = (quarters: { period: Period; results: Results }[]) => {
  const categories =
    quarters[quarters.length - 1]?.results.categories.map((c) => ({ id: c.categoryId, name: c.name })) ?? [];
  const averages = categories.map(({ id }) =>
    quarters.map(({ results }) => {
      const units = results.categories.find((c) => c.categoryId === id)?.units ?? [];
      // Partial points are never compared with a year's: each quarter shows the mean score rate.
      const rates = units.map(scoreRate).filter((r): r is number => r !== null);
      return rates.length > 0 ? rates.reduce((s, r) => s + r, 0) / rates.length : null;
    }),
  );
  const label = `各类别平均得分率季度趋势（折线图）：${categories
    .map(
      (c, i) =>
        `${c.name}：${quarters
          .map(({ period }, j) => {
            const v = averages[i]?.[j];
            return `截至${PERIOD_LABELS[period]} ${v === null || v === undefined ? '无数据' : formatRate(v)}`;
          })
          .join('、')}`,
    )
    .join('；')}`;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: quarters.map((q) => `截至${PERIOD_LABELS[q.period]}`) },
    yAxis: { type: 'value', name: '平均得分率（%）', scale: true },
    series: categories.map((c, i) => ({
      name: c.name,
      type: 'line',
      data: (averages[i] ?? []).map((v) => (v === null ? null : Math.round(v * 10) / 10)),
    })),
  };
  return { label, option };
};

export const ResultsCharts = ({
  year,
  results,
  periods,
}: {
  year: number;
  results: Results;
  periods: readonly Period[];
}) => {
  const grade = useMemo(() => gradeChart(results), [results]);
  const dimension = useMemo(() => dimensionChart(results), [results]);
  const key = periods.join(',');
  const [quarters] = useResource(
    () =>
      Promise.all(periods.map(async (period) => ({ period, results: await api.results.get(year, period) }))),
    [year, key],
  );
  const trend = useMemo(() => (quarters.status === 'ready' ? trendChart(quarters.data) : null), [quarters]);
  return (
    <section class="panel results-charts" aria-labelledby="results-charts-heading">
      <h2 id="results-charts-heading">领导看板</h2>
      <div class="chart-grid">
        <figure class="chart-figure">
          <figcaption>{gradeLabel(results)}分布</figcaption>
          <Chart label={grade.label} option={grade.option} />
        </figure>
        <figure class="chart-figure">
          <figcaption>维度平均得分率</figcaption>
          <Chart label={dimension.label} option={dimension.option} />
        </figure>
        <figure class="chart-figure">
          <figcaption>季度趋势（平均得分率）</figcaption>
          {quarters.status === 'loading' && <Loading />}
          {quarters.status === 'error' && <ErrorBanner message={quarters.error.message} />}
          {trend && <Chart label={trend.label} option={trend.option} />}
        </figure>
      </div>
    </section>
  );
};
