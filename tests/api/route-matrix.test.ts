/**
 * The route × role matrix: every route of the OpenAPI document, called as every role, must be
 * allowed or refused exactly as POLICY says; and the route × relation matrix below: every read,
 * called about one unit by people in each relation to it, is refused to those who may not see it.
 * A new route joins both by existing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoInspections } from '../../scripts/seed/demo-inspections';
import { type Action, POLICY } from '../../shared/auth/policy';
import { ROLES, type Role } from '../../shared/auth/roles';
import { getUser, seedUser } from '../../shared/db/org-repo';
import { createTestApi, type TestApi } from './harness';
import { createScoringApi } from './scoring-harness';
import { assignRater } from './submissions-fixtures';

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

/**
 * Both matrices run with two shapes of ID token each, so every shape the API accepts walks every
 * route once (TOKEN_SHAPES) at twice, not three times, the cost: Cognito's groups in both; an OIDC
 * provider's roles and unit claims here; an OIDC provider without roles, matched to the user records
 * bound to the token's staff number, in the relation matrix (where the principal's user id, taken
 * from Kaoping's record, decides assignments and 回避).
 */
describe.each(['cognito', 'oidc-claims'] as const)('route × role matrix (%s tokens)', (shape) => {
  let api: TestApi;
  let operations: Operation[];

  beforeAll(async () => {
    api = await createTestApi({ tokens: shape });
    // The rater and inspector stand assigned to the sample unit: the relation matrix below tries the others.
    await assignRater(api, 'luoyang-thc', USER_OF_ROLE.rater, [{ code: '1.1', periods: ['Q1'] }]);
    await seedDemoInspections(api.db, 2026, { history: true });
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

/**
 * The route × relation matrix: every GET route of the OpenAPI document, called about one unit
 * (洛阳镇卫生院) by people in each relation to it. Before publication a unit's records are read by
 * the bureau, the unit's own members and the raters and inspectors assigned to it; never by
 * another unit, an unassigned rater or inspector, or one affiliated with the unit (回避). Routes
 * with `{unitId}` must refuse (403) the outsiders; routes without it must not name the unit in
 * their answer to them (only the organisation directory lists every unit). A new route joins by
 * existing, so it cannot miss the rule.
 */
describe.each(['cognito', 'oidc-user-records'] as const)('route × relation matrix (%s tokens)', (shape) => {
  const UNIT = 'luoyang-thc';
  /** Who stands in which relation to UNIT (users seeded below or by the demo). */
  const RELATIONS = [
    { relation: 'bureau', user: 'admin', reads: true },
    { relation: 'bureau', user: 'leader', reads: true },
    { relation: 'own unit', user: 'luoyang-thc-reporter', reads: true },
    { relation: 'own unit', user: 'luoyang-thc-head', reads: true },
    { relation: 'other unit', user: 'hesha-thc-reporter', reads: false },
    { relation: 'other unit', user: 'hesha-thc-head', reads: false },
    // the demo assigns rater-jiceng to every unit; inspector-jijian is on 洛阳's inspection team
    { relation: 'assigned', user: 'rater-jiceng', reads: true },
    { relation: 'assigned', user: 'inspector-jijian', reads: true },
    { relation: 'unassigned', user: 'rater-fuyou', reads: false },
    { relation: 'unassigned', user: 'inspector-idle', reads: false },
    // a rater and inspector affiliated with 洛阳, assigned there by mistake: 回避 wins
    { relation: 'affiliated', user: 'inspector-both', reads: false },
  ] as const;
  /** Real ids of UNIT's records, so a refusal cannot hide behind a 404 or a 400. */
  const PARAMS: Record<string, string> = {
    year: '2026',
    unitId: UNIT,
    period: 'Q3',
    code: '1.1',
    inspectionId: 'ins-20260512-luoyang',
    ownerKind: 'inspection',
    ownerId: 'ins-20260512-luoyang',
    fileId: '00000000-0000-4000-8000-000000000000',
    revision: '1',
    version: '1',
    categoryId: 'primary-care',
  };
  /** Routes that list the organisation itself (every unit's name is public inside the system). */
  const DIRECTORY: readonly string[] = ['org.read'];

  let api: TestApi;
  let reads: Operation[];

  beforeAll(async () => {
    api = await createScoringApi({ tokens: shape });
    await seedDemoInspections(api.db, 2026, { history: true });
    await seedUser(api.db, {
      id: 'inspector-idle',
      name: '孙亮',
      title: '检查组成员',
      roles: ['inspector'],
      unitId: null,
      affiliatedUnitIds: [],
    });
    await assignRater(api, UNIT, 'inspector-both', [{ code: '1.1', periods: ['Q3'] }]);
    const doc = (await api.call('GET', '/api/openapi.json')).body as {
      paths: Record<string, Record<string, { 'x-action'?: string }>>;
    };
    reads = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([method, op]) => method === 'get' && op['x-action'] && op['x-action'] !== 'public')
        .map(([method, op]) => ({ method: method.toUpperCase(), path, action: op['x-action'] ?? '' })),
    );
  }, 180_000);
  afterAll(() => api.close());

  it('refuses a unit’s records to other units, unassigned and affiliated raters and inspectors', async () => {
    const principals = await Promise.all(
      RELATIONS.map(async (r) => ({ ...r, roles: (await getUser(api.db, r.user))?.roles ?? [] })),
    );
    expect(principals.every((p) => p.roles.length > 0)).toBe(true);
    const mismatches: string[] = [];
    for (const op of reads) {
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => PARAMS[name] ?? 'x-none');
      await Promise.all(
        principals
          .filter((p) =>
            p.roles.some((role) => (POLICY[op.action as Action] as readonly Role[]).includes(role)),
          )
          .map(async (p) => {
            const res = await api.call('GET', path, { as: p.user });
            const what = `${p.relation} ${p.user} GET ${op.path} → ${res.status}`;
            if (res.status === 401 || res.status >= 500) mismatches.push(what);
            else if (DIRECTORY.includes(op.action)) return;
            else if (op.path.includes('{unitId}')) {
              if (p.reads && res.status === 403) mismatches.push(`${what} (expected allowed)`);
              if (!p.reads && res.status !== 403) mismatches.push(`${what} (expected 403)`);
            } else if (
              !p.reads &&
              !DIRECTORY.includes(op.action) &&
              JSON.stringify(res.body).includes(UNIT)
            ) {
              mismatches.push(`${what} names ${UNIT}`);
            }
          }),
      );
    }
    expect(mismatches).toEqual([]);
  }, 180_000);
});
