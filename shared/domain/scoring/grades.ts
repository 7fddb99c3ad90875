/** Grades within a category: 优秀 by score and quota, then 良好, 合格, 不合格; a veto is always 不合格. */
import type { Grade } from '../../schemas/results';

export const EXCELLENT_MIN_CENTS = 9_000;
export const GOOD_MIN_CENTS = 8_000;
export const PASS_MIN_CENTS = 6_000;

/**
 * Number of 优秀 places in a category: `percent` of its units rounded down, at least 1.
 * @example excellentQuota(9, 20) // 1; excellentQuota(10, 20) // 2
 */
export const excellentQuota = (unitCount: number, percent: number): number =>
  unitCount === 0 ? 0 : Math.max(1, Math.floor((unitCount * percent) / 100));

/** The grade of a unit from its final score, its rank and the category's 优秀 quota. */
export const gradeFor = (finalCents: number, rank: number, quota: number, vetoed: boolean): Grade => {
  if (vetoed) return '不合格';
  // Units sharing a rank are treated alike: all of them are within the quota or none is.
  if (finalCents >= EXCELLENT_MIN_CENTS && rank <= quota) return '优秀';
  if (finalCents >= GOOD_MIN_CENTS) return '良好';
  if (finalCents >= PASS_MIN_CENTS) return '合格';
  return '不合格';
};
