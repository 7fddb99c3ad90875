/**
 * The dashboard at a city's size (issue 15): with hundreds of units per category the aggregate
 * charts keep one bar or line per category, and 单位得分排名 shows one category a screen of rows at a
 * time, scrolling (dataZoom) through the rest, its label naming the first ten and pointing to the table.
 */
import { describe, expect, it } from 'vitest';
import type { Results } from '../../../web/src/api';
import {
  dimensionChart,
  gradeChart,
  RANKING_ROWS,
  rankingChart,
  trendChart,
} from '../../../web/src/pages/results/chart-options';

const GRADES = ['优秀', '良好', '合格', '不合格'] as const;
const CATEGORIES = [
  ['tertiary', '三级医院', 20],
  ['secondary', '二级医院', 60],
  ['specialist', '专科医院', 40],
  ['public-health', '公共卫生机构', 30],
  ['township', '乡镇卫生院', 200],
  ['community', '社区卫生服务中心', 150],
] as const;

/** A municipal year's results: 500 units in 6 categories, in rank order. */
const city = {
  asOfPeriod: 'Q3',
  categories: CATEGORIES.map(([categoryId, name, count]) => ({
    categoryId,
    name,
    unitCount: count,
    units: Array.from({ length: count }, (_, i) => ({
      unitId: `${categoryId}-${i + 1}`,
      unitName: `${name}第${i + 1}单位`,
      rank: i + 1,
      grade: GRADES[Math.min(3, Math.floor((i / count) * 4))],
      finalCents: 9500 - i * 10,
      baseCents: 9500 - i * 10,
      maxCents: 10000,
      scoreRateBasisPoints: 9500 - i * 10,
      dimensions: [
        { name: '医疗服务', subtotalCents: 4000 - i, maxCents: 5000 },
        { name: '公共卫生', subtotalCents: 4500 - i, maxCents: 5000 },
      ],
    })),
  })),
} as unknown as Results;

type Axis = { data: string[]; axisLabel: { interval: number; width: number; overflow: string } };

describe('charts at a city’s size', () => {
  it('keeps one bar or line per category in the aggregate charts, whatever the unit count', () => {
    const grade = gradeChart(city).option as { xAxis: Axis; series: unknown[] };
    expect(grade.xAxis.data).toHaveLength(6);
    expect(grade.xAxis.axisLabel).toMatchObject({ interval: 0, overflow: 'break' });
    const dimension = dimensionChart(city).option as { yAxis: Axis; series: unknown[] };
    expect(dimension.yAxis.data).toEqual(['医疗服务', '公共卫生']);
    expect(dimension.series).toHaveLength(6);
    expect(
      (trendChart([{ period: 'Q3', results: city }]).option as { series: unknown[] }).series,
    ).toHaveLength(6);
    // The words of the aggregate charts name categories, never 500 units.
    expect(gradeChart(city).label.length).toBeLessThan(600);
  });

  it('shows a long category a screen of rows at a time and scrolls through the rest', () => {
    const township = city.categories.find((c) => c.categoryId === 'township')!;
    const { option, label, height } = rankingChart(township) as unknown as {
      option: {
        yAxis: Axis & { inverse: boolean };
        dataZoom: { type: string; yAxisIndex: number; startValue: number; endValue: number }[];
        series: { data: number[] }[];
        grid: { containLabel: boolean };
      };
      label: string;
      height: number;
    };
    // Every unit is on the axis, in rank order, but only RANKING_ROWS rows show at once.
    expect(option.yAxis.data).toHaveLength(200);
    expect(option.yAxis.data[0]).toBe('1. 乡镇卫生院第1单位');
    expect(option.yAxis.inverse).toBe(true);
    expect(option.series[0]?.data[0]).toBe(95);
    expect(option.dataZoom.map((z) => z.type)).toEqual(['slider', 'inside']);
    for (const zoom of option.dataZoom) {
      expect(zoom).toMatchObject({ yAxisIndex: 0, startValue: 0, endValue: RANKING_ROWS - 1 });
    }
    // One label per row (interval 0) at ≥ 22 px a row, truncated to a width: labels never overlap.
    expect(option.yAxis.axisLabel).toMatchObject({ interval: 0, overflow: 'truncate' });
    expect(height / RANKING_ROWS).toBeGreaterThanOrEqual(22);
    expect(option.grid.containLabel).toBe(true);
    // The words name the first ten and send the reader to the table for the rest.
    expect(label).toContain('共 200 个单位');
    expect(label).toContain('第 10 名 乡镇卫生院第10单位 94.10 分');
    expect(label).not.toContain('第 11 名');
    expect(label).toContain('其余单位见下方排名表');
  });

  it('draws a short category whole, without a scroll bar', () => {
    const tertiary = city.categories.find((c) => c.categoryId === 'tertiary')!;
    const { option, height } = rankingChart(tertiary) as unknown as {
      option: { dataZoom: unknown[]; yAxis: Axis };
      height: number;
    };
    expect(option.dataZoom).toEqual([]);
    expect(option.yAxis.data).toHaveLength(20);
    expect(height).toBe(20 * 22 + 48);
  });
});
