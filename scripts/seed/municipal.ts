/**
 * Seeds the municipal demo (`npm start -- --demo municipal`): the commission's ~500 units in 6
 * categories, their users, one template per category, every unit's signed agreement, and this year
 * in progress with Q1–Q3 verified and rated. Bulk content goes in parallel batches of 25
 * (`batchPut`); rows a user may change (units, users, the year) are create-if-absent. The year is
 * written last: when it exists, a restart finds the seed complete and writes nothing.
 */
import type { Db } from '../../shared/db/client';
import { factItems } from '../../shared/db/facts-repo';
import { batchPut, getItem, type Item, putIfAbsent } from '../../shared/db/items';
import { templateIndexes, templateKey, yearKey } from '../../shared/db/keys';
import { putCategory, seedUnit, seedUser } from '../../shared/db/org-repo';
import { mapLimit } from '../../shared/db/parallel';
import { seedYear } from '../../shared/db/year-repo';
import type { Template } from '../../shared/schemas/template';
import { demoScores } from './demo-facts';
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

export const seedMunicipal = async (db: Db, year: number, unitCount = 500): Promise<MunicipalSeedReport> => {
  const started = performance.now();
  const org = municipalOrg(unitCount);
  if (await getItem(db, yearKey(year))) return { seeded: false, units: org.units.length, items: 0, ms: 0 };
  const writes: (() => Promise<boolean>)[] = [
    ...org.categories.map(
      ({ id, name, sortOrder }) =>
        () =>
          putCategory(db, { id, name, sortOrder }),
    ),
    ...org.units.map((u) => () => seedUnit(db, u)),
    ...org.users.map((u) => () => seedUser(db, u)),
    ...municipalTemplates(org, year).map(
      (t) => () =>
        putIfAbsent(db, {
          ...templateKey(year, t.categoryId),
          ...templateIndexes(year, t.categoryId),
          entity: 'template',
          ...t,
        }),
    ),
  ];
  await mapLimit(writes, 16, (write) => write());
  const agreements = municipalAgreementItems(org, year);
  await batchPut(db, agreements);
  // The scores read the stored agreements, as the county demo's do.
  const { verifications, ratings } = await demoScores(db, year, year);
  const facts = [
    ...verifications.map((v) => factItems.verification(year, v)),
    ...ratings.map((r) => factItems.rating(year, r)),
  ];
  await batchPut(db, facts);
  await seedYear(db, {
    ...demoYear(year, 'in_progress'),
    title: `${year}年度全市卫生健康目标责任考核`,
    history: [
      { state: 'setup', at: `${year}-01-05T09:00:00+08:00`, by: 'admin' },
      { state: 'in_progress', at: `${year}-01-20T09:00:00+08:00`, by: 'admin' },
    ],
  });
  return {
    seeded: true,
    units: org.units.length,
    items: writes.length + agreements.length + facts.length + 1,
    ms: performance.now() - started,
  };
};
