/** When a rater or an indicator is flagged: the defaults, or the year's settings (`consistency`). */

export interface ConsistencyThresholds {
  /** A rater is flagged when |leniency| is beyond this, in hundredths of a percent of `W` (1000 = 10 %). */
  leniencyBp: number;
  /** …and only with at least this many co-rated items (items with another rater's mark). */
  minCoRatedItems: number;
  /** An item's marks agree when their range (highest − lowest) is within this (2000 = 20 % of `W`). */
  agreementRangeBp: number;
}

export const DEFAULT_THRESHOLDS: ConsistencyThresholds = {
  leniencyBp: 1000,
  minCoRatedItems: 5,
  agreementRangeBp: 2000,
};

/**
 * The thresholds of a year: its settings where it has them, the defaults otherwise.
 * @example thresholdsOf({ leniencyPercent: 8, minCoRatedItems: 3 }).leniencyBp // 800
 */
export const thresholdsOf = (
  settings: { leniencyPercent: number; minCoRatedItems: number } | undefined,
): ConsistencyThresholds =>
  settings
    ? {
        ...DEFAULT_THRESHOLDS,
        leniencyBp: settings.leniencyPercent * 100,
        minCoRatedItems: settings.minCoRatedItems,
      }
    : DEFAULT_THRESHOLDS;
