/**
 * The committee's charts of the distance 自评 − 审定, pure (tested without a browser): the units
 * that overclaim most and the indicators most overclaimed, largest first. Horizontal bars, so long
 * names lie along the vertical axis and wrap rather than overlap; each label states the data.
 */
import type { DistanceReport } from '../../../../shared/schemas/review-stages';
import { formatScore } from '../../format';

/** The bars a chart shows at most: the largest overclaims are what the committee acts on. */
const TOP = 10;
const ROW_PX = 36;
const GRID = { left: 8, right: 24, top: 8, bottom: 36, containLabel: true };

type Bar = { name: string; overclaimed: number; distanceCents: number };

const barChart = (title: string, bars: readonly Bar[]) => {
  const shown = bars
    .filter((b) => b.distanceCents > 0)
    .sort((a, b) => b.distanceCents - a.distanceCents)
    .slice(0, TOP);
  if (shown.length === 0) return null;
  const label = `${title}（条形图，自评 − 审定）：${shown
    .map((b) => `${b.name} ${formatScore(b.distanceCents)} 分（${b.overclaimed} 项偏高）`)
    .join('、')}`;
  const option = {
    tooltip: { trigger: 'axis' },
    grid: GRID,
    yAxis: {
      type: 'category',
      data: shown.map((b) => b.name),
      inverse: true,
      axisLabel: { interval: 0, width: 120, overflow: 'break' },
    },
    xAxis: { type: 'value', name: '自评 − 审定（分）', nameLocation: 'middle', nameGap: 24 },
    series: [
      {
        name: '自评高于审定',
        type: 'bar',
        itemStyle: { color: '#b7791f' },
        data: shown.map((b) => b.distanceCents / 100),
      },
    ],
  };
  return { title, label, option, height: GRID.top + GRID.bottom + 24 + shown.length * ROW_PX };
};

/** The units' chart and the indicators' chart, each only where some item was overclaimed. */
export const distanceCharts = (report: DistanceReport) =>
  [
    barChart(
      '自评高于审定最多的单位',
      report.byUnit.map((u) => ({ ...u, name: u.unitName })),
    ),
    barChart(
      '自评高估最多的指标',
      report.byIndicator.map((i) => ({ ...i, name: `${i.code} ${i.name}` })),
    ),
  ].filter((c) => c !== null);
