/**
 * The rater's queue a page of units at a time (issue 15: a city's rater's queue read their whole
 * quarter, 5,700 assignments and every unit's facts, on each request): a page reads its own units'
 * partitions only, pages walk the queue without a gap or a repeat and never split a unit, the header's
 * totals are counted on the first page, a cursor that is not one is a 400 naming 翻页位置, and a
 * cursor from another rater's pages shows nothing outside the caller's own assignments.
 */
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedMunicipal } from '../../scripts/seed/municipal';
import { listRaterAssignments } from '../../shared/db/assignment-repo';
import { encodeCursor } from '../../shared/http/page-cursor';
import type { Queue, QueuePage, ScoringProgress } from '../../shared/schemas/scoring';
import { CURRENT_YEAR, createTestApi, type TestApi } from './harness';

const period = 'Q4';
const base = `/api/years/${CURRENT_YEAR}/periods/${period}`;
const RATER = 'rater-jiceng';

describe('the rater’s queue a page of units at a time', () => {
  let api: TestApi;
  let read = 0;
  /** The Queries made since the last reset. */
  let queries: QueryCommandInput[] = [];
  let whole: Queue;

  const page = async (query: string, as = RATER) => {
    const res = await api.call('GET', `${base}/scoring-queue-pages?${query}`, { as });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as QueuePage;
  };
  const unitsOf = (q: Queue) => [...new Set(q.items.map((i) => i.unitId))];

  beforeAll(async () => {
    // Prepare: 40 units of the city with every rater's Q4 assignments.
    api = await createTestApi({ seed: false });
    await seedMunicipal(api.db, CURRENT_YEAR, { unitCount: 40 });
    // The route group loads on its first request.
    await page('pageSize=20');
    whole = (await api.call('GET', `${base}/scoring-queue`, { as: RATER })).body as Queue;
    api.db.raw.middlewareStack.add(
      (next) => async (args) => {
        const out = await next(args);
        const output = out.output as { ScannedCount?: number; Item?: unknown };
        read += output.ScannedCount ?? (output.Item ? 1 : 0);
        const input = args.input as QueryCommandInput;
        if (input.KeyConditionExpression) queries.push(input);
        return out;
      },
      { step: 'initialize', name: 'countQueueReads' },
    );
  }, 180_000);
  afterAll(() => api.close());
  beforeEach(() => {
    read = 0;
    queries = [];
  });

  it('builds a page of 20 units from those units’ partitions only, the same items as the whole queue', async () => {
    expect(unitsOf(whole).length).toBeGreaterThan(20);

    const first = await page('pageSize=20');

    // Assess: the page's items are the whole queue's items of its units, in the same order.
    const shown = unitsOf(first);
    expect(shown).toHaveLength(20);
    expect(first.items).toEqual(whole.items.filter((i) => shown.includes(i.unitId)));
    expect(first.next).not.toBeNull();
    // Assess: no unit partition outside the page is read.
    const unitPartitions = queries
      .map((q) => String(q.ExpressionAttributeValues?.[':pk'] ?? ''))
      .filter((pk) => pk.startsWith(`YEAR#${CURRENT_YEAR}#UNIT#`));
    expect(new Set(unitPartitions)).toEqual(new Set(shown.map((u) => `YEAR#${CURRENT_YEAR}#UNIT#${u}`)));
  });

  it('counts the rater’s assignments and own ratings for the header on the first page only', async () => {
    const assigned = (await listRaterAssignments(api.db, CURRENT_YEAR, RATER, period)).length;
    const rated = whole.items.filter((i) => i.ruleType === 'rating' && i.score?.raterId === RATER).length;
    read = 0;
    await api.call('GET', `${base}/scoring-queue`, { as: RATER });
    const wholeRead = read;
    read = 0;

    const first = await page('pageSize=20');
    const firstRead = read;
    read = 0;
    const second = await page(`pageSize=20&cursor=${first.next}`);

    expect(first.totals).toEqual({ assigned, rated });
    expect(second.totals).toBeNull();
    // Assess: a later page reads its own units' share of the whole queue's reads (and at most one
    // Query's worth of assignments past its last unit), not the quarter's nor the counts.
    const share = unitsOf(second).length / unitsOf(whole).length;
    expect(read).toBeLessThan(firstRead);
    expect(read).toBeLessThan(wholeRead * share + 200);
  });

  it('walks the whole queue without a gap, a repeat or a unit split between pages', async () => {
    const seen: Queue['items'] = [];
    const pagesOfUnit = new Map<string, number>();
    let cursor = '';
    for (let n = 0; n === 0 || cursor; n++) {
      const p = await page(`pageSize=20${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...p.items);
      for (const u of unitsOf(p)) pagesOfUnit.set(u, (pagesOfUnit.get(u) ?? 0) + 1);
      cursor = p.next ?? '';
    }
    expect(seen).toEqual(whole.items);
    expect([...pagesOfUnit.values()].every((n) => n === 1)).toBe(true);
  });

  it.each([
    ['cursor=not*base64', '翻页位置'],
    [`cursor=${Buffer.from('{"x":1}').toString('base64url')}`, '翻页位置'],
    [`cursor=${encodeCursor({ unitId: 'UNIT#x' })}`, '翻页位置'],
    [`cursor=${encodeCursor({ categoryId: 'township', unitId: 'township-001' })}`, '翻页位置'],
    ['pageSize=30', '每页条数'],
  ])('refuses %s with a 400 naming %s, reading nothing', async (query, field) => {
    const res = await api.call('GET', `${base}/scoring-queue-pages?${query}`, { as: RATER });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(field);
    expect(read).toBe(0);
  });

  it('shows a rater only their own assignments, whatever cursor they are handed', async () => {
    // Prepare: another rater's position, and a position before every unit.
    const progress = (await api.call('GET', `${base}/scoring-progress`, { as: 'admin' })).body;
    const otherRater = (progress as ScoringProgress).byRater.map((r) => r.raterId).find((id) => id !== RATER);
    expect(otherRater).toBeDefined();
    const theirs = await page(`pageSize=20&raterId=${otherRater}`, 'admin');
    expect(theirs.raterId).toBe(otherRater);
    const mine = new Set(whole.items.map((i) => `${i.unitId}#${i.code}`));

    for (const cursor of [theirs.next, encodeCursor({ unitId: 'aa' })]) {
      if (!cursor) continue;
      const p = await page(`pageSize=100&cursor=${cursor}`);
      expect(p.raterId).toBe(RATER);
      expect(p.items.every((i) => mine.has(`${i.unitId}#${i.code}`))).toBe(true);
    }
    // Assess: a rater naming another rater still reads their own pages (shared/auth decides).
    const asked = await page(`pageSize=20&raterId=${otherRater}`);
    expect(asked.raterId).toBe(RATER);
    // Assess: a unit's reporter reads no queue.
    const res = await api.call('GET', `${base}/scoring-queue-pages?pageSize=20`, {
      as: 'township-001-reporter',
    });
    expect(res.status).toBe(403);
  });
});
