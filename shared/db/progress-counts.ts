/**
 * 评分进度 above the live limit (a municipal year): each rater's counts of a period from counting
 * Queries (Select COUNT, nothing sent back) over the rater's own partition — their assignments and
 * their ratings of the period — instead of reading every assigned unit's period. A counting Query
 * still reads what it counts (DynamoDB bills the scanned items): the rater's assignments and ratings
 * of the period, no unit, no fact, no item. The raters are the users with the rater role (one Query
 * of the users); those without an assignment in the period are left out, as in the whole view.
 */
import type { ScoringProgress } from '../schemas/scoring';
import type { Period } from '../schemas/year';
import { listSheets } from './assignment-repo';
import type { Db } from './client';
import { listUsers } from './org-repo';
import { mapLimit } from './parallel';
import { countRaterQueue } from './queue-pages';

/** Raters counted at once (two counting Queries each). */
const RATERS_IN_FLIGHT = 8;

/**
 * The counted view: `scored` is the rater's ratings of the period (all of their assignments once
 * their sheet is finalized), `pending` the rest of their assignments, `returned` is not counted (0: a returned item is the unit's state, not the rater's),
 * no per-indicator counts and no spread alerts (they need every unit's ratings).
 */
export const countedScoringProgress = async (
  db: Db,
  year: number,
  period: Period,
): Promise<ScoringProgress> => {
  const raters = (await listUsers(db))
    .filter((u) => u.roles.includes('rater'))
    .sort((a, b) => a.id.localeCompare(b.id));
  const counted = await mapLimit(raters, RATERS_IN_FLIGHT, async (u) => ({
    user: u,
    ...(await countRaterQueue(db, year, u.id, period)),
  }));
  const assigned = counted.filter((c) => c.assigned > 0);
  const sheets = await listSheets(
    db,
    year,
    period,
    assigned.map((c) => c.user.id),
  );
  const finalized = new Set(sheets.filter((s) => s.state === 'finalized').map((s) => s.raterId));
  return {
    year,
    period,
    // A verification (formula leaf) has no index by rater, so an open sheet's verified leaves count
    // as pending; a finalized sheet has every item scored or verified (finalize refuses otherwise).
    byRater: assigned.map(({ user, assigned: n, rated }) => {
      const done = finalized.has(user.id) ? n : Math.min(rated, n);
      return {
        raterId: user.id,
        name: user.name,
        finalized: finalized.has(user.id),
        scored: done,
        pending: n - done,
        returned: 0,
      };
    }),
    byIndicator: [],
    spreadAlerts: [],
    counted: true,
  };
};
