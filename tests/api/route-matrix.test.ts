/**
 * The route × role matrix: every route of the OpenAPI document, called as every role, must be
 * allowed or refused exactly as POLICY says. A new route joins this test by existing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Action, POLICY } from '../../shared/auth/policy';
import { ROLES, type Role } from '../../shared/auth/roles';
import { createTestApi, type TestApi } from './harness';

/** One seeded user per role. */
const USER_OF_ROLE: Record<Role, string> = {
  admin: 'admin',
  reporter: 'luoyang-thc-reporter',
  unit_head: 'luoyang-thc-head',
  rater: 'rater-jiceng',
  inspector: 'inspector-jijian',
  leader: 'leader',
};

const SAMPLE_PARAMS: Record<string, string> = { year: '2026', unitId: 'luoyang-thc', period: 'Q1' };

interface Operation {
  method: string;
  path: string;
  action: string;
}

const fillPath = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE_PARAMS[name] ?? 'x-none');

describe('route × role matrix', () => {
  let api: TestApi;
  let operations: Operation[];

  beforeAll(async () => {
    api = await createTestApi();
    const doc = (await api.call('GET', '/api/openapi.json')).body as {
      paths: Record<string, Record<string, { 'x-action'?: string }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        action: op['x-action'] ?? '',
      })),
    );
  });
  afterAll(() => api.close());

  it('finds the routes and every one names a known action', () => {
    expect(operations.length).toBeGreaterThan(10);
    for (const op of operations) {
      expect(
        op.action === 'public' || op.action in POLICY,
        `${op.method} ${op.path} has action "${op.action}"`,
      ).toBe(true);
    }
  });

  it('refuses every protected route without a token (401) and with a forged token (401)', {
    timeout: 120_000,
  }, async () => {
    for (const op of operations.filter((o) => o.action !== 'public')) {
      const body = op.method === 'GET' ? undefined : {};
      const anonymous = await api.call(op.method, fillPath(op.path), { body });
      const forged = await api.call(op.method, fillPath(op.path), {
        body,
        headers: { authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2ln' },
      });
      expect(anonymous.status, `${op.method} ${op.path}`).toBe(401);
      expect(forged.status, `${op.method} ${op.path}`).toBe(401);
      expect(JSON.stringify(anonymous.body)).not.toContain('luoyang');
    }
  });

  it('allows and refuses each role exactly as POLICY says', async () => {
    const mismatches: string[] = [];
    // Routes one after another (some write), the six roles of a route at once.
    for (const op of operations.filter((o) => o.action !== 'public')) {
      await Promise.all(
        ROLES.map(async (role) => {
          const allowed = (POLICY[op.action as Action] as readonly Role[]).includes(role);
          // An empty body: an allowed role gets past authorization and is stopped by validation
          // (or answers a read), so nothing is written by this test.
          const body = op.method === 'GET' ? undefined : {};
          const res = await api.call(op.method, fillPath(op.path), { as: USER_OF_ROLE[role], body });
          const refused = res.status === 403;
          if (allowed === refused || res.status === 401 || res.status >= 500) {
            mismatches.push(
              `${role} ${op.method} ${op.path} → ${res.status} (expected ${allowed ? 'allowed' : '403'})`,
            );
          }
        }),
      );
    }
    expect(mismatches).toEqual([]);
  }, 180_000);
});
