/**
 * The layout of the template workbook (指标模板导入表), shared by the writer and the reader so that
 * export → edit → import round-trips: sheet names, column headers and the words allowed in cells.
 * Columns are found by their header text, so a user may reorder them.
 */

import { DIRECTION_LABELS, MEASURE_LABELS, RULE_LABELS } from '../domain/agreements/labels';
import type { Direction, Measure, RuleType } from '../schemas/scenario';

export const SHEETS = {
  guide: '填写说明',
  indicators: '指标模板',
  targets: '单位目标值',
  agreements: '责任书',
} as const;

export interface ColumnSpec {
  key: string;
  header: string;
  width: number;
  required?: boolean;
  note: string;
  /** Allowed words, offered as a drop-down in the cell. */
  list?: readonly string[];
}

const invert = <K extends string>(labels: Record<K, string>) =>
  new Map(Object.entries(labels).map(([k, v]) => [v as string, k as K]));

export const MEASURE_BY_LABEL = invert<Measure>(MEASURE_LABELS);
export const DIRECTION_BY_LABEL = invert<Direction>(DIRECTION_LABELS);
export const RULE_BY_LABEL = invert<RuleType>(RULE_LABELS);
export const YES_NO = ['是', '否'] as const;
export const RATING_SCALES = { points: '打分', bands: '等级' } as const;
export const PERIOD_WORDS = ['季度', '年度', 'Q1', 'Q2', 'Q3', 'Q4'] as const;

export const INDICATOR_COLUMNS = [
  {
    key: 'category',
    header: '单位类别',
    width: 18,
    required: true,
    note: '单位类别名称，如 基层医疗卫生机构',
  },
  {
    key: 'dimension',
    header: '一级指标',
    width: 16,
    required: true,
    note: '一级指标名称，同名的行归入同一个一级指标',
  },
  {
    key: 'code',
    header: '指标编码',
    width: 10,
    required: true,
    note: '字母、数字、点，如 2.1；同一类别内不能重复',
  },
  { key: 'name', header: '指标名称', width: 22, required: true, note: '如 孕产妇系统管理率' },
  {
    key: 'W',
    header: '分值',
    width: 8,
    required: true,
    note: '分值（分），最多 2 位小数；同一类别合计须为 100',
  },
  {
    key: 'measure',
    header: '计量单位',
    width: 10,
    required: true,
    note: '比率（0–100，单位 %）、计数、数值、是否、日期',
    list: Object.values(MEASURE_LABELS),
  },
  {
    key: 'direction',
    header: '指标方向',
    width: 10,
    note: '越高越好 或 越低越好（空为越高越好）',
    list: Object.values(DIRECTION_LABELS),
  },
  {
    key: 'rule',
    header: '评分规则',
    width: 11,
    required: true,
    note: '达标计分、比例计分、步长扣分、按次扣分、按期完成、定性评价、扣分制',
    list: Object.values(RULE_LABELS),
  },
  {
    key: 'defaultTarget',
    header: '默认目标值',
    width: 11,
    note: '达标计分、比例计分、步长扣分须填写；比率填 90 表示 90%',
  },
  { key: 'floor', header: '零分值F', width: 9, note: '比例计分：得 0 分的值' },
  { key: 's', header: '步长s', width: 8, note: '步长扣分：每低于（或高于）目标多少扣一次分' },
  { key: 'p', header: '扣分p', width: 8, note: '步长扣分：每步扣分；按次扣分：每次扣分' },
  { key: 'ceil', header: '不足一步按一步计', width: 10, note: '步长扣分：是 或 否（空为否）', list: YES_NO },
  {
    key: 'lateFactor',
    header: '逾期得分系数',
    width: 10,
    note: '按期完成：逾期完成得分值的比例，0–1（空为 0.5）',
  },
  {
    key: 'ratingScale',
    header: '评价方式',
    width: 9,
    note: '定性评价：打分 或 等级（优良中差）；空为打分',
    list: Object.values(RATING_SCALES),
  },
  {
    key: 'bands',
    header: '等级分值',
    width: 16,
    note: '定性评价按等级时各等级得分值的百分比，如 优100 良80 中60 差40；空为默认',
  },
  {
    key: 'periods',
    header: '考核期',
    width: 10,
    required: true,
    note: '季度（Q1–Q4）、年度（仅 Q4），或列出如 Q2、Q4',
    list: ['季度', '年度'],
  },
  { key: 'ruleText', header: '评分标准', width: 30, note: '责任书上印的评分标准；空则按规则自动生成' },
  { key: 'evidence', header: '材料要求', width: 30, note: '需上报的佐证材料' },
  { key: 'department', header: '责任科室', width: 14, note: '局机关负责审核的科室' },
  {
    key: 'keywords',
    header: '别名/关键词',
    width: 18,
    note: '工作总结里对该指标的其他写法，用顿号分隔，如 参合率；用于从工作总结提取数值',
  },
] as const satisfies readonly ColumnSpec[];

export const TARGET_COLUMNS = [
  { key: 'unit', header: '单位名称', width: 26, required: true, note: '单位名称（或单位编号）' },
  { key: 'code', header: '指标编码', width: 10, required: true, note: '该单位所属类别模板中的指标编码' },
  { key: 'name', header: '指标名称', width: 22, note: '仅供阅读，导入时不使用' },
  {
    key: 'target',
    header: '目标值',
    width: 10,
    required: true,
    note: '本单位的目标值，覆盖模板的默认目标值',
  },
] as const satisfies readonly ColumnSpec[];

export const AGREEMENT_COLUMNS = [
  { key: 'category', header: '单位类别', width: 18, required: true, note: '单位类别名称' },
  {
    key: 'title',
    header: '责任书标题',
    width: 40,
    required: true,
    note: '如 2026年度清河县卫生健康目标管理责任书',
  },
  { key: 'partyA', header: '甲方', width: 22, required: true, note: '如 清河县卫生健康局' },
] as const satisfies readonly ColumnSpec[];

export type IndicatorKey = (typeof INDICATOR_COLUMNS)[number]['key'];

/** Rows whose first cell starts with this are examples: shown in the workbook, never imported. */
export const EXAMPLE_MARK = '示例';

/** Excel column letter of a 1-based column number. */
export const columnLetter = (n: number): string => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};
