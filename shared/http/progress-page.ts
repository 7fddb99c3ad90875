/**
 * A page of the progress matrix (GET …/periods/{p}/progress-pages): a page of units in the agreements
 * index's order, their rows built by `buildProgress` from by-key reads of just those units, and the
 * year's totals from the agreement counter and the period's one-per-unit submission records.
 */

import { countAgreements } from '../db/agreement-count';
import type { Db } from '../db/client';
import { listCategories } from '../db/org-repo';
import { listSubmissionsAndExtensions, type ProgressPageOptions, pageProgress } from '../db/progress-pages';
import { getYear } from '../db/year-repo';
import { contentInPeriod } from '../domain/agreements/in-force';
import { buildProgress } from '../domain/submissions/progress';
import { progressTotals } from '../domain/submissions/progress-totals';
import type { ProgressPage } from '../schemas/submission';
import { periodWindow } from './guards';
import { encodeCursor } from './page-cursor';

export const loadProgressPage = async (
  db: Db,
  options: ProgressPageOptions & {
    /** The caller sees every unit: the year's totals are theirs to see. */
    everyUnit: boolean;
    now: Date;
  },
): Promise<ProgressPage> => {
  const { year, period, everyUnit, now } = options;
  const [yearRecord, categories, page, records, units] = await Promise.all([
    getYear(db, year),
    listCategories(db),
    pageProgress(db, options),
    listSubmissionsAndExtensions(db, year, period),
    everyUnit ? countAgreements(db, year) : null,
  ]);
  const { closesAt } = periodWindow(yearRecord, period);
  const signed = new Map(
    page.agreements.flatMap((a) => {
      const content = contentInPeriod(a, period);
      return content ? [[a.unitId, content] as const] : [];
    }),
  );
  const { categories: _pageOnly, ...rows } = buildProgress({
    year,
    period,
    closesAt,
    units: page.agreements.map((a) => ({ id: a.unitId, name: a.unitName, categoryId: a.categoryId })),
    categories,
    agreements: signed,
    agreementStates: new Map(page.agreements.map((a) => [a.unitId, a.state])),
    items: page.items,
    ...records,
  });
  return {
    ...rows,
    next: page.next && encodeCursor(page.next),
    totals: units === null ? null : progressTotals({ units, closesAt, now, ...records }),
  };
};
