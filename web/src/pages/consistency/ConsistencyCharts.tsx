/**
 * The consistency report's charts (ECharts, loaded on demand like the dashboard's): each rater's
 * leniency against the band the year allows, and the mean spread of each rating indicator against
 * the agreement threshold. Horizontal bars, one row per rater or indicator, so no two labels share a
 * place however many there are; each chart states its data in words (aria-label).
 */
import { useMemo } from 'preact/hooks';
import type { ConsistencyReportView } from '../../api';
import { Chart } from '../results/Chart';

const ROW_PX = 32;
const heightFor = (rows: number) => Math.max(160, rows * ROW_PX + 70);
const pct = (bp: number) => Math.round(bp) / 100;
const FLAGGED = '#b42318';
const PLAIN = '#2f6db5';
const BAND = 'rgba(27, 110, 58, 0.12)';
/** Long indicator names are cut on the axis (the full name is in the table and the aria-label). */
const AXIS_LABEL = { width: 110, overflow: 'truncate', interval: 0 } as const;

const leniencyChart = (report: ConsistencyReportView) => {
  const band = pct(report.thresholds.leniencyBp);
  const values = report.raters.map((r) => pct(r.leniencyBp));
  const reach = Math.ceil(Math.max(band, ...values.map(Math.abs)) / 5) * 5 + 5;
  const label = `各评分人宽严偏差（横向柱状图，容许范围 ±${band}%）：${report.raters
    .map(
      (r, i) =>
        `${r.raterName} ${values[i] && values[i] > 0 ? '+' : ''}${values[i]}%${r.flag ? '（评分尺度偏差）' : ''}`,
    )
    .join('；')}`;
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 30, bottom: 24, containLabel: true },
    xAxis: { type: 'value', min: -reach, max: reach, name: '%', axisLabel: { formatter: '{value}' } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: report.raters.map((r) => r.raterName),
      axisLabel: AXIS_LABEL,
    },
    series: [
      {
        name: '宽严偏差（%）',
        type: 'bar',
        barMaxWidth: 18,
        data: report.raters.map((r, i) => ({
          value: values[i],
          itemStyle: { color: r.flag ? FLAGGED : PLAIN },
        })),
        markArea: {
          silent: true,
          itemStyle: { color: BAND },
          label: { show: true, position: 'insideTop', formatter: `容许范围 ±${band}%` },
          data: [[{ xAxis: -band }, { xAxis: band }]],
        },
      },
    ],
  };
  return { label, option, height: heightFor(report.raters.length) };
};

const spreadChart = (report: ConsistencyReportView) => {
  const limit = pct(report.thresholds.agreementRangeBp);
  const names = report.indicators.map((i) => `${i.code} ${i.name}`);
  const values = report.indicators.map((i) => pct(i.meanRangeBp));
  const label = `各评分指标平均极差（横向柱状图，一致的界限 ${limit}%）：${names
    .map((n, i) => `${n} ${values[i]}%`)
    .join('；')}`;
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 30, bottom: 24, containLabel: true },
    xAxis: { type: 'value', min: 0, max: Math.max(limit, ...values) + 5, name: '%' },
    yAxis: { type: 'category', inverse: true, data: names, axisLabel: AXIS_LABEL },
    series: [
      {
        name: '平均极差（占分值 %）',
        type: 'bar',
        barMaxWidth: 18,
        data: values.map((v) => ({ value: v, itemStyle: { color: v > limit ? FLAGGED : PLAIN } })),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#1b6e3a', type: 'dashed' },
          label: { formatter: `${limit}%`, position: 'end' },
          data: [{ xAxis: limit }],
        },
      },
    ],
  };
  return { label, option, height: heightFor(report.indicators.length) };
};

export const ConsistencyCharts = ({ report }: { report: ConsistencyReportView }) => {
  const leniency = useMemo(() => leniencyChart(report), [report]);
  const spread = useMemo(() => (report.indicators.length > 0 ? spreadChart(report) : null), [report]);
  return (
    <div class="chart-grid">
      <figure class="chart-figure">
        <figcaption>评分人宽严偏差</figcaption>
        <Chart label={leniency.label} option={leniency.option} height={leniency.height} />
      </figure>
      {spread && (
        <figure class="chart-figure">
          <figcaption>指标平均极差</figcaption>
          <Chart label={spread.label} option={spread.option} height={spread.height} />
        </figure>
      )}
    </div>
  );
};
