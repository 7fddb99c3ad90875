/**
 * The review-distance report's reads (自评与审定差距), shared by its page and the
 * `review-distance-export` job: the done reviews of the year's self-assessed periods, and names for
 * just the units they concern, by key.
 */
import { distanceReport, selfAssessedPeriodsOf } from '../domain/review-stages';
import { getAgreementsOf } from './agreement-repo';
import type { Db } from './client';
import { getUnitsOf } from './org-repo';
import { listPeriodReviews } from './review-repo';
import { getYear } from './year-repo';

/**
 * The distance 自评 − 审定 over the done reviews of the year's self-assessed periods (the page's, and
 * the workbook's of the `review-distance-export` job). Names come from the reviewed units and their
 * agreements, read by key: what the report shows, never the year's every agreement.
 */
export const loadDistance = async (db: Db, year: number) => {
  const stored = await getYear(db, year);
  const done = (
    await Promise.all(selfAssessedPeriodsOf(stored).map((p) => listPeriodReviews(db, year, p, 'done')))
  ).flat();
  // Names only for the units reviewed (by key), not every unit's agreement of the year.
  const reviewed = done.map((r) => r.unitId);
  const [units, agreements] = await Promise.all([
    getUnitsOf(db, reviewed),
    getAgreementsOf(db, year, reviewed),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const leafName = new Map(
    agreements.flatMap((a) =>
      a.dimensions.flatMap((d) => d.leaves.map((l) => [`${a.unitId}#${l.code}`, l.name] as const)),
    ),
  );
  return distanceReport(
    year,
    done.map((review) => ({
      review,
      unitName: unitName.get(review.unitId) ?? review.unitId,
      name: leafName.get(`${review.unitId}#${review.code}`) ?? review.code,
    })),
  );
};
