/**
 * The users' words for the parts of an indicator, shared by the API's messages, the Excel workbook,
 * the printed agreement and the web pages, so one concept has one name everywhere.
 */
import type { AgreementState } from '../../schemas/agreement';
import type { Direction, Measure, Period, Rule, RuleType, Value } from '../../schemas/scenario';

export const AGREEMENT_STATE_LABELS = {
  draft: '草稿',
  issued: '已下达',
  signed: '已签订',
  locked: '已锁定',
} as const satisfies Record<AgreementState, string>;

export const MEASURE_LABELS: Record<Measure, string> = {
  rate: '比率',
  count: '计数',
  number: '数值',
  boolean: '是否',
  date: '日期',
};

export const DIRECTION_LABELS: Record<Direction, string> = { higher: '越高越好', lower: '越低越好' };

export const RULE_LABELS: Record<RuleType, string> = {
  threshold: '达标计分',
  linear: '比例计分',
  step: '步长扣分',
  count: '按次扣分',
  completion: '按期完成',
  rating: '定性评价',
  deduction: '扣分制',
};

/** Rules scored from a target: the ones whose leaves need a target value. */
export const TARGET_RULES: readonly RuleType[] = ['threshold', 'linear', 'step'];

export const PERIODS: readonly Period[] = ['Q1', 'Q2', 'Q3', 'Q4'];

/** '季度' for Q1–Q4, '年度' for Q4 only, otherwise the list ('Q2、Q4'). */
export const formatPeriods = (periods: readonly Period[]): string => {
  const sorted = PERIODS.filter((p) => periods.includes(p));
  if (sorted.length === 4) return '季度';
  if (sorted.length === 1 && sorted[0] === 'Q4') return '年度';
  return sorted.join('、');
};

/** A value as the agreement prints it: '90%', '是', '2026-06-30', '3'. */
export const formatTarget = (value: Value | undefined, measure: Measure): string => {
  if (value === undefined || value === '') return '—';
  if (measure === 'boolean' || typeof value === 'boolean')
    return value === true ? '是' : value === false ? '否' : String(value);
  if (measure === 'rate') return `${value}%`;
  return String(value);
};

/** The rule and its parameters in one line: '步长扣分（s = 1，p = 2）'. */
export const describeRule = (rule: Rule): string => {
  const label = RULE_LABELS[rule.type];
  switch (rule.type) {
    case 'linear':
      return `${label}（零分值 F = ${String(rule.floor)}）`;
    case 'step':
      return `${label}（s = ${rule.s}，p = ${rule.p}${rule.mode === 'ceil' ? '，不足一步按一步计' : ''}）`;
    case 'count':
      return `${label}（每次 ${rule.p} 分）`;
    case 'completion':
      return `${label}（逾期系数 ${rule.lateFactor}）`;
    case 'rating':
      return `${label}（${rule.scale === 'bands' ? '按等级' : '打分'}）`;
    default:
      return label;
  }
};

/** Labels of the leaf fields, as the diff and the messages name them. */
export const LEAF_FIELD_LABELS = {
  dimension: '一级指标',
  code: '指标编码',
  name: '指标名称',
  W: '分值',
  measure: '计量单位',
  direction: '指标方向',
  rule: '评分规则',
  target: '目标值',
  defaultTarget: '默认目标值',
  periods: '考核期',
  ruleText: '评分标准',
  evidence: '材料要求',
  department: '责任科室',
} as const;
