/** `count` (每发生一次扣 p 分): max(0, W − p × n). */
import { formatPoints } from '../decimal';
import type { CompiledLeaf, CompiledRule } from '../types';
import { type PeriodScore, scored } from './result';

type CountRule = Extract<CompiledRule, { type: 'count' }>;

/** Scores `occurrences` verified occurrences on a `count` leaf. */
export const scoreCount = (leaf: CompiledLeaf, rule: CountRule, occurrences: number): PeriodScore => {
  const deducted = rule.pCents * occurrences;
  const scoreCents = Number.isSafeInteger(deducted) && deducted < leaf.wCents ? leaf.wCents - deducted : 0;
  const exhausted = scoreCents === 0 && leaf.wCents > 0 ? '（扣完为止）' : '';
  return scored(
    scoreCents,
    `发生 ${occurrences} 次：${leaf.wText} − ${rule.pText} × ${occurrences} = ${formatPoints(scoreCents)}${exhausted}`,
  );
};
