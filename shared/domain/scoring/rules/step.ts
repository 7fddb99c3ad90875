/** `step` (每低于目标 s 扣 p 分，扣完为止): max(0, W − p × d / s), or p × ⌈d / s⌉ in ceil mode. */
import { ceilDiv, formatPoints, mulSubDivHalfUp } from '../decimal';
import { formatValue, formatValueNumber } from '../measures';
import type { CompiledLeaf, CompiledRule } from '../types';
import { type PeriodScore, scored } from './result';

type StepRule = Extract<CompiledRule, { type: 'step' }>;

/** Scores a verified value on a `step` leaf. */
export const scoreStep = (leaf: CompiledLeaf, rule: StepRule, value: number): PeriodScore => {
  const higher = leaf.direction === 'higher';
  const { target, s, pCents, targetText: t, sText, pText } = rule;
  const v = formatValue(value, leaf.measure);
  const shortfall = higher ? target - value : value - target;
  if (shortfall <= 0) {
    return scored(leaf.wCents, `核定值 ${v} ${higher ? '≥' : '≤'} 目标值 ${t}，得满分 ${leaf.wScore}`);
  }
  // Dates differ in days; other measures show the subtraction itself.
  const d =
    leaf.measure === 'date' ? formatValueNumber(shortfall) : higher ? `(${t} − ${v})` : `(${v} − ${t})`;
  const w = leaf.wText;
  let scoreCents: number;
  let formula: string;
  if (rule.mode === 'ceil') {
    const steps = ceilDiv(shortfall, s);
    const deducted = pCents * steps;
    scoreCents = Number.isSafeInteger(deducted) && deducted < leaf.wCents ? leaf.wCents - deducted : 0;
    formula = `${w} − ${pText} × ⌈${d} / ${sText}⌉ = ${w} − ${pText} × ${steps}`;
  } else {
    // W − p × d / s = (W × s − p × d) / s, rounded once.
    scoreCents = mulSubDivHalfUp(leaf.wCents, s, pCents, shortfall, s);
    formula = `${w} − ${pText} × ${d} / ${sText}`;
  }
  const exhausted = scoreCents === 0 ? '（扣完为止）' : '';
  return scored(scoreCents, `${formula} = ${formatPoints(scoreCents)}${exhausted}`);
};
