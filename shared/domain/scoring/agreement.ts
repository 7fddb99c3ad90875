/**
 * Compiles an indicator tree (a template or a unit's agreement) into exact integers, collecting every
 * reason it cannot be scored instead of stopping at the first. Paths and messages are built only when
 * there is a problem: a municipal year compiles tens of thousands of leaves.
 */
import type { Band, Dimension, Leaf, Period, PeriodWeights, Value } from '../../schemas/scenario';

type LeafOverride = NonNullable<Leaf['byPeriod']>[Period] & {};

import { PERIOD_NAMES } from '../agreements/in-force';
import {
  type DecimalError,
  formatPoints,
  POINT_PLACES,
  scaledOf,
  VALUE_PLACES,
  VALUE_SCALE,
} from './decimal';
import { defaultRuleText, formatOperand } from './explain';
import { formatValue, formatValueNumber, MEASURE_LABELS, scaledValueOf } from './measures';
import { sortPeriods } from './periods';
import type { Problem } from './problems';
import { flat } from './rules/result';
import type { BandTable, CompiledLeaf, CompiledRule } from './types';

/** The leaves' `W` of one agreement sum to exactly this: the base score of 100 points. */
export const BASE_TOTAL_CENTS = 10_000;

export const DEFAULT_BANDS: BandTable = { 优: 100, 良: 80, 中: 60, 差: 40 };
const BANDS: readonly Band[] = ['优', '良', '中', '差'];

/** Path of a leaf field, built on demand: `at('.rule.floor')`. */
type At = (suffix: string) => string;

export interface CompiledAgreement {
  leaves: CompiledLeaf[];
  /** Leaf position by indicator code. */
  leafIndex: Map<string, number>;
  /** Every code of the tree, also of leaves that could not be compiled (their problems are reported). */
  codes: Set<string>;
  dimensions: string[];
}

const pointsMessage = { format: '不是有效的分值', precision: '最多 2 位小数', range: '过大' } as const;

/** Cents from non-negative points (≤ 2 decimals), or why they are refused. */
export const pointsOf = (raw: number | string): number | string => {
  const cents = scaledOf(raw, POINT_PLACES);
  if (typeof cents === 'string') return `${raw} ${pointsMessage[cents as DecimalError]}`;
  return cents < 0 ? `${raw} 不能为负数` : cents;
};

/** Reads points, recording a problem (`label` + reason at `path`) when they are refused. */
export const readPoints = (
  raw: number | string,
  path: string,
  label: string,
  problems: Problem[],
): number | null => {
  const cents = pointsOf(raw);
  if (typeof cents === 'number') return cents;
  problems.push({ path, message: `${label} ${cents}` });
  return null;
};

const readValue = (
  raw: Value | undefined,
  leaf: Leaf,
  at: At,
  field: string,
  label: string,
  problems: Problem[],
) => {
  if (raw === undefined) {
    problems.push({ path: at(field), message: `指标 ${leaf.code}：缺少${label}` });
    return null;
  }
  const value = scaledValueOf(raw, leaf.measure);
  if (typeof value === 'number') return value;
  const measure = `（计量单位：${MEASURE_LABELS[leaf.measure]}）`;
  problems.push({
    path: at(field),
    message: `指标 ${leaf.code}：${label} ${String(raw)} ${value}${measure}`,
  });
  return null;
};

const readLeafPoints = (
  raw: number | string,
  leaf: Leaf,
  at: At,
  field: string,
  label: string,
  problems: Problem[],
) => {
  const cents = pointsOf(raw);
  if (typeof cents === 'number') return cents;
  problems.push({ path: at(field), message: `指标 ${leaf.code}：${label} ${cents}` });
  return null;
};

const readBands = (
  bands: Partial<Record<Band, number>> | undefined,
  leaf: Leaf,
  at: At,
  problems: Problem[],
) => {
  if (bands === undefined) return DEFAULT_BANDS;
  const problem = (message: string) => {
    problems.push({ path: at('.rule.bands'), message: `指标 ${leaf.code}：${message}` });
    return null;
  };
  const missing = BANDS.filter((band) => bands[band] === undefined);
  if (missing.length > 0) return problem(`等级分值表未覆盖全部等级，缺少 ${missing.join('、')}`);
  const table = bands as Record<Band, number>;
  const bad = BANDS.filter((band) => !Number.isInteger(table[band]) || table[band] < 0 || table[band] > 100);
  if (bad.length > 0) return problem(`等级 ${bad.join('、')} 的分值须为 0–100 的整数百分比`);
  if (!(table.优 > table.良 && table.良 > table.中 && table.中 > table.差)) {
    return problem('等级分值须依次递减（优 > 良 > 中 > 差）');
  }
  return table;
};

const compileRule = (leaf: Leaf, at: At, problems: Problem[]): CompiledRule | null => {
  const { rule, measure, code } = leaf;
  if (measure === 'boolean' && (rule.type === 'linear' || rule.type === 'step')) {
    problems.push({ path: at('.rule'), message: `指标 ${code}：是/否类指标不能按比例或按步长计分` });
    return null;
  }
  switch (rule.type) {
    case 'threshold': {
      const target = readValue(leaf.target, leaf, at, '.target', '目标值', problems);
      return target === null ? null : { type: 'threshold', target, targetText: formatValue(target, measure) };
    }
    case 'linear': {
      const target = readValue(leaf.target, leaf, at, '.target', '目标值', problems);
      const floor = readValue(rule.floor, leaf, at, '.rule.floor', '零分值 F', problems);
      if (target === null || floor === null) return null;
      const t = formatValue(target, measure);
      const f = formatValue(floor, measure);
      if (floor === target) {
        problems.push({
          path: at('.rule.floor'),
          message: `指标 ${code}：零分值 F 不能等于目标值 T（${t}）`,
        });
        return null;
      }
      if (leaf.direction === 'higher' ? floor > target : floor < target) {
        const side =
          leaf.direction === 'higher' ? '越高越好的指标零分值 F 须低于' : '越低越好的指标零分值 F 须高于';
        problems.push({
          path: at('.rule.floor'),
          message: `指标 ${code}：${side}目标值 T（F = ${f}，T = ${t}）`,
        });
        return null;
      }
      return { type: 'linear', target, targetText: t, floor, floorText: f };
    }
    case 'step': {
      const target = readValue(leaf.target, leaf, at, '.target', '目标值', problems);
      const s = scaledOf(rule.s, VALUE_PLACES);
      const stepProblem =
        typeof s === 'string'
          ? `步长 s ${rule.s} 不是最多 4 位小数的数值`
          : s <= 0
            ? `步长 s 须大于 0（实际为 ${rule.s}）`
            : null;
      if (stepProblem) problems.push({ path: at('.rule.s'), message: `指标 ${code}：${stepProblem}` });
      const pCents = readLeafPoints(rule.p, leaf, at, '.rule.p', '每步扣分 p', problems);
      if (target === null || typeof s === 'string' || s <= 0 || pCents === null) return null;
      return {
        type: 'step',
        target,
        targetText: formatValue(target, measure),
        s,
        sText: formatValueNumber(s),
        pCents,
        pText: formatOperand(pCents),
        mode: rule.mode,
      };
    }
    case 'count': {
      const pCents = readLeafPoints(rule.p, leaf, at, '.rule.p', '每次扣分 p', problems);
      return pCents === null ? null : { type: 'count', pCents, pText: formatOperand(pCents) };
    }
    case 'completion': {
      const factor = scaledOf(rule.lateFactor, VALUE_PLACES);
      if (typeof factor === 'string' || factor < 0 || factor > VALUE_SCALE) {
        problems.push({
          path: at('.rule.lateFactor'),
          message: `指标 ${code}：逾期系数须为 0–1 之间、最多 4 位小数`,
        });
        return null;
      }
      return { type: 'completion', lateFactor: factor };
    }
    case 'rating': {
      const bands = readBands(rule.bands, leaf, at, problems);
      return bands === null ? null : { type: 'rating', scale: rule.scale, bands };
    }
    case 'deduction':
      return { type: 'deduction' };
  }
};

/**
 * Compiles one leaf, or records its problems and returns null. `path` is the leaf's path, or a
 * function giving the path of one of its fields (`at('.rule.floor')`).
 */
export const compileLeaf = (
  leaf: Leaf,
  path: string | At,
  dimension: { name: string; index: number },
  periodWeights: PeriodWeights | null,
  problems: Problem[],
): CompiledLeaf | null => {
  const at: At = typeof path === 'string' ? (suffix) => `${path}${suffix}` : path;
  const before = problems.length;
  const wCents = readLeafPoints(leaf.W, leaf, at, '.W', '分值 W', problems);
  const rule = compileRule(leaf, at, problems);
  if (leaf.defaultTarget !== undefined && rule !== null && 'target' in rule) {
    readValue(leaf.defaultTarget, leaf, at, '.defaultTarget', '默认目标值', problems);
  }
  const periods = sortPeriods(leaf.periods);
  if (periods.length !== leaf.periods.length) {
    problems.push({ path: at('.periods'), message: `指标 ${leaf.code}：考核期重复` });
  }
  if (periodWeights && periods.every((p) => periodWeights[p] === 0)) {
    problems.push({ path: at('.periods'), message: `指标 ${leaf.code}：所考核的各期权重均为 0，无法计分` });
  }
  if (wCents === null || rule === null || problems.length > before) return null;
  const compiled: CompiledLeaf = {
    code: leaf.code,
    name: leaf.name,
    dimension: dimension.name,
    dimensionIndex: dimension.index,
    wCents,
    wText: formatOperand(wCents),
    wScore: formatPoints(wCents),
    measure: leaf.measure,
    direction: leaf.direction,
    rule,
    periods,
    ruleText: leaf.ruleText ?? '',
  };
  if (leaf.ruleText === undefined) compiled.ruleText = flat(defaultRuleText(compiled));
  if (leaf.byPeriod) {
    const variants = compileVariants(leaf, compiled, at, dimension, problems);
    if (variants === null) return null;
    compiled.byPeriod = variants;
  }
  return compiled;
};

/** The periods a leaf is scored on another revision's target, rule and rule text. */
const compileVariants = (
  leaf: Leaf,
  main: CompiledLeaf,
  at: At,
  dimension: { name: string; index: number },
  problems: Problem[],
): Partial<Record<Period, CompiledLeaf>> | null => {
  const variants: Partial<Record<Period, CompiledLeaf>> = {};
  const before = problems.length;
  for (const [period, override] of Object.entries(leaf.byPeriod ?? {}) as [Period, LeafOverride][]) {
    const atPeriod: At = (suffix) => at(`.byPeriod.${period}${suffix}`);
    const rule = override.rule ?? leaf.rule;
    if (rule.type !== leaf.rule.type) {
      problems.push({
        path: atPeriod('.rule'),
        message: `指标 ${leaf.code}：${PERIOD_NAMES[period]}的评分规则类型须与全年相同`,
      });
      continue;
    }
    const { byPeriod: _byPeriod, ...plain } = leaf;
    const variant = compileLeaf(
      {
        ...plain,
        rule,
        target: override.target ?? leaf.target,
        ruleText: override.ruleText,
      },
      atPeriod,
      dimension,
      null,
      problems,
    );
    if (variant) variants[period] = { ...variant, periods: main.periods };
  }
  return problems.length > before ? null : variants;
};

/**
 * The rule text a leaf is shown with: the agreement's own, or the engine's wording of its rule, or
 * null when the leaf cannot be scored (see `validateAgreement` for why).
 * @example ruleTextOf(leaf) // '目标值 90%，每低于目标 1 个百分点扣 2 分，扣完为止'
 */
export const ruleTextOf = (leaf: Leaf): string | null =>
  compileLeaf(leaf, '', { name: '', index: 0 }, null, [])?.ruleText ?? null;

/**
 * Compiles an indicator tree: every leaf, unique codes, and leaf weights summing to exactly 100.
 * `path` is where the tree's owner sits (`agreements[3]`); problems are appended to `problems`.
 */
export const compileAgreement = (
  indicators: readonly Dimension[],
  path: string,
  periodWeights: PeriodWeights | null,
  problems: Problem[],
): CompiledAgreement => {
  const leaves: CompiledLeaf[] = [];
  const leafIndex = new Map<string, number>();
  const positions = new Map<string, [number, number]>();
  const leafPath = (d: number, l: number) => `${path}.indicators[${d}].leaves[${l}]`;
  let total = 0;
  let totalKnown = true;
  for (let d = 0; d < indicators.length; d++) {
    const dimension = indicators[d] as Dimension;
    const owner = { name: dimension.name, index: d };
    for (let l = 0; l < dimension.leaves.length; l++) {
      const leaf = dimension.leaves[l] as Leaf;
      const at: At = (suffix) => `${leafPath(d, l)}${suffix}`;
      const seen = positions.get(leaf.code);
      if (seen !== undefined) {
        problems.push({
          path: at('.code'),
          message: `指标编码 ${leaf.code} 重复（已用于 ${leafPath(...seen)}）`,
        });
      } else {
        positions.set(leaf.code, [d, l]);
      }
      const compiled = compileLeaf(leaf, at, owner, periodWeights, problems);
      const w = scaledOf(leaf.W, POINT_PLACES);
      if (typeof w === 'number') total += w;
      else totalKnown = false;
      if (compiled && seen === undefined) {
        leafIndex.set(compiled.code, leaves.length);
        leaves.push(compiled);
      }
    }
  }
  if (totalKnown && total !== BASE_TOTAL_CENTS) {
    problems.push({ path: `${path}.indicators`, message: `指标分值合计为 ${formatPoints(total)}，应为 100` });
  }
  return { leaves, leafIndex, codes: new Set(positions.keys()), dimensions: indicators.map((d) => d.name) };
};
