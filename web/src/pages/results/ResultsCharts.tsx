/**
 * The leadership dashboard: grade distribution, dimension score rates and the quarter trend per
 * category. ECharts is loaded on demand (`import('./echarts-setup')`, its own chunk), so the main bundle
 * stays small. Each chart is an image with an aria-label that states its data in words.
 */
import { useMemo } from 'preact/hooks';
import type { Period, Results } from '../../api';
import { api } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { useResource } from '../../use-resource';
import { Chart } from './Chart';
import { dimensionChart, gradeChart, trendChart } from './chart-options';
import { gradeLabel } from './results-model';

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
