/**
 * The state of a queue item and the admin's progress view: counts per rater and per indicator, and
 * spread alerts where the raters of one `rating` leaf are far apart. Pure.
 */
import type { QueueState, SpreadAlert } from '../../schemas/scoring';

/** Returned to the unit wins (the rater waits for it); otherwise scored once a score is stored. */
export const queueState = (item: { reportedStatus: string | null; scored: boolean }): QueueState =>
  item.reportedStatus === 'returned' ? 'returned' : item.scored ? 'scored' : 'pending';

export interface Counts {
  scored: number;
  pending: number;
  returned: number;
}

const empty = (): Counts => ({ scored: 0, pending: 0, returned: 0 });

/** Counts states grouped by a key, in first-seen order of the keys given. */
export const countBy = <T>(items: readonly T[], key: (t: T) => string, state: (t: T) => QueueState) => {
  const counts = new Map<string, Counts>();
  for (const item of items) {
    const k = key(item);
    const c = counts.get(k) ?? empty();
    c[state(item)]++;
    counts.set(k, c);
  }
  return counts;
};

/** Raters of one leaf further apart than this share of W raise an alert (20 %). */
export const SPREAD_ALERT_PERCENT = 20;

/**
 * Spread alerts: for each unit/leaf/period with two or more marks, max − min above 20 % of W.
 * `marks` are cents (a band already turned into its share of W).
 */
export const spreadAlerts = (
  groups: readonly {
    unitId: string;
    code: string;
    period: SpreadAlert['period'];
    wCents: number;
    marks: { raterId: string; cents: number }[];
  }[],
): SpreadAlert[] =>
  groups.flatMap((g) => {
    if (g.marks.length < 2) return [];
    const cents = g.marks.map((m) => m.cents);
    const min = Math.min(...cents);
    const max = Math.max(...cents);
    // Integer comparison: (max − min) / W > 20 % ⇔ 100 × (max − min) > 20 × W.
    if (100 * (max - min) <= SPREAD_ALERT_PERCENT * g.wCents) return [];
    return [
      {
        unitId: g.unitId,
        code: g.code,
        period: g.period,
        wCents: g.wCents,
        minCents: min,
        maxCents: max,
        raters: [...g.marks].sort((a, b) => a.raterId.localeCompare(b.raterId)),
      },
    ];
  });
