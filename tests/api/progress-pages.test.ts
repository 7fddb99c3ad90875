/**
 * The progress matrix a page of units at a time (issue 15: a city's progress read every item of every
 * unit of the period on each request): a page reads the items of its own units only, by partition, and
 * the totals (submitted / not yet / overdue) come from the period's one-per-unit submission records and
 * the agreement counter; the rows are the full matrix's rows; a cursor that is not one is a 400 naming
 * 翻页位置; only those who may read progress (shared/auth) read it.
 */
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedMunicipal } from '../../scripts/seed/municipal';
import { listAgreements } from '../../shared/db/agreement-repo';
import { batchPut } from '../../shared/db/items';
import { periodRecord } from '../../shared/db/period-submission-repo';
import { itemRecord } from '../../shared/db/submission-item-repo';
import { contentInPeriod } from '../../shared/domain/agreements/in-force';
import { indicatorsForPeriod } from '../../shared/domain/submissions/indicators';
import { encodeCursor } from '../../shared/http/page-cursor';
import type { Progress, ProgressPage } from '../../shared/schemas/submission';
import { CURRENT_YEAR, createTestApi, type TestApi } from './harness';

const period = 'Q3';
const base = `/api/years/${CURRENT_YEAR}/periods/${period}`;
const AT = '2026-10-08T10:00:00+08:00';

describe('the progress matrix a page of units at a time', () => {
  let api: TestApi;
  let calls = 0;
  let read = 0;
  /** The Queries made since the last reset. */
  let queries: QueryCommandInput[] = [];

  const page = async (query: string, as = 'admin') => {
    const res = await api.call('GET', `${base}/progress-pages?${query}`, { as });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as ProgressPage;
  };

  beforeAll(async () => {
    // Prepare: 60 units, three Q3 items each, 10 units submitted, two more with an extension running.
    api = await createTestApi({ seed: false });
    await seedMunicipal(api.db, CURRENT_YEAR, { unitCount: 60 });
    const agreements = await listAgreements(api.db, CURRENT_YEAR);
    const items = agreements.flatMap((a) =>
      indicatorsForPeriod(contentInPeriod(a, period) ?? [], period)
        .slice(0, 3)
        .map((indicator, i) =>
          itemRecord({
            year: CURRENT_YEAR,
            unitId: a.unitId,
            period,
            code: indicator.code,
            status: i === 0 ? 'submitted' : 'draft',
            value: null,
            narrative: '',
            returnReason: null,
            history: [],
            updatedAt: AT,
            updatedBy: 'seed',
            version: 1,
          }),
        ),
    );
    const submitted = agreements.slice(0, 10).map((a) =>
      periodRecord({
        year: CURRENT_YEAR,
        unitId: a.unitId,
        period,
        rounds: [{ at: AT, by: 'seed', byName: '单位负责人', submitted: 1, resubmitted: 0 }],
        submittedAt: AT,
        version: 1,
      }),
    );
    await batchPut(api.db, [...items, ...submitted], { parallel: 4 });
    // The route's first request loads its route group (shared/http/route-groups.ts) on its own.
    expect((await page('pageSize=20')).units).toHaveLength(20);
    for (const a of agreements.slice(10, 12)) {
      const res = await api.call(
        'PUT',
        `/api/years/${CURRENT_YEAR}/units/${a.unitId}/periods/${period}/extension`,
        {
          as: 'admin',
          body: { until: '2026-12-31', reason: '系统故障' },
        },
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    api.db.raw.middlewareStack.add(
      (next) => async (args) => {
        const out = await next(args);
        const output = out.output as { ScannedCount?: number; Item?: unknown; Responses?: unknown };
        calls++;
        read += output.ScannedCount ?? (output.Item ? 1 : 0);
        const input = args.input as QueryCommandInput;
        if (input.KeyConditionExpression) queries.push(input);
        return out;
      },
      { step: 'initialize', name: 'countItemsRead' },
    );
  }, 120_000);
  afterAll(() => api.close());
  beforeEach(() => {
    calls = 0;
    read = 0;
    queries = [];
  });

  it('builds a page of 20 from those units’ own items, the same rows as the whole matrix', async () => {
    const whole = (await api.call('GET', `${base}/progress`, { as: 'admin' })).body as Progress;
    const wholeRead = read;

    read = 0;
    calls = 0;
    queries = [];
    const first = await page('pageSize=20');

    // Assess: the rows are the whole matrix's rows of those units.
    const shown = first.units.map((u) => u.unitId);
    expect(shown).toHaveLength(20);
    expect(first.units).toEqual(whole.units.filter((u) => shown.includes(u.unitId)));
    expect(first.next).not.toBeNull();
    // Assess: items were read by the page's units' partitions only, never the period's item index.
    const itemQueries = queries.filter((q) =>
      String(q.ExpressionAttributeValues?.[':sk'] ?? '').startsWith('ITEM#'),
    );
    expect(itemQueries.map((q) => q.ExpressionAttributeValues?.[':pk']).sort()).toEqual(
      shown.map((u) => `YEAR#${CURRENT_YEAR}#UNIT#${u}`).sort(),
    );
    expect(queries.some((q) => q.ExpressionAttributeValues?.[':sk'] === 'UNIT#')).toBe(false);
    // Assess: 21 agreements, 60 items, 10 submissions, 2 extensions, the counter, the year, the categories.
    expect(read).toBeLessThan(110);
    expect(wholeRead).toBeGreaterThan(240);
    expect(calls).toBeLessThanOrEqual(27);
  });

  it('counts the whole year’s units submitted, not yet and overdue from the submission records', async () => {
    const first = await page('pageSize=20');
    // Q3 closed before the harness's clock: 50 unsubmitted, of which two still have an extension running.
    expect(first.totals).toEqual({ units: 60, submitted: 10, notSubmitted: 50, overdue: 48 });
    expect(read).toBeLessThan(110);
  });

  it('walks a category without a gap or a repeat', async () => {
    const whole = (await api.call('GET', `${base}/progress?categoryId=township`, { as: 'admin' }))
      .body as Progress;
    const seen: string[] = [];
    let cursor = '';
    do {
      const p = await page(`categoryId=township&pageSize=20${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...p.units.map((u) => u.unitId), ...p.unsigned.map((u) => u.unitId));
      cursor = p.next ?? '';
    } while (cursor);
    expect(seen.sort()).toEqual([...whole.units, ...whole.unsigned].map((u) => u.unitId).sort());
  });

  it.each([
    ['cursor=not*base64', '翻页位置'],
    [`cursor=${Buffer.from('{"x":1}').toString('base64url')}`, '翻页位置'],
    [`cursor=${encodeCursor({ categoryId: 'township', unitId: 'UNIT#x' })}`, '翻页位置'],
    [
      `categoryId=hospital&cursor=${encodeCursor({ categoryId: 'township', unitId: 'township-001' })}`,
      '翻页位置',
    ],
    ['pageSize=30', '每页条数'],
  ])('refuses %s with a 400 naming %s', async (query, field) => {
    const res = await api.call('GET', `${base}/progress-pages?${query}`, { as: 'admin' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(field);
    expect(read).toBe(0);
  });

  it('is read by the admin and leaders only, whatever cursor a unit or a rater is handed', async () => {
    const forged = encodeCursor({ categoryId: 'township', unitId: 'township-001' });
    for (const as of ['township-002-reporter', 'rater-jiceng']) {
      const res = await api.call('GET', `${base}/progress-pages?pageSize=20&cursor=${forged}`, { as });
      expect(res.status).toBe(403);
    }
    const leader = await page('pageSize=20', 'leader');
    expect(leader.units).toHaveLength(20);
    expect(leader.totals?.units).toBe(60);
  });
});
