/**
 * Which units a rater or inspector may read (agreements, worksheets, evidence, results): every unit
 * except those they are affiliated with (回避). Raters read beyond their assignments on purpose for
 * now: a rater checks a unit's whole agreement and last quarter's evidence before scoring, and
 * assignments change during the year. `year` is the seam for narrowing a rater to the units
 * assigned in that year.
 */
import type { Db } from '../db/client';
import { getUser, listUnits } from '../db/org-repo';
import type { Principal } from './roles';

export const assignedUnitIds = async (
  db: Db,
  principal: Principal,
  _year: number,
): Promise<ReadonlySet<string>> => {
  if (!principal.roles.some((r) => r === 'rater' || r === 'inspector')) return new Set();
  const [user, units] = await Promise.all([getUser(db, principal.userId), listUnits(db)]);
  const affiliated = new Set(user?.affiliatedUnitIds ?? []);
  return new Set(units.map((u) => u.id).filter((id) => !affiliated.has(id)));
};
