/** Several raters on one rating indicator: the mean, without the extremes when there are 5 or more. */
import type { Mark } from './types';

/** From this many raters on, the single highest and single lowest mark are dropped (去掉最高分和最低分). */
export const TRIM_FROM_RATERS = 5;

export interface KeptMarks {
  /** All marks, highest first, so neither the score nor its wording depends on the raters' order. */
  sorted: Mark[];
  kept: Mark[];
  /** The dropped marks, when there were 5 or more. */
  highest?: Mark;
  lowest?: Mark;
}

const descending = (a: Mark, b: Mark): number => b - a;

/**
 * Sorts the marks and drops one highest and one lowest when there are 5 or more; of several equal
 * highest (or lowest) marks only one is dropped.
 * @example keepMarks([20, 20, 18, 16, 15]).kept // [20, 18, 16]
 */
export const keepMarks = (marks: readonly Mark[]): KeptMarks => {
  const sorted = [...marks].sort(descending);
  if (sorted.length < TRIM_FROM_RATERS) return { sorted, kept: sorted };
  return { sorted, kept: sorted.slice(1, -1), highest: sorted[0], lowest: sorted[sorted.length - 1] };
};
