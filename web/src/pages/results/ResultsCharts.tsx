/**
 * The leadership dashboard: grade distribution, dimension score rates and the quarter trend per
 * category. ECharts is loaded on demand (`import('./echarts-setup')`, its own chunk), so the main bundle
 * stays small. Each chart is an image with an aria-label that states its data in words. The figures
 * aggregate per category, so they read the same at 25 units or 500; 单位得分排名 shows one chosen
 * category at a time and scrolls through a long one (chart-options `rankingChart`).
 */
import { useMemo, useState } from 'preact/hooks';
import type { Period, Results } from '../../api';
import { api } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { SelectField } from '../../components/SelectField';
import { useResource } from '../../use-resource';
import { Chart } from './Chart';
import { dimensionChart, gradeChart, rankingChart, trendChart } from './chart-options';
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
      <RankingFigure results={results} />
    </section>
  );
};

/** One category's units by final score; a select picks the category (a city has six). */
const RankingFigure = ({ results }: { results: Results }) => {
  const [categoryId, setCategoryId] = useState(results.categories[0]?.categoryId ?? '');
  const category = results.categories.find((c) => c.categoryId === categoryId) ?? results.categories[0];
  const chart = useMemo(() => (category ? rankingChart(category) : null), [category]);
  if (!category || !chart) return null;
  return (
    <figure class="chart-figure">
      <figcaption>单位得分排名</figcaption>
      {results.categories.length > 1 && (
        <SelectField
          inline
          id="ranking-chart-category"
          label="类别"
          value={category.categoryId}
          options={results.categories.map((c) => [c.categoryId, c.name] as const)}
          onChange={setCategoryId}
        />
      )}
      <Chart label={chart.label} option={chart.option} height={chart.height} />
    </figure>
  );
};
