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

/** Rows a ranking chart shows at once; a longer category scrolls (dataZoom) through the rest. */
export const RANKING_ROWS = 25;
/** Units named in a ranking chart's label; the table below has every one. */
const LABEL_UNITS = 10;

/**
 * 单位得分排名: one category's units by final score, in rank order, as horizontal bars (unit names
 * along the vertical axis, one per row, never overlapping). A category of more than `RANKING_ROWS`
 * units shows its first rows and scrolls through the rest with a slider and the mouse wheel
 * (dataZoom); the height stays that of `RANKING_ROWS` rows, whatever the count.
 */
export const rankingChart = (category: Results['categories'][number]) => {
  const units = category.units;
  const long = units.length > RANKING_ROWS;
  const named = units.slice(0, LABEL_UNITS);
  const label = `${category.name}单位最终得分排名（条形图，共 ${units.length} 个单位）：${named
    .map((u) => `第 ${u.rank} 名 ${u.unitName} ${formatScore(u.finalCents)} 分`)
    .join('、')}${units.length > named.length ? '；其余单位见下方排名表' : ''}`;
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: long ? 48 : 24, top: 8, bottom: 32, containLabel: true },
    yAxis: {
      type: 'category',
      inverse: true,
      data: units.map((u) => `${u.rank}. ${u.unitName}`),
      axisLabel: { interval: 0, width: 150, overflow: 'truncate' },
    },
    xAxis: { type: 'value', name: '最终得分', nameLocation: 'middle', nameGap: 22, scale: true },
    dataZoom: long
      ? [
          {
            type: 'slider',
            yAxisIndex: 0,
            right: 8,
            width: 16,
            startValue: 0,
            endValue: RANKING_ROWS - 1,
            zoomLock: true,
            showDetail: false,
            brushSelect: false,
          },
          { type: 'inside', yAxisIndex: 0, startValue: 0, endValue: RANKING_ROWS - 1, zoomLock: true },
        ]
      : [],
    series: [
      {
        name: '最终得分',
        type: 'bar',
        data: units.map((u) => u.finalCents / 100),
        itemStyle: { color: '#2f6db5' },
      },
    ],
  };
  return { label, option, height: Math.min(units.length, RANKING_ROWS) * 22 + 48 };
};
