/**
 * The agreements a page at a time (issue 15: a city's list read whole on every request): a page reads
 * one row more than it shows, the cursor walks the year in the index's order without a gap or a
 * repeat, filters by category and state, keeps each role's scope whatever cursor it is handed, and a
 * cursor or page size that is not one is a 400 naming the field in Chinese.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedMunicipal } from '../../scripts/seed/municipal';
import { pageAgreementsOf } from '../../shared/db/agreement-pages';
import { encodeCursor } from '../../shared/http/page-cursor';
import { CURRENT_YEAR, createTestApi, type TestApi } from './harness';

const pages = `/api/years/${CURRENT_YEAR}/agreement-pages`;

interface Row {
  unitId: string;
  categoryId: string;
  state: string;
}
interface Page {
  items: Row[];
  next: string | null;
  total: number | null;
}

describe('the agreements a page at a time', () => {
  let api: TestApi;
  /** Items the store read since the last reset (ScannedCount of each Query, 1 a GetItem, a BatchGetItem's responses). */
  let read = 0;
  let calls = 0;

  const page = async (query: string, as = 'admin') => {
    const res = await api.call('GET', `${pages}?${query}`, { as });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Page;
  };
  /** Every page of a query, following `next`. */
  const walk = async (query: string, as = 'admin') => {
    const seen: Page[] = [];
    let cursor = '';
    do {
      seen.push(await page(`${query}${cursor ? `&cursor=${cursor}` : ''}`, as));
      cursor = seen.at(-1)!.next ?? '';
    } while (cursor);
    return seen;
  };

  beforeAll(async () => {
    api = await createTestApi({ seed: false });
    await seedMunicipal(api.db, CURRENT_YEAR, { unitCount: 60 });
    api.db.raw.middlewareStack.add(
      (next) => async (args) => {
        const out = await next(args);
        const output = out.output as {
          ScannedCount?: number;
          Item?: unknown;
          Responses?: Record<string, unknown[]>;
        };
        calls++;
        read +=
          output.ScannedCount ??
          (output.Item ? 1 : 0) + Object.values(output.Responses ?? {}).reduce((n, r) => n + r.length, 0);
        return out;
      },
      { step: 'initialize', name: 'countItemsRead' },
    );
  }, 120_000);
  afterAll(() => api.close());
  beforeEach(() => {
    read = 0;
    calls = 0;
  });

  it('walks the year 20 at a time, in the full list’s order, reading one row more than a page', async () => {
    const full = (await api.call('GET', `/api/years/${CURRENT_YEAR}/agreements`, { as: 'admin' }))
      .body as Row[];
    const fullRead = read;

    read = 0;
    calls = 0;
    const first = await page('pageSize=20');
    // Assess: 21 agreements read (one to know a next page exists) and the counter, not 60.
    expect(first.items).toHaveLength(20);
    expect(first.total).toBe(60);
    expect({ calls, read }).toEqual({ calls: 2, read: 22 });
    expect(fullRead).toBeGreaterThanOrEqual(60);

    const all = await walk('pageSize=20');
    expect(all.map((p) => p.items.length)).toEqual([20, 20, 20]);
    expect(all.at(-1)!.next).toBeNull();
    expect(all.flatMap((p) => p.items.map((a) => a.unitId))).toEqual(full.map((a) => a.unitId));
  });

  it('filters by category (a key prefix) and by state, counting only the whole year', async () => {
    const township = await walk('categoryId=township&pageSize=20');
    const rows = township.flatMap((p) => p.items);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((a) => a.categoryId === 'township')).toBe(true);
    expect(township[0]!.total).toBeNull();

    const signed = await walk('state=signed&pageSize=100');
    expect(signed.flatMap((p) => p.items)).toHaveLength(60);
    expect(await page('state=draft&pageSize=20')).toEqual({ items: [], next: null, total: null });
  });

  it('shows a unit only its own agreement, whatever cursor it is handed', async () => {
    // A forged cursor placed just before another unit of the same category.
    const forged = encodeCursor({ categoryId: 'township', unitId: 'township-001' });
    const own = await page(`pageSize=20&cursor=${forged}`, 'township-002-reporter');
    expect(own.items.map((a) => a.unitId)).toEqual(['township-002']);
    expect(own.total).toBeNull();
    const other = await page(
      `pageSize=20&cursor=${encodeCursor({ categoryId: 'township', unitId: 'township-002' })}`,
      'township-002-reporter',
    );
    expect(other).toEqual({ items: [], next: null, total: null });
  });

  it('reads a unit’s own agreement by key, not the year’s 60', async () => {
    // Act
    const own = await page('pageSize=20', 'township-002-head');
    // Assess: the unit (its place in the index's order) and its agreement, nothing of the other units
    expect(own.items.map((a) => a.unitId)).toEqual(['township-002']);
    expect(read).toBeLessThanOrEqual(3);
  });

  it('walks a set of units by key in the index’s order, page after page, reading only those units', async () => {
    // Prepare: every other unit of the year's list, across the categories
    const full = (await api.call('GET', `/api/years/${CURRENT_YEAR}/agreements`, { as: 'admin' }))
      .body as Row[];
    const chosen = full.filter((_, i) => i % 2 === 0).map((a) => a.unitId);
    const unitIds = new Set(chosen);
    const options = { year: CURRENT_YEAR, unitIds, pageSize: 20, visible: () => true };
    // Act
    const first = await pageAgreementsOf(api.db, options);
    const second = await pageAgreementsOf(api.db, { ...options, after: first.next ?? undefined });
    // Assess: the units (30) and a page plus one of agreements, never the other 30 units' agreements
    expect(first.items.map((a) => a.unitId)).toEqual(chosen.slice(0, 20));
    expect(first.read).toBe(30 + 21);
    expect(second.items.map((a) => a.unitId)).toEqual(chosen.slice(20));
    expect(second.next).toBeNull();
  });

  it('shows a rater only the assigned units, page after page', async () => {
    const { body: assignments } = await api.call(
      'GET',
      `/api/years/${CURRENT_YEAR}/periods/Q4/scoring-queue`,
      { as: 'rater-jiceng' },
    );
    const assigned = new Set((assignments.items as { unitId: string }[]).map((i) => i.unitId));
    const seen = (await walk('pageSize=20', 'rater-jiceng')).flatMap((p) => p.items.map((a) => a.unitId));
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(assigned);
  });

  it('refuses a cursor or a page size that is not one, naming the field', async () => {
    const cases = [
      ['cursor=not*base64', '翻页位置'],
      [`cursor=${Buffer.from('{"x":1}').toString('base64url')}`, '翻页位置'],
      [`cursor=${encodeCursor({ categoryId: 'township', unitId: 'UNIT#x' })}`, '翻页位置'],
      [
        `categoryId=community&cursor=${encodeCursor({ categoryId: 'township', unitId: 'township-001' })}`,
        '翻页位置',
      ],
      ['pageSize=30', '每页条数'],
    ] as const;
    for (const [query, field] of cases) {
      const res = await api.call('GET', `${pages}?${query}`, { as: 'admin' });
      expect(res.status, query).toBe(400);
      expect(res.body.error.message, query).toContain(field);
    }
  });
});
