/** `deduction` (扣分制): max(0, W − Σ approved inspection deductions of the year). */
import { formatPoints } from '../decimal';
import { formatOperand } from '../explain';
import { type PeriodScore, scored } from './result';

export interface DeductionItem {
  cents: number;
  source: string;
}

/** Scores a deduction leaf of weight `wCents` from its approved deductions. */
export const scoreDeduction = (wCents: number, items: readonly DeductionItem[]): PeriodScore => {
  if (items.length === 0) return scored(wCents, `无扣分，得满分 ${formatPoints(wCents)}`);
  let total = 0;
  for (const item of items) total += item.cents;
  const scoreCents = total < wCents ? wCents - total : 0;
  const terms = items.map((item) => ` − ${formatOperand(item.cents)}（${item.source}）`).join('');
  const exhausted = scoreCents === 0 ? '（扣完为止）' : '';
  return scored(scoreCents, `${formatOperand(wCents)}${terms} = ${formatPoints(scoreCents)}${exhausted}`);
};
