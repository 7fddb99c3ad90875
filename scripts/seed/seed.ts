/**
 * Seeds the demo county bureau. Every write is "create if absent", so seeding twice never
 * duplicates anything and never overwrites what a user changed.
 */
import type { Db } from '../../shared/db/client';
import { putCategory, seedUnit, seedUser } from '../../shared/db/org-repo';
import { mapLimit } from '../../shared/db/parallel';
import { listSnapshots } from '../../shared/db/results-repo';
import { seedYear } from '../../shared/db/year-repo';
import type { EvidenceStore } from '../../shared/evidence/store';
import { freezeSnapshot } from '../../shared/publication/publish';
import { seedDemoAssignments } from './demo-assignments';
import { seedDemoFacts } from './demo-facts';
import { seedDemoInspections } from './demo-inspections';
import { DEMO_CATEGORIES, DEMO_UNITS, DEMO_USERS } from './demo-org';
import { seedDemoAttachments, seedDemoSubmissions } from './demo-submissions';
import { seedTemplatesAndAgreements } from './demo-templates';
import { demoYear } from './demo-year';

/**
 * Last year, complete and published; this year scored through Q3. Last year's snapshot is frozen by
 * the same code as the publish action, once (a second seed finds it and leaves it).
 */
const seedHistory = async (db: Db, currentYear: number): Promise<boolean[]> => {
  const lastYear = currentYear - 1;
  // Last year's snapshot is written last: once it is there, the history is complete.
  if ((await listSnapshots(db, lastYear)).length > 0) return [false];
  const written = await seedTemplatesAndAgreements(db, lastYear);
  const facts =
    (await seedDemoFacts(db, lastYear, currentYear)) +
    (await seedDemoFacts(db, currentYear, currentYear)) +
    (await seedDemoAssignments(db, currentYear));
  await freezeSnapshot(db, {
    year: lastYear,
    by: 'admin',
    at: new Date(`${currentYear}-02-01T09:00:00+08:00`),
    // History: its site is written when the local stack starts, and nobody is told of it again.
    followUps: false,
  });
  return [...written, ...Array<boolean>(facts + 1).fill(true)];
};

export interface SeedReport {
  created: number;
  existing: number;
}

export interface SeedOptions {
  /**
   * Also seed the scored quarters of this year and last year's whole appraisal with its published
   * results (what `npm start` shows). Integration tests that do not read results leave it off: it is
   * a few thousand items.
   */
  history?: boolean;
  /** Where the demo's evidence files go; with it, Q1–Q3 of this year are seeded as submitted. */
  evidence?: EvidenceStore;
}

/** Seeds the organisation and the years; `currentYear` is this year (in progress). */
export const seedDemo = async (
  db: Db,
  currentYear: number,
  options: SeedOptions = {},
): Promise<SeedReport> => {
  // Writes are thunks run a few at a time: a just-started DynamoDB Local on a busy machine refuses
  // connections when a hundred arrive at once.
  const writes: (() => Promise<boolean>)[] = [
    ...DEMO_CATEGORIES.map((c) => () => putCategory(db, c)),
    ...DEMO_UNITS.map((u) => () => seedUnit(db, u)),
    ...DEMO_USERS.map((u) => () => seedUser(db, u)),
    () =>
      seedYear(db, {
        ...demoYear(currentYear - 1, 'published'),
        history: [
          { state: 'setup', at: `${currentYear - 1}-01-05T09:00:00+08:00`, by: 'admin' },
          { state: 'in_progress', at: `${currentYear - 1}-01-20T09:00:00+08:00`, by: 'admin' },
          { state: 'scoring', at: `${currentYear}-01-11T09:00:00+08:00`, by: 'admin' },
          { state: 'publicity', at: `${currentYear}-01-25T09:00:00+08:00`, by: 'admin' },
          { state: 'published', at: `${currentYear}-02-01T09:00:00+08:00`, by: 'admin' },
        ],
      }),
    () =>
      seedYear(db, {
        ...demoYear(currentYear, 'in_progress'),
        history: [
          { state: 'setup', at: `${currentYear}-01-05T09:00:00+08:00`, by: 'admin' },
          { state: 'in_progress', at: `${currentYear}-01-20T09:00:00+08:00`, by: 'admin' },
        ],
      }),
  ];
  const results = [
    ...(await mapLimit(writes, 8, (write) => write())),
    ...(await seedTemplatesAndAgreements(db, currentYear)),
  ];
  if (options.history) results.push(...(await seedHistory(db, currentYear)));
  results.push(...(await seedDemoInspections(db, currentYear, { history: options.history ?? false })));
  if (options.evidence) {
    const written = await seedDemoSubmissions(db, currentYear, options.evidence);
    results.push(...Array<boolean>(written).fill(true));
    if (options.history) results.push(await seedDemoAttachments(db, currentYear, options.evidence));
  }
  const created = results.filter(Boolean).length;
  return { created, existing: results.length - created };
};
