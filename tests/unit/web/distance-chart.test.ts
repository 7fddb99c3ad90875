/**
 * The committee's chart of the distance 自评 − 审定 (docs/review-stages.md): the units that overclaim
 * most and the indicators most overclaimed, as horizontal bars (names along the vertical axis,
 * wrapped, never overlapping), largest first, with a label stating the data in words.
 */
import { describe, expect, it } from 'vitest';
import type { DistanceReport } from '../../../shared/schemas/review-stages';
import { distanceCharts } from '../../../web/src/pages/reviews/distance-chart';

const report = {
  year: 2026,
  rows: [],
  byUnit: [
    { unitId: 'u1', unitName: '城关镇卫生院', items: 3, overclaimed: 2, distanceCents: 350 },
    { unitId: 'u2', unitName: '河口乡卫生院', items: 3, overclaimed: 1, distanceCents: 150 },
    { unitId: 'u3', unitName: '县人民医院', items: 3, overclaimed: 0, distanceCents: 0 },
  ],
  byIndicator: [
    { code: 'A1', name: '家庭医生签约服务覆盖率', items: 3, overclaimed: 2, distanceCents: 300 },
    { code: 'A2', name: '行风建设', items: 3, overclaimed: 1, distanceCents: 200 },
  ],
} as unknown as DistanceReport;

describe('the distance 自评 − 审定 charts', () => {
  it('bars the overclaiming units and indicators, largest first, names along the vertical axis', () => {
    const [units, indicators] = distanceCharts(report);
    expect(units?.option).toMatchObject({
      yAxis: { type: 'category', inverse: true, data: ['城关镇卫生院', '河口乡卫生院'] },
      xAxis: { type: 'value' },
      series: [{ type: 'bar', data: [3.5, 1.5] }],
    });
    expect(indicators?.option).toMatchObject({
      yAxis: { data: ['A1 家庭医生签约服务覆盖率', 'A2 行风建设'], axisLabel: { overflow: 'break' } },
      series: [{ data: [3, 2] }],
    });
  });

  it('states the data in its label, and leaves out units that did not overclaim', () => {
    const [units, indicators] = distanceCharts(report);
    expect(units?.label).toBe(
      '自评高于审定最多的单位（条形图，自评 − 审定）：城关镇卫生院 3.50 分（2 项偏高）、河口乡卫生院 1.50 分（1 项偏高）',
    );
    expect(units?.label).not.toContain('县人民医院');
    expect(indicators?.label).toContain('A1 家庭医生签约服务覆盖率 3.00 分（2 项偏高）');
  });

  it('draws nothing when no item was overclaimed', () => {
    expect(distanceCharts({ ...report, byUnit: [], byIndicator: [] })).toEqual([]);
  });
});
