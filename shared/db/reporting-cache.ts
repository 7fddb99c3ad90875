/**
 * What an item save reads before its one write, kept per warm container (issue 15: a save made three
 * store calls in two round trips; with these it makes one).
 *
 * - The year: its reporting windows can change only in 年初设置 (`updateYearSettings`) and a year
 *   only moves forward, so a year past setup is kept until the container ends. A year in setup is
 *   read on every save. Whether a window is open is still judged on each save by the server's clock.
 * - The reporting view of a unit's agreement, only once a revision is signed (a signed agreement
 *   never becomes unsigned again: withdrawal is for issued, never-signed ones), for `AGREEMENT_TTL_MS`.
 *   Its content changes only when the head signs an amended revision: a write of the agreement in
 *   this container forgets the entry at once (`forgetReportingAgreement`), one in another container
 *   is seen within the TTL. A draft saved in that interval is checked against the previous revision;
 *   the head's submission reads the agreement consistently and re-checks every value it submits
 *   against the revision in force (`submitPeriod`), so nothing is submitted against the wrong one.
 *
 * Entries belong to one `Db` (tests run many stores side by side).
 */
import type { Year } from '../schemas/year';
import type { Db } from './client';
import { getReportingAgreement, type ReportingAgreement } from './reporting-agreement';
import { getYear } from './year-repo';

/** How long a signed agreement's reporting view is trusted in a container that did not write it. */
export const AGREEMENT_TTL_MS = 10_000;

interface Entries {
  years: Map<number, Year>;
  agreements: Map<string, { agreement: ReportingAgreement; until: number }>;
}

const byDb = new WeakMap<Db, Entries>();
const entriesOf = (db: Db): Entries => {
  let entries = byDb.get(db);
  if (!entries) {
    entries = { years: new Map(), agreements: new Map() };
    byDb.set(db, entries);
  }
  return entries;
};

const agreementId = (year: number, unitId: string) => `${year}#${unitId}`;

/** The year (404 if absent), from memory once it is past setup. */
export const yearForReporting = async (db: Db, year: number): Promise<Year> => {
  const { years } = entriesOf(db);
  const kept = years.get(year);
  if (kept) return kept;
  const found = await getYear(db, year);
  if (found.state !== 'setup') years.set(year, found);
  return found;
};

/** The unit's agreement as reporting reads it, from memory for `AGREEMENT_TTL_MS` once signed. */
export const agreementForReporting = async (
  db: Db,
  year: number,
  unitId: string,
  clock: () => number = Date.now,
): Promise<ReportingAgreement | undefined> => {
  const { agreements } = entriesOf(db);
  const id = agreementId(year, unitId);
  const now = clock();
  const kept = agreements.get(id);
  if (kept && now < kept.until) return kept.agreement;
  const found = await getReportingAgreement(db, year, unitId, { consistent: true });
  if (found && (found.state === 'signed' || found.state === 'locked' || (found.inForce?.length ?? 0) > 0)) {
    agreements.set(id, { agreement: found, until: now + AGREEMENT_TTL_MS });
  } else {
    agreements.delete(id);
  }
  return found;
};

/** Forgets a unit's agreement in this container: called by every write of the agreement. */
export const forgetReportingAgreement = (db: Db, year: number, unitId: string) => {
  byDb.get(db)?.agreements.delete(agreementId(year, unitId));
};
