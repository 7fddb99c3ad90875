/**
 * Faults DynamoDB Local cannot produce, injected through SDK middleware (the only mock allowed):
 * throttling is retried by the SDK, and a store that is down answers 503 quickly, never hangs.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { freePort } from '../../scripts/lib/dynamodb-local';
import { localVerifier } from '../../shared/auth/verifier';
import { createDb } from '../../shared/db/client';
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
  });
  const token = await signer.issue(leader);
  return (path: string) => app.request(path, { headers: { authorization: `Bearer ${token}` } });
};

describe('when the store misbehaves', () => {
  it('retries throttled calls and answers normally', async () => {
    // Prepare: a table, and a middleware that throttles the first two attempts of every call.
    const db = createDb({ tableName: `f-${randomUUID()}`, endpoint: inject('ddbEndpoint') });
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
    const db = createDb({ tableName: 'gone', endpoint: `http://127.0.0.1:${await freePort()}` });
    const get = await appOn(db);
    const started = Date.now();
    const res = await get('/api/units');
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(res.status).toBe(503);
    expect(body.error).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: '数据服务暂时不可用，请稍后重试',
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await get('/api/health')).status).toBe(503);
  });
});
