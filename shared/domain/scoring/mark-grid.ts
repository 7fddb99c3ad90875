/**
 * The marks a rater may give on the points scale: any 0.1 step in [0, W], or exactly W, so that full
 * marks are possible on a leaf whose W is off the grid (2.75 on a leaf worth 2.75).
 */
import { formatOperand } from './explain';

/** 0.1 point in cents. */
export const MARK_STEP_CENTS = 10;

/**
 * Whether `cents` is a mark a rater may give on a leaf worth `wCents`.
 * @example isMarkAllowed(275, 275) // true; isMarkAllowed(274, 275) // false; isMarkAllowed(270, 275) // true
 */
export const isMarkAllowed = (cents: number, wCents: number): boolean =>
  Number.isInteger(cents) &&
  cents >= 0 &&
  cents <= wCents &&
  (cents % MARK_STEP_CENTS === 0 || cents === wCents);

/**
 * The rule in the refusal's words; "或满分 W" only where W itself is off the grid.
 * @example markRuleText(275) // '评分须为 0–2.75 分、0.1 分一档或满分 2.75'
 */
export const markRuleText = (wCents: number): string => {
  const w = formatOperand(wCents);
  return `评分须为 0–${w} 分、0.1 分一档${wCents % MARK_STEP_CENTS === 0 ? '' : `或满分 ${w}`}`;
};
