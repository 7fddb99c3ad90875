/**
 * The municipal demo (`npm start -- --demo municipal`): its generator at full size (500 units in 6
 * categories, every agreement valid and signed), and its writer at a small size against DynamoDB
 * Local, read back through the API as the commission's admin would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { municipalAgreementItems, seedMunicipal } from '../../scripts/seed/municipal';
import { municipalOrg } from '../../scripts/seed/municipal-org';
import { getItem } from '../../shared/db/items';
import { agreementCountKey } from '../../shared/db/keys';
import { totalWCents } from '../../shared/domain/agreements/validate';
import { AgreementSchema } from '../../shared/schemas/agreement';
import { UnitInputSchema, UserSchema } from '../../shared/schemas/org';
import { CURRENT_YEAR, createTestApi, type TestApi } from './harness';

describe('the municipal demo generator', () => {
  const org = municipalOrg(500);

  it('has 500 valid units with unique ids and names in 6 categories, none empty', () => {
    expect(org.units).toHaveLength(500);
    expect(org.categories).toHaveLength(6);
    for (const unit of org.units) UnitInputSchema.parse(unit);
    expect(new Set(org.units.map((u) => u.id)).size).toBe(500);
    expect(new Set(org.units.map((u) => u.name)).size).toBe(500);
    for (const category of org.categories) {
      expect(org.units.filter((u) => u.categoryId === category.id).length).toBeGreaterThan(5);
    }
  });

  it('gives every unit a head and a reporter, and the commission every other role', () => {
    for (const user of org.users) UserSchema.parse(user);
    for (const unit of org.units) {
      const own = org.users.filter((u) => u.unitId === unit.id).flatMap((u) => u.roles);
      expect(own.sort()).toEqual(['reporter', 'unit_head']);
    }
    const roles = new Set(org.users.filter((u) => u.unitId === null).flatMap((u) => u.roles));
    expect([...roles].sort()).toEqual(['admin', 'inspector', 'leader', 'rater']);
  });

  it('signs one valid agreement per unit, on its category template, weights summing to 100', () => {
    const items = municipalAgreementItems(org, CURRENT_YEAR);
    const agreements = items.filter((i) => i.entity === 'agreement');
    expect(agreements).toHaveLength(500);
    for (const item of agreements) {
      const agreement = AgreementSchema.parse({ ...item, version: 1 });
      expect(agreement.state).toBe('signed');
      expect(agreement.signature?.userId).toBe(`${agreement.unitId}-head`);
      expect(totalWCents(agreement.dimensions)).toBe(10_000);
    }
    expect(items.filter((i) => i.entity === 'agreement-version')).toHaveLength(500);
  });
});

describe('the municipal demo writer (12 units, DynamoDB Local)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ seed: false });
  });
  afterAll(() => api.close());

  it('stores units, signed agreements and scored quarters; a second run writes nothing', async () => {
    const first = await seedMunicipal(api.db, CURRENT_YEAR, { unitCount: 12 });
    expect(first).toMatchObject({ seeded: true, units: 12 });

    const agreements = await api.call('GET', `/api/years/${CURRENT_YEAR}/agreements`, { as: 'admin' });
    expect(agreements.status).toBe(200);
    expect(agreements.body).toHaveLength(12);
    expect(new Set(agreements.body.map((a: { categoryId: string }) => a.categoryId)).size).toBe(6);
    expect(agreements.body.every((a: { state: string }) => a.state === 'signed')).toBe(true);
    // The results page's live-or-stored choice reads the count by key: the seed writes the counter.
    expect(await getItem(api.db, agreementCountKey(CURRENT_YEAR))).toMatchObject({ count: 12 });

    const results = await api.call('GET', `/api/years/${CURRENT_YEAR}/results`, { as: 'leader' });
    expect(results.status).toBe(200);
    const ranked = results.body.categories.flatMap((c: { units: unknown[] }) => c.units);
    expect(ranked).toHaveLength(12);

    // The raters' assignments: a rater's queue of the current quarter holds their items.
    const queue = await api.call('GET', `/api/years/${CURRENT_YEAR}/periods/Q4/scoring-queue`, {
      as: 'rater-jiceng',
    });
    expect(queue.status).toBe(200);
    expect(new Set(queue.body.items.map((i: { unitId: string }) => i.unitId)).size).toBe(12);

    expect(await seedMunicipal(api.db, CURRENT_YEAR, { unitCount: 12 })).toMatchObject({
      seeded: false,
      items: 0,
    });
  });
});
