/**
 * The progress matrix of a city a page of units at a time: the page's units are a page of the year's
 * agreements index (agreement-pages.ts: category, unit order, cursor, scope), and each unit's items of
 * the period are read from its own partition (pattern 10), a few units at a time, instead of the whole
 * period index (pattern 11: every item of every unit). The period's submissions and extensions are one
 * small item per unit that has one (gsi1 `SUBMISSION#` / `EXTENSION#`), read whole for the year's totals.
 */
import type { Agreement } from '../schemas/agreement';
import type { Extension, PeriodSubmission, SubmissionItem } from '../schemas/submission';
import type { Period } from '../schemas/year';
import { type AgreementPosition, pageAgreements } from './agreement-pages';
import type { Db } from './client';
import { queryPrefix } from './items';
import { PERIOD_INDEX_PREFIXES, periodIndexPk } from './keys';
import { mapLimit } from './parallel';
import { listItems } from './submission-item-repo';

/** Units whose items are read at once (a page of 100 is 100 small Queries). */
const UNITS_IN_FLIGHT = 10;

export interface ProgressPage {
  agreements: Agreement[];
  items: SubmissionItem[];
  next: AgreementPosition | null;
}

export interface ProgressPageOptions {
  year: number;
  period: Period;
  categoryId?: string | undefined;
  /** Part of the unit's name. */
  search?: string | undefined;
  after?: AgreementPosition | undefined;
  pageSize: number;
  /** Which agreements' units the caller may see (shared/auth). */
  visible: (agreement: Agreement) => boolean;
}

/** A page of units (by their agreements) with their items of the period. */
export const pageProgress = async (db: Db, options: ProgressPageOptions): Promise<ProgressPage> => {
  const { year, period } = options;
  const page = await pageAgreements(db, options);
  const items = await mapLimit(page.items, UNITS_IN_FLIGHT, (a) =>
    listItems(db, { year, unitId: a.unitId, period }),
  );
  return { agreements: page.items, items: items.flat(), next: page.next };
};

/** The period's submissions and extensions (one small item per unit that has one; pattern 11 by kind). */
export const listSubmissionsAndExtensions = async (db: Db, year: number, period: Period) => {
  const pk = periodIndexPk(year, period);
  const [submissions, extensions] = await Promise.all([
    queryPrefix<PeriodSubmission>(db, { index: 'gsi1', pk, skPrefix: PERIOD_INDEX_PREFIXES.submissions }),
    queryPrefix<Extension>(db, { index: 'gsi1', pk, skPrefix: PERIOD_INDEX_PREFIXES.extensions }),
  ]);
  return { submissions, extensions };
};
