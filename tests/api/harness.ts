/**
 * Integration-test harness: the real HTTP app against the run's DynamoDB Local, in a table of
 * its own (so test files run in parallel), seeded with the demo bureau.
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { seedDemo } from '../../scripts/seed/seed';
import { localVerifier } from '../../shared/auth/verifier';
import { createDb, type Db } from '../../shared/db/client';
import { ensureTable } from '../../shared/db/create-table';
import { getUser } from '../../shared/db/org-repo';
import { createApp } from '../../shared/http/app';
import { createDevSigner } from '../../shared/http/dev-sign-in';
import { createLogger } from '../../shared/http/logger';

export interface TestApi {
  db: Db;
  app: ReturnType<typeof createApp>;
  /** Moves the server's clock (submission windows, publicity). */
  setNow: (date: Date) => void;
  token: (userId: string) => Promise<string>;
  call: (
    method: string,
    path: string,
    options?: { as?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ) => Promise<{ status: number; body: any; headers: Headers }>;
  close: () => Promise<void>;
}

export const CURRENT_YEAR = 2026;

export const createTestApi = async (options: { seed?: boolean; now?: Date } = {}): Promise<TestApi> => {
  const db = createDb({ tableName: `t-${randomUUID()}`, endpoint: inject('ddbEndpoint') });
  await ensureTable(db.raw, db.tableName);
  if (options.seed !== false) await seedDemo(db, CURRENT_YEAR);
  let now = options.now ?? new Date('2026-11-26T10:00:00+08:00');
  const signer = await createDevSigner();
  const app = createApp({
    db,
    verifier: localVerifier(signer.jwks),
    logger: createLogger('CRITICAL'),
    now: () => now,
  });
  const tokens = new Map<string, string>();
  const token = async (userId: string) => {
    const cached = tokens.get(userId);
    if (cached) return cached;
    const user = await getUser(db, userId);
    if (!user) throw new Error(`no seeded user ${userId}`);
    const issued = await signer.issue(user);
    tokens.set(userId, issued);
    return issued;
  };
  return {
    db,
    app,
    setNow: (date) => {
      now = date;
    },
    token,
    call: async (method, path, { as, body, rawBody, headers = {} } = {}) => {
      const res = await app.request(path, {
        method,
        headers: {
          ...(as ? { authorization: `Bearer ${await token(as)}` } : {}),
          ...(body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(rawBody !== undefined
          ? { body: rawBody }
          : body !== undefined
            ? { body: JSON.stringify(body) }
            : {}),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON (the API reference page): keep the text
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    close: async () => {
      db.raw.destroy();
    },
  };
};
