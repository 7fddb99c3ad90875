/**
 * How many units have an agreement of a year, read by key (issue 15): the counter kept by the
 * generation's transaction counts two categories generated at once and never a re-generation; a
 * year without a counter is counted by a Query; the results page chooses the stored run above the
 * live limit without a Query of the year's agreements.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoYear } from '../../scripts/seed/demo-year';
import { countAgreements } from '../../shared/db/agreement-count';
import { agreementCountKey } from '../../shared/db/keys';
import { seedYear } from '../../shared/db/year-repo';
import { CURRENT_YEAR, createTestApi, type TestApi } from './harness';

const Y = 2027;
const base = `/api/years/${Y}/agreements`;

describe('the count of a year’s agreements', () => {
  let api: TestApi;
  /** Store calls since the last reset: command name and, for a Query, its key value. */
  const calls: { command: string; pk?: unknown }[] = [];

  const generate = (categoryId: string) =>
    api.call('POST', `${base}/generate`, { as: 'admin', body: { categoryId } });
  const counter = async (year: number) =>
    (
      await api.db.doc.send(
        new GetCommand({ TableName: api.db.tableName, Key: agreementCountKey(year), ConsistentRead: true }),
      )
    ).Item?.count;
  const listed = async () => ((await api.call('GET', base, { as: 'admin' })).body as unknown[]).length;

  beforeAll(async () => {
    // The live limit at 3 units: the demo's categories of 2027 are bigger, so the year reads as a city's.
    api = await createTestApi({ liveResultsMaxUnits: 3 });
    api.db.raw.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { ExpressionAttributeValues?: Record<string, { S?: string }> };
        calls.push({
          command: context.commandName ?? '?',
          pk: input.ExpressionAttributeValues?.[':pk']?.S,
        });
        return next(args);
      },
      { step: 'initialize', name: 'countStoreCalls' },
    );
    await seedYear(api.db, demoYear(Y, 'setup'));
    for (const categoryId of ['primary-care', 'public-health', 'county-medical']) {
      const copied = await api.call('POST', `/api/years/${Y}/templates/${categoryId}/copy`, {
        as: 'admin',
        body: { fromYear: CURRENT_YEAR },
      });
      expect(copied.status).toBe(200);
    }
  }, 120_000);
  afterAll(() => api.close());
  beforeEach(() => {
    calls.length = 0;
  });

  it('counts two categories generated at once, and a year before its counter by a Query', async () => {
    // Prepare: no agreement of 2027 yet, no counter; the seeded 2026 has agreements and no counter.
    expect(await counter(Y)).toBeUndefined();
    expect(await countAgreements(api.db, Y)).toBe(0);
    expect(await countAgreements(api.db, CURRENT_YEAR)).toBeGreaterThan(0);

    // Act
    const [a, b] = await Promise.all([generate('primary-care'), generate('public-health')]);

    // Assess
    expect([a.status, b.status]).toEqual([200, 200]);
    const created = a.body.created.length + b.body.created.length;
    expect(created).toBeGreaterThan(3);
    expect(await counter(Y)).toBe(created);
    expect(await listed()).toBe(created);
  });

  it('does not count a re-generation, and counts a later category on top', async () => {
    const before = await counter(Y);
    const again = await generate('primary-care');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: [] });
    expect(again.body.regenerated.length).toBeGreaterThan(0);
    expect(await counter(Y)).toBe(before);

    const third = await generate('county-medical');
    expect(third.status).toBe(200);
    expect(await counter(Y)).toBe(before + third.body.created.length);
    expect(await countAgreements(api.db, Y)).toBe(await listed());
  });

  it('picks the stored run above the live limit with no Query of the year’s agreements', async () => {
    // Act
    const res = await api.call('GET', `/api/years/${Y}/results`, { as: 'admin' });

    // Assess: no run computed yet, so no lines, and the choice was one GetItem of the counter.
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ categories: [], computed: null });
    const agreementsPk = `YEAR#${Y}#AGREEMENTS`;
    expect(calls.filter((c) => c.command === 'QueryCommand' && c.pk === agreementsPk)).toEqual([]);
    expect(calls.filter((c) => c.command === 'QueryCommand')).toEqual([]);
  });
});
