/** `completion` (按期完成得满分): on time W, late W × lateFactor, not done 0. */
import type { CompletionStatus } from '../../../schemas/scenario';
import { formatPoints, mulDivHalfUp, VALUE_SCALE } from '../decimal';
import { formatValueNumber } from '../measures';
import type { CompiledLeaf } from '../types';
import { type PeriodScore, scored } from './result';

/** Scores a verified completion status; `lateFactor` is scaled by 10^4 (0.5 → 5000). */
export const scoreCompletion = (
  leaf: CompiledLeaf,
  lateFactor: number,
  status: CompletionStatus,
): PeriodScore => {
  if (status === 'on_time') return scored(leaf.wCents, `按期完成，得满分 ${leaf.wScore}`);
  if (status === 'not_done') return scored(0, '未完成，得 0.00');
  const scoreCents = mulDivHalfUp(leaf.wCents, lateFactor, VALUE_SCALE);
  return scored(
    scoreCents,
    `逾期完成：${leaf.wText} × ${formatValueNumber(lateFactor)} = ${formatPoints(scoreCents)}`,
  );
};
