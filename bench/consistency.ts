/**
 * Bench of the rater consistency report (docs/rater-consistency.md): 500 units × 7 raters × 20 rating
 * leaves (the scoring bench's municipal year, with 4 more of its leaves rated), the whole report with
 * outcome sensitivity, against one engine run on the same year. The sensitivity re-scores, per rater,
 * the leaves that rater marked (here every unit's 20 rating leaves of 80, the worst case), so the
 * target is at most raters + 2 engine runs (here 9×).
 *
 * Run: `npx tsx bench/consistency.ts`.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { buildConsistencyReport } from '../shared/domain/consistency';
import { computeResults } from '../shared/domain/scoring';
import type { Fact, Leaf, Scenario } from '../shared/schemas/scenario';
import { municipalYear } from './scoring';

const RUNS = 3;
const RATERS = 7;
/** The count leaves (L4) of these dimensions become points-scale rating leaves: 16 + 4 = 20. */
const EXTRA_RATED = new Set(['D0L4', 'D1L4', 'D2L4', 'D3L4']);

/** Deterministic marks in 0.1 steps of W = 1.25, rater R0 a little above the others. */
const marksOf = (unitIndex: number, code: string, period: string) =>
  Array.from({ length: RATERS }, (_, r) => {
    const spread = (unitIndex * 7 + r * 3 + code.length + period.charCodeAt(1)) % 5;
    return { raterId: `R${r}`, points: Math.min(12, 6 + spread + (r === 0 ? 1 : 0)) / 10 };
  });

/** The scoring bench's year with 20 rating leaves per unit. */
export const ratedYear = (unitCount: number): Scenario => {
  const year = municipalYear(unitCount);
  const rated = (leaf: Leaf): Leaf =>
    EXTRA_RATED.has(leaf.code)
      ? { ...leaf, measure: 'number', rule: { type: 'rating', scale: 'points' } }
      : leaf;
  const unitIndex = new Map(year.units.map((u, i) => [u.id, i]));
  const facts = year.facts.map((fact): Fact => {
    if (!EXTRA_RATED.has(fact.code)) return fact;
    const { occurrences: _occurrences, ...rest } = fact;
    return { ...rest, ratings: marksOf(unitIndex.get(fact.unitId) ?? 0, fact.code, fact.period) };
  });
  return {
    ...year,
    agreements: year.agreements.map((a) => ({
      ...a,
      indicators: a.indicators.map((d) => ({ ...d, leaves: d.leaves.map(rated) })),
    })),
    facts,
  };
};

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const timed = (fn: () => unknown): number => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

/** Runs the bench and returns its report. */
export async function run(): Promise<string> {
  const scenario = ratedYear(500);
  const ratingLeaves = scenario.agreements[0]?.indicators
    .flatMap((d) => d.leaves)
    .filter((l) => l.rule.type === 'rating').length;
  const marks = scenario.facts.reduce((n, fact) => n + (fact.ratings?.length ?? 0), 0);
  // Interleaved after one warm-up each, so a busy machine slows both sides alike.
  computeResults(scenario);
  const report = buildConsistencyReport(scenario);
  const engineMs: number[] = [];
  const reportMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    engineMs.push(timed(() => computeResults(scenario)));
    reportMs.push(timed(() => buildConsistencyReport(scenario)));
  }
  const engine = median(engineMs);
  const whole = median(reportMs);
  const flagged = report.raters.filter((r) => r.flag).map((r) => r.raterId);
  return [
    `consistency bench — ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}, node ${process.version}, load ${os.loadavg()[0]?.toFixed(1)}`,
    `input: 500 units, ${RATERS} raters, ${ratingLeaves} rating leaves per unit, ${marks} marks`,
    `one engine run (computeResults):              median ${engine.toFixed(0)} ms of ${RUNS}`,
    `report with sensitivity (buildConsistencyReport): median ${whole.toFixed(0)} ms of ${RUNS}`,
    `ratio report / engine: ${(whole / engine).toFixed(2)}× (target ≤ ${RATERS + 2}×: the actual results, ${RATERS} re-scores of the rated leaves, the statistics)`,
    `flagged: ${flagged.join(', ') || 'none'}`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await run());
}
