/**
 * The item save on a warm container (issue 15): the year and the signed agreement come from memory,
 * so a save is its one conditional write; the write's condition still refuses a locked item and a
 * stale version, the window is still judged by the server's clock, and nothing is written on a
 * refusal. What is kept in memory is never kept past a change that matters: a year in setup is read
 * every time, an agreement written in this container is forgotten at once and one written elsewhere
 * within the TTL, and the head's submission re-checks values against the revision in force.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoYear } from '../../scripts/seed/demo-year';
import { transitionAgreement } from '../../shared/db/agreement-repo';
import { agreementKey, submissionItemKey, yearKey } from '../../shared/db/keys';
import { AGREEMENT_TTL_MS, agreementForReporting, yearForReporting } from '../../shared/db/reporting-cache';
import { seedYear } from '../../shared/db/year-repo';
import { createTestApi, type TestApi } from './harness';
import {
  AFTER_Q2,
  createFixtureUnit,
  type FixtureUnit,
  fillQ2,
  IN_Q2,
  itemPath,
  unitPeriodPath,
} from './submissions-fixtures';

describe('the item save on a warm container', () => {
  let api: TestApi;
  /** The store calls made since the last `calls.length = 0`, by command name. */
  const calls: string[] = [];

  beforeAll(async () => {
    api = await createTestApi({ now: IN_Q2 });
    api.db.raw.middlewareStack.add(
      (next, context) => async (args) => {
        calls.push(context.commandName ?? '?');
        return next(args);
      },
      { step: 'initialize', name: 'countStoreCalls' },
    );
  });
  afterAll(() => api.close());
  beforeEach(() => api.setNow(IN_Q2));

  const save = (u: FixtureUnit, code: string, value: unknown, version: number) =>
    api.call('PUT', itemPath(u.unitId, code), {
      as: u.reporter,
      body: { value, narrative: '说明', version },
    });
  const stored = async (u: FixtureUnit, code: string) =>
    (
      await api.db.doc.send(
        new GetCommand({
          TableName: api.db.tableName,
          Key: submissionItemKey(2026, u.unitId, 'Q2', code),
          ConsistentRead: true,
        }),
      )
    ).Item;

  it('makes one store call, the conditional write, once the year and agreement are in memory', async () => {
    // Prepare: the first save of the unit reads the year and the agreement
    const u = await createFixtureUnit(api);
    calls.length = 0;
    expect((await save(u, 'A1', 80, 0)).status).toBe(200);
    const cold = [...calls];

    // Act
    calls.length = 0;
    const created = await save(u, 'A2', 90, 0);
    const createCalls = [...calls];
    calls.length = 0;
    const updated = await save(u, 'A1', 81, 1);

    // Assess
    expect(created.status).toBe(200);
    expect(updated.status).toBe(200);
    // The first save of a unit reads its agreement (and the test's token issuer its user) first.
    expect(cold.at(-1)).toBe('PutItemCommand');
    expect(cold.slice(0, -1)).toContain('GetItemCommand');
    expect(createCalls).toEqual(['PutItemCommand']);
    expect(calls).toEqual(['UpdateItemCommand']);
  });

  it('still refuses a locked item and a stale version by the write’s condition, writing nothing', async () => {
    // Prepare: a submitted period (items locked) and an item at version 2
    const u = await createFixtureUnit(api);
    await fillQ2(api, u);
    const submitted = await api.call('POST', `${unitPeriodPath(u.unitId)}/submission`, {
      as: u.head,
      body: {},
      headers: { 'idempotency-key': 'save-path-0001' },
    });
    expect(submitted.status).toBe(200);
    const other = await createFixtureUnit(api);
    await save(other, 'A1', 80, 0);
    await save(other, 'A1', 81, 1);
    const [lockedBefore, currentBefore] = [await stored(u, 'A1'), await stored(other, 'A1')];

    // Act
    const locked = await save(u, 'A1', 70, 2);
    const stale = await save(other, 'A1', 99, 1);

    // Assess
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('ITEM_LOCKED');
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    expect(await stored(u, 'A1')).toEqual(lockedBefore);
    expect(await stored(other, 'A1')).toEqual(currentBefore);
  });

  it('refuses a save after the close although the year is in memory, writing nothing', async () => {
    const u = await createFixtureUnit(api);
    expect((await save(u, 'A1', 80, 0)).status).toBe(200);

    api.setNow(AFTER_Q2);
    const late = await save(u, 'A2', 90, 0);

    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('WINDOW_CLOSED');
    expect(await stored(u, 'A2')).toBeUndefined();
  });

  it('refuses at submission a value that does not fit the revision in force, naming it, and moves nothing', async () => {
    // Prepare: a draft whose value was checked against an earlier revision (A1 is a rate now)
    const u = await createFixtureUnit(api);
    await fillQ2(api, u);
    await api.db.doc.send(
      new UpdateCommand({
        TableName: api.db.tableName,
        Key: submissionItemKey(2026, u.unitId, 'Q2', 'A1'),
        UpdateExpression: 'SET #value = :value',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':value': 150 },
      }),
    );

    // Act
    const res = await api.call('POST', `${unitPeriodPath(u.unitId)}/submission`, {
      as: u.head,
      body: {},
      headers: { 'idempotency-key': 'save-path-0002' },
    });

    // Assess
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INCOMPLETE');
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ path: 'items.A1', message: expect.stringContaining('A1') }),
    ]);
    expect((await stored(u, 'A1'))?.status).toBe('draft');
    expect((await stored(u, 'A2'))?.status).toBe('draft');
  });
});

describe('what the save path keeps in memory', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi({ now: IN_Q2, seed: false });
  });
  afterAll(() => api.close());

  const setWindows = (year: number, closesAt: string) =>
    api.db.doc.send(
      new UpdateCommand({
        TableName: api.db.tableName,
        Key: yearKey(year),
        UpdateExpression: 'SET periods[1].closesAt = :closes',
        ExpressionAttributeValues: { ':closes': closesAt },
      }),
    );

  it('reads a year in setup every time and keeps it once under way', async () => {
    // Prepare
    await seedYear(api.db, demoYear(2031, 'setup'));
    await yearForReporting(api.db, 2031);

    // Act: windows edited in setup are seen; once under way, the year is kept
    await setWindows(2031, '2031-07-12T18:00:00+08:00');
    const inSetup = await yearForReporting(api.db, 2031);
    await api.db.doc.send(
      new UpdateCommand({
        TableName: api.db.tableName,
        Key: yearKey(2031),
        UpdateExpression: 'SET #state = :state',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':state': 'in_progress' },
      }),
    );
    const underWay = await yearForReporting(api.db, 2031);
    await setWindows(2031, '2031-07-20T18:00:00+08:00');
    const kept = await yearForReporting(api.db, 2031);

    // Assess
    expect(inSetup.periods[1]?.closesAt).toBe('2031-07-12T18:00:00+08:00');
    expect(underWay.state).toBe('in_progress');
    expect(kept).toBe(underWay);
  });

  it('forgets an agreement written in this container at once, and one written elsewhere after the TTL', async () => {
    // Prepare: a signed agreement in memory
    await seedYear(api.db, demoYear(2026, 'in_progress'));
    const u = await createFixtureUnit(api);
    let now = Date.parse('2026-07-01T02:00:00Z');
    const clock = () => now;
    expect((await agreementForReporting(api.db, 2026, u.unitId, clock))?.state).toBe('signed');

    // Act 1: locked through the agreement repository in this container
    await transitionAgreement(api.db, {
      year: 2026,
      unitId: u.unitId,
      to: 'locked',
      expectedVersion: 1,
      actor: { userId: 'admin', name: '王建华' },
      at: new Date(now),
    });
    const afterLocal = await agreementForReporting(api.db, 2026, u.unitId, clock);

    // Act 2: written by another container (straight to the store): seen once the TTL has passed
    const { Item } = await api.db.doc.send(
      new GetCommand({
        TableName: api.db.tableName,
        Key: agreementKey(2026, u.unitId),
        ConsistentRead: true,
      }),
    );
    await api.db.doc.send(
      new PutCommand({ TableName: api.db.tableName, Item: { ...Item, revision: 2, version: 3 } }),
    );
    now += AGREEMENT_TTL_MS - 1;
    const withinTtl = await agreementForReporting(api.db, 2026, u.unitId, clock);
    now += 1;
    const afterTtl = await agreementForReporting(api.db, 2026, u.unitId, clock);

    // Assess
    expect(afterLocal?.state).toBe('locked');
    expect(withinTtl?.revision).toBe(1);
    expect(afterTtl?.revision).toBe(2);
  });

  it('never keeps an agreement that is not signed', async () => {
    const u = await createFixtureUnit(api);
    const key = agreementKey(2026, u.unitId);
    const { Item } = await api.db.doc.send(
      new GetCommand({ TableName: api.db.tableName, Key: key, ConsistentRead: true }),
    );
    const { inForce: _inForce, ...unsigned } = Item ?? {};
    await api.db.doc.send(
      new PutCommand({ TableName: api.db.tableName, Item: { ...unsigned, state: 'issued' } }),
    );
    expect((await agreementForReporting(api.db, 2026, u.unitId))?.state).toBe('issued');

    await api.db.doc.send(
      new PutCommand({ TableName: api.db.tableName, Item: { ...Item, state: 'signed' } }),
    );

    expect((await agreementForReporting(api.db, 2026, u.unitId))?.state).toBe('signed');
  });
});
