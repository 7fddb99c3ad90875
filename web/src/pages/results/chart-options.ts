/**
 * The options of the results charts, pure (tested without a browser). Legends sit below the plot and
 * the grid contains its labels, so a legend never covers an axis title and long names wrap instead of
 * overlapping; dimension names lie along the vertical axis of horizontal bars.
 */
import type { Period, Results } from '../../api';
import { formatScore } from '../../format';
import { PERIOD_LABELS } from '../../labels';
import { formatRate, GRADES, gradeLabel, scoreRate } from './results-model';

const GRADE_COLORS = ['#1b6e3a', '#2f6db5', '#b7791f', '#b42318'];
const LEGEND = { bottom: 0, type: 'scroll' };
const GRID = { left: 8, right: 16, top: 36, bottom: 40, containLabel: true };

export interface UnitTrendPoint {
  period: Period;
  finalCents: number;
  baseCents: number;
  rank: number;
}

/** 各类别等级分布: stacked bars, category names wrapped under the axis. */
export const gradeChart = (results: Results) => {
  const names = results.categories.map((c) => c.name);
  const counts = results.categories.map((c) =>
    GRADES.map((g) => c.units.filter((u) => u.grade === g).length),
  );
  const label = `各类别${gradeLabel(results)}分布（堆叠柱状图）：${results.categories
    .map((c, i) => `${c.name}：${GRADES.map((g, j) => `${g} ${counts[i]?.[j] ?? 0} 个`).join('、')}`)
    .join('；')}`;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: LEGEND,
    grid: GRID,
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

/** 维度平均得分率: horizontal bars, so long dimension names lie along the vertical axis, wrapped. */
export const dimensionChart = (results: Results) => {
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
    legend: LEGEND,
    grid: GRID,
    yAxis: {
      type: 'category',
      data: dimensions,
      inverse: true,
      axisLabel: { interval: 0, width: 110, overflow: 'break' },
    },
    xAxis: { type: 'value', name: '得分率 %', max: 100, nameLocation: 'middle', nameGap: 26 },
    series: results.categories.map((c, i) => ({ name: c.name, type: 'bar', data: rates[i] ?? [] })),
  };
  return { label, option };
};

/** 季度趋势: each category's mean score rate per quarter. */
export const trendChart = (quarters: { period: Period; results: Results }[]) => {
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
    legend: LEGEND,
    grid: GRID,
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

/** A unit's page: its cumulative final score per quarter (the rank in the label and tooltip). */
export const unitTrendChart = (trend: readonly UnitTrendPoint[]) => {
  const label = `本单位各季度累计最终得分（折线图）：${trend
    .map((t) => `截至${PERIOD_LABELS[t.period]} ${formatScore(t.finalCents)} 分（第 ${t.rank} 名）`)
    .join('、')}`;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: LEGEND,
    grid: GRID,
    xAxis: { type: 'category', data: trend.map((t) => `截至${PERIOD_LABELS[t.period]}`) },
    yAxis: { type: 'value', name: '得分', scale: true },
    series: [{ name: '最终得分', type: 'line', data: trend.map((t) => t.finalCents / 100) }],
  };
  return { label, option };
};
