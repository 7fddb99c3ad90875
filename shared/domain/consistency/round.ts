/** Integer arithmetic shared by the consistency statistics. */

/**
 * `n / d` rounded half away from zero, for a signed `n` and `d > 0`.
 * @example roundDiv(-5, 2) // -3; roundDiv(5, 2) // 3; roundDiv(4, 3) // 1
 */
export const roundDiv = (n: number, d: number): number => {
  const q = Math.floor((2 * Math.abs(n) + d) / (2 * d));
  return n < 0 ? -q : q;
};

/** The population standard deviation of integers, rounded to an integer. */
export const spreadOf = (values: readonly number[]): number => {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  let squares = 0;
  for (const v of values) squares += (v * values.length - sum) ** 2;
  // Σ(n·v − Σ)² / n³ is the variance, kept in integers until the square root.
  return Math.round(Math.sqrt(squares / values.length ** 3));
};
