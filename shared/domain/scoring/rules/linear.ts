/** `linear` (按完成比例计分): W × clamp((v − F) / (T − F), 0, 1), mirrored when lower is better. */
import { formatPoints, mulDivHalfUp } from '../decimal';
import { formatValue } from '../measures';
import type { CompiledLeaf, CompiledRule } from '../types';
import { type PeriodScore, scored } from './result';

type LinearRule = Extract<CompiledRule, { type: 'linear' }>;

/** Scores a verified value on a `linear` leaf. */
export const scoreLinear = (leaf: CompiledLeaf, rule: LinearRule, value: number): PeriodScore => {
  const higher = leaf.direction === 'higher';
  const { target, floor, targetText: t, floorText: f } = rule;
  const v = formatValue(value, leaf.measure);
  // Validation guarantees F < T (higher) or F > T (lower), so the denominator is positive.
  const num = higher ? value - floor : floor - value;
  const den = higher ? target - floor : floor - target;
  if (num <= 0) return scored(0, `核定值 ${v} ${higher ? '≤' : '≥'} 零分值 ${f}，得 0.00`);
  if (num >= den) {
    return scored(leaf.wCents, `核定值 ${v} ${higher ? '≥' : '≤'} 目标值 ${t}，得满分 ${leaf.wScore}`);
  }
  const scoreCents = mulDivHalfUp(leaf.wCents, num, den);
  const w = leaf.wText;
  const formula = higher ? `${w} × (${v} − ${f}) / (${t} − ${f})` : `${w} × (${f} − ${v}) / (${f} − ${t})`;
  return scored(scoreCents, `${formula} = ${formatPoints(scoreCents)}`);
};
