/** `threshold` (达标得满分，未达标不得分): W if the value meets the target, else 0. */
import { formatValue } from '../measures';
import type { CompiledLeaf, CompiledRule } from '../types';
import { type PeriodScore, scored } from './result';

type ThresholdRule = Extract<CompiledRule, { type: 'threshold' }>;

/** Scores a verified value against the target of a `threshold` leaf. */
export const scoreThreshold = (leaf: CompiledLeaf, rule: ThresholdRule, value: number): PeriodScore => {
  const higher = leaf.direction === 'higher';
  const met = higher ? value >= rule.target : value <= rule.target;
  const v = formatValue(value, leaf.measure);
  const comparison =
    leaf.measure === 'boolean'
      ? `核定值 ${v}（目标 ${rule.targetText}）`
      : `核定值 ${v} ${met ? (higher ? '≥' : '≤') : higher ? '<' : '>'} 目标值 ${rule.targetText}`;
  return met
    ? scored(leaf.wCents, `${comparison}，达标，得满分 ${leaf.wScore}`)
    : scored(0, `${comparison}，未达标，得 0.00`);
};
