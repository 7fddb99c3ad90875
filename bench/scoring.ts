/**
 * Bench of the scoring engine: a municipal-size year (500 units in 5 categories, 80 leaves each,
 * 4 periods, 7 raters on rating leaves) scored by `computeResults`, against a single pass that merely
 * adds up the same inputs per unit — the least any scorer has to do: read every input once and
 * attribute it to its unit. Reports the ratio of medians, and heap retained by the results at two sizes.
 *
 * Run: `npx tsx bench/scoring.ts` (add `--expose-gc` through NODE_OPTIONS for steadier heap figures).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { computeResults } from '../shared/domain/scoring';
import type { Fact, Leaf, Scenario } from '../shared/schemas/scenario';

const RUNS = 7;
const CATEGORIES = 5;
const DIMENSIONS = 8;
const LEAVES_PER_DIMENSION = 10;
const RATERS = 7;
const PERIODS = ['Q1', 'Q2', 'Q3', 'Q4'] as const;

/** Deterministic pseudo-random numbers, so every run scores the same year. */
const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

/** A rate with two decimals between `low` and 100. */
const rate = (next: () => number, low: number): number =>
  Math.round((low + next() * (100 - low)) * 100) / 100;

/** The agreement's rule text per leaf kind: real agreements carry it (written when they are issued). */
const RULE_TEXTS = [
  '达标得满分，未达标不得分',
  '按完成比例计分：达到目标得满分，60% 及以下不得分',
  '每低于目标 1 个百分点扣 0.25 分，扣完为止',
  '每低于目标 2 个百分点扣 0.3 分（不足 2 个百分点按 2 个计），扣完为止',
  '每发生一次扣 0.5 分，扣完为止',
  '按期完成得满分，逾期完成得 50%，未完成不得分',
  '定性评价：考核组成员打分，取平均分；5 人及以上去掉一个最高分和一个最低分',
  '定性评价：优、良、中、差分别得分值的 100%、80%、60%、40%',
  '按完成比例计分：不高于目标得满分，30 及以上不得分',
  '扣分制：明查暗访发现问题按次扣分，扣完为止',
];

const leafOf = (d: number, l: number, next: () => number): Leaf => {
  const code = `D${d}L${l}`;
  const common = {
    ruleText: RULE_TEXTS[l],
    code,
    name: `指标 ${code}`,
    W: 1.25,
    measure: 'rate' as const,
    direction: 'higher' as const,
    periods: [...PERIODS],
  };
  const target = 80 + Math.round(next() * 15);
  switch (l) {
    case 0:
      return { ...common, rule: { type: 'threshold' }, target };
    case 1:
      return { ...common, rule: { type: 'linear', floor: 60 }, target };
    case 2:
      return { ...common, rule: { type: 'step', s: 1, p: 0.25, mode: 'proportional' }, target };
    case 3:
      return { ...common, rule: { type: 'step', s: 2, p: 0.3, mode: 'ceil' }, target };
    case 4:
      return { ...common, measure: 'count', rule: { type: 'count', p: 0.5 } };
    case 5:
      return { ...common, rule: { type: 'completion', lateFactor: 0.5 } };
    case 6:
      return { ...common, rule: { type: 'rating', scale: 'points' } };
    case 7:
      return { ...common, rule: { type: 'rating', scale: 'bands' } };
    case 8:
      return {
        ...common,
        measure: 'number',
        direction: 'lower',
        rule: { type: 'linear', floor: 30 },
        target: 5,
      };
    default:
      return { ...common, rule: { type: 'deduction' }, periods: ['Q4'] };
  }
};

const factOf = (unitId: string, leaf: Leaf, period: (typeof PERIODS)[number], next: () => number): Fact => {
  const base = { unitId, code: leaf.code, period, verified: next() > 0.02 };
  switch (leaf.rule.type) {
    case 'count':
      return { ...base, occurrences: Math.floor(next() * 3) };
    case 'completion':
      return { ...base, completion: next() > 0.8 ? 'late' : 'on_time' };
    case 'rating':
      return {
        ...base,
        ratings: Array.from({ length: RATERS }, (_, r) =>
          leaf.rule.type === 'rating' && leaf.rule.scale === 'bands'
            ? { raterId: `R${r}`, band: (['优', '良', '中', '差'] as const)[Math.floor(next() * 4)] }
            : { raterId: `R${r}`, points: Math.round(next() * 12.5) / 10 },
        ),
      };
    default: {
      const value = leaf.measure === 'number' ? Math.round(next() * 4000) / 100 : rate(next, 55);
      return { ...base, reportedValue: value, verifiedValue: value };
    }
  }
};

/** A year of `unitCount` units spread over 5 categories. */
export const municipalYear = (unitCount: number): Scenario => {
  const next = random(unitCount);
  const categories = Array.from({ length: CATEGORIES }, (_, c) => ({ id: `C${c}`, name: `类别 ${c}` }));
  const units = Array.from({ length: unitCount }, (_, u) => ({
    id: `U${u}`,
    name: `单位 ${u}`,
    categoryId: `C${u % CATEGORIES}`,
  }));
  const agreements = units.map((unit) => ({
    unitId: unit.id,
    indicators: Array.from({ length: DIMENSIONS }, (_, d) => ({
      name: `一级指标 ${d}`,
      leaves: Array.from({ length: LEAVES_PER_DIMENSION }, (_, l) => leafOf(d, l, next)),
    })),
  }));
  const facts: Fact[] = [];
  for (const agreement of agreements) {
    for (const dimension of agreement.indicators) {
      for (const leaf of dimension.leaves) {
        if (leaf.rule.type === 'deduction') continue;
        for (const period of PERIODS) facts.push(factOf(agreement.unitId, leaf, period, next));
      }
    }
  }
  return {
    schemaVersion: 1,
    year: 2024,
    settings: {
      periodWeights: { Q1: 10, Q2: 10, Q3: 10, Q4: 70 },
      bonusCap: 5,
      penaltyCap: 3,
      excellentQuotaPercent: 20,
    },
    categories,
    units,
    agreements,
    facts,
    deductions: units
      .filter(() => next() > 0.7)
      .map((unit) => ({
        unitId: unit.id,
        code: 'D0L9',
        points: 0.5,
        source: '明查暗访',
        period: 'Q2' as const,
      })),
    bonuses: units
      .filter(() => next() > 0.8)
      .map((unit) => ({ unitId: unit.id, points: 1, title: '市级表彰' })),
    penalties: units
      .filter(() => next() > 0.9)
      .map((unit) => ({ unitId: unit.id, points: 0.5, title: '通报批评' })),
    vetoes: units
      .filter(() => next() > 0.99)
      .map((unit) => ({ unitId: unit.id, category: '安全生产责任事故', reason: '—' })),
  };
};

/** A number's value, a string's length, a boolean's 0/1: what "adding up" an input field means here. */
const num = (value: unknown): number =>
  typeof value === 'number'
    ? value
    : typeof value === 'string'
      ? value.length
      : typeof value === 'boolean'
        ? Number(value)
        : 0;

/**
 * The baseline: one pass that reads every input field the engine reads (each leaf's definition, each
 * fact with its marks, each item) and adds it into its unit's total. It computes nothing the engine
 * needs; it is the floor for any scorer that must look at all of its input and attribute it to units.
 */
export const sumInputs = (scenario: Scenario): Map<string, number> => {
  const totals = new Map<string, number>();
  const add = (unitId: string, amount: number) => totals.set(unitId, (totals.get(unitId) ?? 0) + amount);
  for (const agreement of scenario.agreements) {
    let total = 0;
    for (const dimension of agreement.indicators) {
      total += num(dimension.name);
      for (const leaf of dimension.leaves) {
        const rule = leaf.rule as Record<string, unknown>;
        total += num(leaf.code) + num(leaf.name) + num(leaf.W) + num(leaf.measure) + num(leaf.direction);
        total += num(leaf.target) + num(leaf.defaultTarget) + num(leaf.ruleText) + leaf.periods.length;
        total +=
          num(rule.type) +
          num(rule.floor) +
          num(rule.s) +
          num(rule.p) +
          num(rule.lateFactor) +
          num(rule.scale);
      }
    }
    add(agreement.unitId, total);
  }
  for (const fact of scenario.facts) {
    let total = num(fact.code) + num(fact.period) + num(fact.verified) + num(fact.verifiedValue);
    total += num(fact.reportedValue) + num(fact.occurrences) + num(fact.completion);
    for (const rating of fact.ratings ?? [])
      total += num(rating.raterId) + num(rating.points) + num(rating.band);
    add(fact.unitId, total);
  }
  for (const item of scenario.deductions)
    add(item.unitId, num(item.points) + num(item.code) + num(item.source));
  for (const item of [...scenario.bonuses, ...scenario.penalties])
    add(item.unitId, num(item.points) + num(item.title));
  for (const veto of scenario.vetoes) add(veto.unitId, num(veto.category) + num(veto.reason));
  return totals;
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

const collectGarbage = (): void => {
  v8.setFlagsFromString('--expose-gc');
  const gc = (globalThis as { gc?: () => void }).gc ?? (vm.runInNewContext('gc') as () => void);
  gc();
  gc();
};

/** Milliseconds of one call, starting from a collected heap so neither side pays for the other's garbage. */
const timeOnce = (fn: () => unknown): number => {
  collectGarbage();
  const start = performance.now();
  fn();
  return performance.now() - start;
};

/** Interleaved runs (after one warm-up each), so a busy machine slows both sides alike. */
const timeBoth = (engine: () => unknown, baseline: () => unknown) => {
  engine();
  baseline();
  const engineMs: number[] = [];
  const baselineMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    engineMs.push(timeOnce(engine));
    baselineMs.push(timeOnce(baseline));
  }
  return { engine: median(engineMs), baseline: median(baselineMs) };
};

/** Heap retained by the results of `unitCount` units (MB), measured after a full collection. */
const resultsHeapMb = (scenario: Scenario): number => {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const results = computeResults(scenario);
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  if (results.categories.length === 0) throw new Error('no results');
  return (after - before) / 1024 / 1024;
};

/** Runs the bench and returns its report. */
export async function run(): Promise<string> {
  const scenario = municipalYear(500);
  const leaves = scenario.agreements.length * DIMENSIONS * LEAVES_PER_DIMENSION;
  const ratings = scenario.facts.reduce((n, fact) => n + (fact.ratings?.length ?? 0), 0);
  const { engine, baseline } = timeBoth(
    () => computeResults(scenario),
    () => sumInputs(scenario),
  );
  const small = resultsHeapMb(municipalYear(250));
  const large = resultsHeapMb(scenario);
  return [
    `scoring bench — ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}, node ${process.version}, load ${os.loadavg()[0]?.toFixed(1)}`,
    `input: 500 units / 5 categories, ${leaves} leaves, ${scenario.facts.length} facts, ${ratings} ratings`,
    `engine (computeResults):  median ${engine.toFixed(1)} ms of ${RUNS}`,
    `baseline (sum the inputs): median ${baseline.toFixed(1)} ms of ${RUNS}`,
    `ratio engine / baseline:  ${(engine / baseline).toFixed(2)}×`,
    `heap retained by results: 250 units ${small.toFixed(1)} MB, 500 units ${large.toFixed(1)} MB (×${(large / small).toFixed(2)})`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await run());
}
