/**
 * Seeds the demo county bureau. Every write is "create if absent", so seeding twice never
 * duplicates anything and never overwrites what a user changed.
 */
import type { Db } from '../../shared/db/client';
import { putCategory, seedUnit, seedUser } from '../../shared/db/org-repo';
import { seedYear } from '../../shared/db/year-repo';
import { DEMO_CATEGORIES, DEMO_UNITS, DEMO_USERS } from './demo-org';
import { demoYear } from './demo-year';

export interface SeedReport {
  created: number;
  existing: number;
}

/** Seeds the organisation and the years; `currentYear` is this year (in progress). */
export const seedDemo = async (db: Db, currentYear: number): Promise<SeedReport> => {
  const writes: Promise<boolean>[] = [
    ...DEMO_CATEGORIES.map((c) => putCategory(db, c)),
    ...DEMO_UNITS.map((u) => seedUnit(db, u)),
    ...DEMO_USERS.map((u) => seedUser(db, u)),
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
    seedYear(db, {
      ...demoYear(currentYear, 'in_progress'),
      history: [
        { state: 'setup', at: `${currentYear}-01-05T09:00:00+08:00`, by: 'admin' },
        { state: 'in_progress', at: `${currentYear}-01-20T09:00:00+08:00`, by: 'admin' },
      ],
    }),
  ];
  const results = await Promise.all(writes);
  const created = results.filter(Boolean).length;
  return { created, existing: results.length - created };
};
