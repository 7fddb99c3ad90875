/**
 * The dashboard's charts read on a desk and a phone (issue 13): long dimension names lie on the
 * vertical axis of horizontal bars and wrap rather than overlap; every legend sits below the plot, so
 * it never covers an axis title; a unit's page has its own trend over the quarters.
 */
import { describe, expect, it } from 'vitest';
import type { Results } from '../../../web/src/api';
import {
  dimensionChart,
  gradeChart,
  trendChart,
  unitTrendChart,
} from '../../../web/src/pages/results/chart-options';

const unit = (unitId: string, grade: '优秀' | '合格', dimensions: [string, number][]) =>
  ({
    unitId,
    unitName: unitId,
    grade,
    baseCents: 8000,
    maxCents: 10000,
    dimensions: dimensions.map(([name, subtotalCents]) => ({ name, subtotalCents, maxCents: 5000 })),
  }) as unknown as Results['categories'][number]['units'][number];
const results = {
  asOfPeriod: 'Q4',
  categories: [
    {
      categoryId: 'c1',
      name: '基层医疗卫生机构',
      units: [
        unit('a', '优秀', [
          ['基本公共卫生服务与家庭医生签约', 4500],
          ['党风廉政建设与行风建设', 4000],
        ]),
        unit('b', '合格', [
          ['基本公共卫生服务与家庭医生签约', 3000],
          ['党风廉政建设与行风建设', 3500],
        ]),
      ],
    },
  ],
} as unknown as Results;

const legendAndAxes = (option: Record<string, unknown>) =>
  option as {
    legend?: { bottom?: number; top?: number };
    grid: { containLabel?: boolean };
  };

describe('dashboard charts', () => {
  it('lays dimension names on the vertical axis of horizontal bars, wrapped', () => {
    const { option } = dimensionChart(results) as unknown as {
      option: {
        yAxis: { type: string; data: string[]; axisLabel: { overflow: string } };
        xAxis: { type: string };
      };
    };
    expect(option.yAxis.type).toBe('category');
    expect(option.yAxis.data).toEqual(['基本公共卫生服务与家庭医生签约', '党风廉政建设与行风建设']);
    expect(option.yAxis.axisLabel.overflow).toBe('break');
    expect(option.xAxis.type).toBe('value');
  });

  it('puts every legend below the plot and keeps axis labels inside the chart', () => {
    const charts = [
      gradeChart(results),
      dimensionChart(results),
      trendChart([{ period: 'Q1', results }]),
      unitTrendChart([{ period: 'Q1', finalCents: 8000, baseCents: 8000, rank: 1 }]),
    ];
    for (const { option } of charts) {
      const { legend, grid } = legendAndAxes(option);
      expect(legend?.top).toBeUndefined();
      expect(legend?.bottom).toBe(0);
      expect(grid.containLabel).toBe(true);
    }
  });

  it('draws a unit’s final score over the quarters and says it in words', () => {
    const { label, option } = unitTrendChart([
      { period: 'Q1', finalCents: 2150, baseCents: 2150, rank: 3 },
      { period: 'Q2', finalCents: 4875, baseCents: 4800, rank: 2 },
    ]);
    expect(label).toBe(
      '本单位各季度累计最终得分（折线图）：截至第一季度 21.50 分（第 3 名）、截至第二季度 48.75 分（第 2 名）',
    );
    expect((option as { series: { data: number[] }[] }).series[0]?.data).toEqual([21.5, 48.75]);
  });
});
