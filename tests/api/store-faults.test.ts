/**
 * Faults DynamoDB Local cannot produce, injected through SDK middleware (the only mock allowed):
 * throttling is retried by the SDK, and a store that is down answers 503 quickly, never hangs.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, startDynamoDbLocal } from '../../scripts/lib/dynamodb-local';
import { localVerifier } from '../../shared/auth/verifier';
import { createDb, STORE_DEADLINE_MS } from '../../shared/db/client';
import { ensureTable } from '../../shared/db/create-table';
import { seedUser } from '../../shared/db/org-repo';
import { createApp } from '../../shared/http/app';
import { createDevSigner } from '../../shared/http/dev-sign-in';
import { createLogger } from '../../shared/http/logger';
import type { User } from '../../shared/schemas/org';

const leader: User = {
  id: 'leader',
  name: '李国强',
  title: '局长',
  roles: ['leader'],
  unitId: null,
  affiliatedUnitIds: [],
};

const appOn = async (db: ReturnType<typeof createDb>) => {
  const signer = await createDevSigner();
  const app = createApp({
    db,
    verifier: localVerifier(signer.jwks),
    logger: createLogger('CRITICAL'),
    now: () => new Date(),
    evidence: {} as never,
    publishSite: async () => {},
    startJob: async () => {},
  });
  const token = await signer.issue(leader);
  return (path: string) => app.request(path, { headers: { authorization: `Bearer ${token}` } });
};

describe('when the store misbehaves', () => {
  it('retries throttled calls and answers normally', async () => {
    // Prepare: a table, and a middleware that throttles the first two attempts of every call.
    const db = createDb({
      tableName: `f-${randomUUID()}`,
      endpoint: inject('ddbEndpoint'),
      deadlineMs: STORE_DEADLINE_MS,
    });
    await ensureTable(db.raw, db.tableName);
    await seedUser(db, leader);
    let throttled = 0;
    const attempts = new Map<unknown, number>();
    db.raw.middlewareStack.add(
      (next, context) => async (args) => {
        const n = (attempts.get(context) ?? 0) + 1;
        attempts.set(context, n);
        if (n <= 2) {
          throttled++;
          throw Object.assign(new Error('Rate exceeded'), {
            name: 'ThrottlingException',
            $metadata: { httpStatusCode: 400 },
            $retryable: { throttling: true },
          });
        }
        return next(args);
      },
      { step: 'deserialize', name: 'injectThrottling' },
    );
    const get = await appOn(db);
    // Act
    const res = await get('/api/units');
    // Assess
    expect(res.status).toBe(200);
    expect(throttled).toBeGreaterThanOrEqual(2);
  });

  it('answers 503 with a Chinese message, quickly, when the store is down', async () => {
    const db = createDb({
      tableName: 'gone',
      endpoint: `http://127.0.0.1:${await freePort()}`,
      deadlineMs: STORE_DEADLINE_MS,
    });
    const get = await appOn(db);
    const started = Date.now();
    const res = await get('/api/units');
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(res.status).toBe(503);
    expect(body.error).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: '数据服务暂时不可用，请稍后重试',
    });
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(res.headers.get('retry-after')).toBe('5');
    expect((await get('/api/health')).status).toBe(503);
  });
});

describe('when DynamoDB Local stops answering (SIGSTOP) and comes back (SIGCONT)', () => {
  // A dedicated instance: pausing the run's shared one would stall every other test file.
  let local: Awaited<ReturnType<typeof startDynamoDbLocal>>;
  let db: ReturnType<typeof createDb>;
  let get: Awaited<ReturnType<typeof appOn>>;
  beforeAll(async () => {
    local = await startDynamoDbLocal();
    db = createDb({
      tableName: `p-${randomUUID()}`,
      endpoint: local.endpoint,
      deadlineMs: STORE_DEADLINE_MS,
    });
    await ensureTable(db.raw, db.tableName);
    await seedUser(db, leader);
    get = await appOn(db);
  });
  afterAll(async () => {
    if (local.process.pid) process.kill(local.process.pid, 'SIGCONT');
    db.raw.destroy();
    await local.stop();
  });

  const timed = async (path: string) => {
    const started = Date.now();
    const res = await get(path);
    return { res, ms: Date.now() - started, body: (await res.json()) as Record<string, never> };
  };

  it('answers 503 with Retry-After within 5 s while paused, and normally once resumed', async () => {
    // Prepare: the store answers.
    expect((await get('/api/units')).status).toBe(200);
    const pid = local.process.pid as number;
    // Act: pause the store.
    process.kill(pid, 'SIGSTOP');
    try {
      const [units, health] = await Promise.all([timed('/api/units'), timed('/api/health')]);
      // Assess: both answer quickly, saying why.
      expect(units.res.status).toBe(503);
      expect(units.ms).toBeLessThan(5_000);
      expect(units.res.headers.get('retry-after')).toBe('5');
      expect(units.body.error).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        message: '数据服务暂时不可用，请稍后重试',
      });
      expect(health.res.status).toBe(503);
      expect(health.ms).toBeLessThan(2_500);
      expect(health.res.headers.get('retry-after')).toBe('5');
      expect(health.body).toMatchObject({ status: 'degraded', store: 'unavailable', down: ['store'] });
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    // Assess: the next requests are served again.
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (status !== 200 && Date.now() < deadline) status = (await get('/api/health')).status;
    expect(status).toBe(200);
    const units = await timed('/api/units');
    expect(units.res.status).toBe(200);
    expect(units.ms).toBeLessThan(5_000);
  }, 40_000);
});
