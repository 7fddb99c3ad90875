/** `rating` (定性评价): mean of the raters' points, or of their grade bands as a share of W. */
import type { Band } from '../../../schemas/scenario';
import { formatPoints, mulDivHalfUp } from '../decimal';
import { formatOperand } from '../explain';
import { keepMarks } from '../raters';
import type { BandTable, CompiledLeaf, Mark } from '../types';
import { type PeriodScore, scored } from './result';

const BANDS: readonly Band[] = ['优', '良', '中', '差'];

const bandOf = (bands: BandTable, percent: Mark): string =>
  BANDS.find((band) => bands[band] === percent) ?? `${percent}%`;

/** Scores the marks of one period: cents on the points scale, percent of W on the band scale. */
export const scoreRating = (leaf: CompiledLeaf, marks: readonly Mark[]): PeriodScore => {
  if (leaf.rule.type !== 'rating') throw new Error(`internal: ${leaf.code} is not a rating leaf`);
  const { scale, bands } = leaf.rule;
  const { sorted, kept, highest, lowest } = keepMarks(marks);
  const count = kept.length;
  let total = 0;
  for (const mark of kept) total += mark;
  // Points: Σ cents / k. Bands: W × Σ percent / (100 × k). One rounding either way.
  const scoreCents =
    scale === 'points' ? mulDivHalfUp(total, 1, count) : mulDivHalfUp(leaf.wCents, total, 100 * count);
  const score = formatPoints(scoreCents);
  const label = scale === 'points' ? formatOperand : (mark: Mark) => bandOf(bands, mark);
  const listed = `${sorted.length} 位评分：${sorted.map(label).join('、')}`;
  const trimmed =
    highest !== undefined && lowest !== undefined
      ? `；去掉最高 ${label(highest)} 和最低 ${label(lowest)}`
      : '';
  if (scale === 'bands') {
    const terms = kept.map((mark) => `${mark}%`).join(' + ');
    return scored(scoreCents, `${listed}${trimmed}，${leaf.wText} × (${terms}) / ${count} = ${score}`);
  }
  const mean =
    count === 1 ? `得 ${score}` : `平均 (${kept.map(formatOperand).join(' + ')}) / ${count} = ${score}`;
  return scored(scoreCents, `${listed}${trimmed}，${mean}`);
};
