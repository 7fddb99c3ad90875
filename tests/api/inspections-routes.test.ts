/**
 * The route × role matrix for the inspection, proposal and survey routes alone (the full matrix in
 * route-matrix.test.ts covers them too): every role is allowed or refused exactly as POLICY says,
 * and an allowed role with an empty body is stopped by validation, never by a 403 or a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Action, POLICY } from '../../shared/auth/policy';
import { ROLES, type Role } from '../../shared/auth/roles';
import { createTestApi, type TestApi } from './harness';

const USER_OF_ROLE: Record<Role, string> = {
  admin: 'admin',
  reporter: 'luoyang-thc-reporter',
  unit_head: 'luoyang-thc-head',
  rater: 'rater-jiceng',
  inspector: 'inspector-jijian',
  leader: 'leader',
};
const SAMPLE: Record<string, string> = { year: '2026', unitId: 'luoyang-thc', period: 'Q4', code: 'XF-01' };
const MINE = /\/(checklist|inspections|rectifications|proposals|surveys)/;

describe('inspection routes × roles', () => {
  let api: TestApi;
  let operations: { method: string; path: string; action: string }[];

  beforeAll(async () => {
    api = await createTestApi();
    const doc = (await api.call('GET', '/api/openapi.json')).body as {
      paths: Record<string, Record<string, { 'x-action'?: string }>>;
    };
    operations = Object.entries(doc.paths)
      .filter(([path]) => MINE.test(path))
      .flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({
          method: method.toUpperCase(),
          path,
          action: op['x-action'] ?? '',
        })),
      );
  });
  afterAll(() => api.close());

  it('allows and refuses each role exactly as POLICY says', { timeout: 120_000 }, async () => {
    expect(operations.length).toBe(16);
    const mismatches: string[] = [];
    for (const op of operations) {
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE[name] ?? 'x-none');
      const results = await Promise.all(
        ROLES.map(async (role) => {
          const allowed = (POLICY[op.action as Action] as readonly Role[]).includes(role);
          const body = op.method === 'GET' ? undefined : {};
          const res = await api.call(op.method, path, { as: USER_OF_ROLE[role], body });
          const refused = res.status === 403;
          return allowed === refused || res.status === 401 || res.status >= 500
            ? `${role} ${op.method} ${op.path} → ${res.status} (expected ${allowed ? 'allowed' : '403'})`
            : undefined;
        }),
      );
      mismatches.push(...results.filter((m): m is string => m !== undefined));
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses every one of them without a token', { timeout: 60_000 }, async () => {
    for (const op of operations) {
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE[name] ?? 'x-none');
      const res = await api.call(op.method, path, { body: op.method === 'GET' ? undefined : {} });
      expect(res.status, `${op.method} ${op.path}`).toBe(401);
    }
  });
});
