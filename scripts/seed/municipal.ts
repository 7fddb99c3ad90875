/**
 * Seeds the municipal demo (`npm start -- --demo municipal`): the commission's ~500 units in 6
 * categories, their users, one template per category, every unit's signed agreement, and this year
 * in progress with Q1–Q3 verified and rated, and the raters' Q4 assignments. Everything goes in
 * parallel batches of 25 (`batchPut`), built in memory first. The year is written last: when it
 * exists, a restart finds the seed complete and writes nothing (a seed stopped half-way is written
 * again whole, before anyone could have changed what it wrote).
 */

import { agreementCountItem } from '../../shared/db/agreement-count';
import { assignmentItems } from '../../shared/db/assignment-repo';
import type { Db } from '../../shared/db/client';
import { factItems } from '../../shared/db/facts-repo';
import { batchPut, getItem, type Item } from '../../shared/db/items';
import { categoryKey, templateIndexes, templateKey, yearKey } from '../../shared/db/keys';
import { unitItem, userItem } from '../../shared/db/org-repo';
import { seedYear } from '../../shared/db/year-repo';
import type { Agreement } from '../../shared/schemas/agreement';
import type { Assignment } from '../../shared/schemas/scoring';
import type { Template } from '../../shared/schemas/template';
import type { Period } from '../../shared/schemas/year';
import { assignmentsOf } from './demo-assignments';
import { scoresOf } from './demo-facts';
import { demoTemplate, signedAgreementItems } from './demo-templates';
import { demoYear } from './demo-year';
import { MUNICIPAL_BUREAU, type MunicipalOrg, municipalOrg } from './municipal-org';

/** One template per municipal category, each on the county demo's tree named by the category. */
export const municipalTemplates = (org: MunicipalOrg, year: number): Template[] =>
  org.categories.map((category) => ({
    ...demoTemplate(year, category.tree),
    categoryId: category.id,
    title: `${year}年度全市卫生健康目标管理责任书（${category.name}）`,
    partyA: MUNICIPAL_BUREAU,
    unitTargets: {},
    version: 1,
  }));

/** Every unit's signed agreement and its revision: the items the seed stores. */
export const municipalAgreementItems = (org: MunicipalOrg, year: number): Item[] => {
  const templates = new Map(municipalTemplates(org, year).map((t) => [t.categoryId, t]));
  const admin = { userId: 'admin', name: org.users.find((u) => u.id === 'admin')?.name ?? '管理员' };
  return org.units.flatMap((unit, i) => {
    const category = org.categories.find((c) => c.id === unit.categoryId)!;
    return signedAgreementItems({
      year,
      unit,
      category: { id: category.id, name: category.name, sortOrder: category.sortOrder },
      template: templates.get(unit.categoryId)!,
      admin,
      signer: { userId: `${unit.id}-head`, name: unit.head },
      day: 10 + (i % 10),
    });
  });
};

export interface MunicipalSeedReport {
  /** False when the year was there already (a restart): nothing was written. */
  seeded: boolean;
  units: number;
  items: number;
  ms: number;
}

/**
 * Every item of the municipal year but the year itself, built in memory: organisation, templates,
 * signed agreements, Q1–Q3 verifications and ratings, and the raters' assignments of Q4 (the
 * quarter under way: each rater's queue holds thousands of items to score).
 */
export const municipalItems = (
  org: MunicipalOrg,
  year: number,
  {
    keepAssignment = (a) => a.period === 'Q4',
    scoredPeriods = ['Q1', 'Q2', 'Q3'],
  }: MunicipalSeedOptions = {},
): Record<string, unknown>[] => {
  const agreementItems = municipalAgreementItems(org, year);
  const agreements = agreementItems.filter((i) => i.entity === 'agreement') as unknown as Agreement[];
  const scores = scoresOf(agreements, year, year);
  const verifications = scores.verifications.filter((v) => scoredPeriods.includes(v.period));
  const ratings = scores.ratings.filter((r) => scoredPeriods.includes(r.period));
  return [
    ...org.categories.map(({ id, name, sortOrder }) => ({
      ...categoryKey(id),
      entity: 'category',
      id,
      name,
      sortOrder,
    })),
    ...org.units.map(unitItem),
    ...org.users.map(userItem),
    ...municipalTemplates(org, year).map((t) => ({
      ...templateKey(year, t.categoryId),
      ...templateIndexes(year, t.categoryId),
      entity: 'template',
      ...t,
    })),
    ...agreementItems,
    agreementCountItem(year, agreements.length),
    ...verifications.map((v) => factItems.verification(year, v)),
    ...ratings.map((r) => factItems.rating(year, r)),
    ...assignmentItems(assignmentsOf(agreements, year).filter(keepAssignment)),
  ];
};

export interface MunicipalSeedOptions {
  unitCount?: number;
  /** Which rater assignments to write (default: every rater's of the quarter under way, Q4). */
  keepAssignment?: (a: Assignment) => boolean;
  /** The quarters verified and rated (default Q1–Q3). */
  scoredPeriods?: readonly Period[];
}

/**
 * The quick municipal fixture of the browser test (tests/e2e/municipal.test.ts): the same 500 units,
 * users and signed agreements (13–14 leaves each), but only Q3 verified and rated (not Q1–Q3) and
 * only Q4's assignments of one rater (rater-jiceng: thousands of items), not every rater's of every
 * quarter: about 12,000 items instead of 20,000.
 */
export const QUICK_MUNICIPAL: MunicipalSeedOptions = {
  keepAssignment: (a) => a.period === 'Q4' && a.raterId === 'rater-jiceng',
  scoredPeriods: ['Q3'],
};

/**
 * Seeds the municipal year: all its items in parallel BatchWriteItem calls (DynamoDB Local keeps up
 * with 16 in flight; more only queue), then the year. Nothing is read back: the scores and
 * assignments are computed from the agreements in hand.
 */
export const seedMunicipal = async (
  db: Db,
  year: number,
  options: MunicipalSeedOptions = {},
): Promise<MunicipalSeedReport> => {
  const started = performance.now();
  const org = municipalOrg(options.unitCount);
  if (await getItem(db, yearKey(year))) return { seeded: false, units: org.units.length, items: 0, ms: 0 };
  const items = municipalItems(org, year, options);
  await batchPut(db, items, { parallel: 16 });
  await seedYear(db, {
    ...demoYear(year, 'in_progress'),
    title: `${year}年度全市卫生健康目标责任考核`,
    history: [
      { state: 'setup', at: `${year}-01-05T09:00:00+08:00`, by: 'admin' },
      { state: 'in_progress', at: `${year}-01-20T09:00:00+08:00`, by: 'admin' },
    ],
  });
  return { seeded: true, units: org.units.length, items: items.length + 1, ms: performance.now() - started };
};
