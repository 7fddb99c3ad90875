/**
 * SEAM — which units a rater or inspector may read agreements of.
 *
 * Rater and inspector assignments arrive with the committee-scoring issue. Until then a rater or
 * inspector reads every unit's agreement except those of the units they are affiliated with
 * (`affiliatedUnitIds`, 回避). When assignments exist, replace the body with the principal's
 * assigned units of the year (still minus the affiliated ones); callers do not change.
 */
import type { Db } from '../db/client';
import { getUser, listUnits } from '../db/org-repo';
import type { Principal } from './roles';

export const assignedUnitIds = async (db: Db, principal: Principal): Promise<ReadonlySet<string>> => {
  if (!principal.roles.some((r) => r === 'rater' || r === 'inspector')) return new Set();
  const [user, units] = await Promise.all([getUser(db, principal.userId), listUnits(db)]);
  const affiliated = new Set(user?.affiliatedUnitIds ?? []);
  return new Set(units.map((u) => u.id).filter((id) => !affiliated.has(id)));
};
