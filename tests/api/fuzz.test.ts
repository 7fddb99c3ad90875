/**
 * Fuzzing from the served OpenAPI document: every operation, as every role and anonymously, with
 * requests generated from its own schemas (valid-looking ones, and ones broken on purpose). Whatever
 * arrives, the API answers no 5xx, never a stack trace, and never a 2xx to a role POLICY refuses.
 * Seeded and bounded (about a thousand requests), so a failure replays and the file stays well
 * under 90 s. A new route joins the fuzz by existing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../scripts/seed/demo-org';
import { type Action, POLICY } from '../../shared/auth/policy';
import { ROLES, type Role, UNIT_ROLES } from '../../shared/auth/roles';
import { createTestApi, type TestApi } from './harness';

// biome-ignore lint/suspicious/noExplicitAny: a JSON Schema read from the served document
type Schema = any;
interface Operation {
  method: string;
  path: string;
  action: string;
  parameters: { name: string; in: string; required?: boolean; schema: Schema }[];
  body?: Schema;
}

const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
/** Valid-looking requests per operation and role; broken ones per operation (as the admin). */
const VALID_RUNS = Number(process.env.FUZZ_VALID_RUNS ?? 1);
const INVALID_RUNS = Number(process.env.FUZZ_INVALID_RUNS ?? 4);

/** One demo user per role; unit roles from 洛阳镇卫生院, whose ids are among the known ones below. */
const userOf = (role: Role): string =>
  DEMO_USERS.find(
    (u) => u.roles.includes(role) && (!UNIT_ROLES.includes(role) || u.unitId === 'luoyang-thc'),
  )!.id;

/** Real ids of the demo, so generated requests reach past "not found" into the handlers. */
const KNOWN: Record<string, string[]> = {
  year: ['2026', '2025'],
  unitId: ['luoyang-thc', 'county-hospital'],
  period: ['Q1', 'Q2', 'Q3', 'Q4'],
  categoryId: ['primary-care', 'county-medical'],
};

const STACK_TRACE = /\bat [\w$.<>]+ \(|\.[cm]?[jt]s:\d+:\d+|node_modules/;

/** A generator of values of a JSON Schema (the subset zod-openapi writes). */
const arbitraryOf = (schema: Schema, resolve: (s: Schema) => Schema, depth = 0): fc.Arbitrary<unknown> => {
  const s = resolve(schema) ?? {};
  if (depth > 6) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const options = s.anyOf ?? s.oneOf;
  if (options) return fc.oneof(...options.map((o: Schema) => arbitraryOf(o, resolve, depth + 1)));
  if (s.allOf) return arbitraryOf(s.allOf[0], resolve, depth + 1);
  const types: string[] = Array.isArray(s.type) ? s.type : [s.type ?? 'any'];
  return fc.oneof(...types.map((type) => arbitraryOfType(type, s, resolve, depth)));
};

const arbitraryOfType = (
  type: string,
  s: Schema,
  resolve: (s: Schema) => Schema,
  depth: number,
): fc.Arbitrary<unknown> => {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1_000, max: s.maximum ?? 100_000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1_000, max: s.maximum ?? 100_000, noNaN: true });
    case 'string':
      if (s.format === 'date') return fc.constantFrom('2026-07-01', '2026-12-31', '2025-02-28');
      if (s.format === 'date-time')
        return fc.constantFrom('2026-07-01T09:00:00+08:00', '2026-12-31T10:00:00Z');
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) });
    case 'array':
      return fc.array(arbitraryOf(s.items ?? {}, resolve, depth + 1), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 3, 3),
      });
    case 'object': {
      const properties = Object.entries<Schema>(s.properties ?? {});
      const required = new Set<string>(s.required ?? []);
      const record = fc.record(
        Object.fromEntries(properties.map(([k, v]) => [k, arbitraryOf(v, resolve, depth + 1)])),
        { requiredKeys: properties.map(([k]) => k).filter((k) => required.has(k)) },
      );
      return record;
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
};

/** Something wrong for a value: another type, an over-long or hostile string, a huge number. */
const junk = fc.oneof(
  fc.constantFrom('a'.repeat(2_100), '0x7EA', '../../etc/passwd', '<script>', "'; DROP", '１２', '', ' '),
  fc.constantFrom(-1, 1e308, 2 ** 53, 0.1, Number.MAX_SAFE_INTEGER),
  fc.constantFrom(null, true, [], {}, [1, 2], { $ne: 1 }),
  fc.string({ maxLength: 20 }),
);

/** Breaks a generated body: one field made junk, an extra field, or the whole body replaced. */
const breakBody = (body: unknown): fc.Arbitrary<unknown> => {
  const keys = body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [];
  return fc.oneof(
    junk,
    keys.length > 0
      ? fc.tuple(fc.constantFrom(...keys), junk).map(([k, v]) => ({ ...(body as object), [k]: v }))
      : junk,
    fc.tuple(fc.string({ maxLength: 10 }), junk).map(([k, v]) => ({ ...(body as object), [`x${k}`]: v })),
  );
};

describe('fuzzing every OpenAPI operation', () => {
  let api: TestApi;
  let operations: Operation[];
  let resolve: (s: Schema) => Schema;

  beforeAll(async () => {
    api = await createTestApi({ devSignIn: true });
    const doc = (await api.call('GET', '/api/openapi.json')).body;
    resolve = (s: Schema) => (s?.$ref ? doc.components.schemas[s.$ref.split('/').pop()] : s);
    operations = Object.entries<Record<string, Schema>>(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        action: op['x-action'] ?? '',
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      })),
    );
  }, 120_000);
  afterAll(() => api.close());

  /** A request of `op` drawn from the generators: path, query and JSON body. */
  const requestOf = (op: Operation, broken: boolean) => {
    const value = (p: Operation['parameters'][number]) =>
      fc.oneof(
        {
          weight: broken ? 1 : 3,
          arbitrary: KNOWN[p.name] ? fc.constantFrom(...KNOWN[p.name]!) : fc.constant(null),
        },
        { weight: 1, arbitrary: arbitraryOf(p.schema, resolve).map((v) => (v === null ? null : String(v))) },
        { weight: broken ? 2 : 0, arbitrary: junk.map((v) => JSON.stringify(v)) },
      );
    const params = fc.tuple(...op.parameters.map((p) => value(p).map((v) => [p, v] as const)));
    const body = op.body ? arbitraryOf(op.body, resolve) : fc.constant(undefined);
    return fc.tuple(params, body).chain(([values, b]) =>
      (broken && op.body ? breakBody(b) : fc.constant(b)).map((finalBody) => {
        let path = op.path;
        const query = new URLSearchParams();
        for (const [p, v] of values) {
          const text = v ?? (p.in === 'path' ? 'x-none' : null);
          if (text === null) continue;
          if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(text));
          else if (p.in === 'query') query.set(p.name, text);
        }
        const search = query.size > 0 ? `?${query}` : '';
        return { path: `${path}${search}`, body: finalBody };
      }),
    );
  };

  const checkAnswer = (
    label: string,
    res: { status: number; body: unknown },
    refused: boolean,
    failures: string[],
  ) => {
    const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
    if (res.status >= 500) failures.push(`${label} → ${res.status} ${text.slice(0, 300)}`);
    else if (STACK_TRACE.test(text ?? '')) failures.push(`${label} → a stack trace: ${text.slice(0, 300)}`);
    else if (refused && res.status < 300) failures.push(`${label} → ${res.status} for a refused role`);
  };

  it('finds the operations to drive', () => {
    expect(operations.length).toBeGreaterThan(80);
  });

  it('answers generated requests, valid and broken, as every role with no 5xx, no stack trace and no 2xx when refused', async () => {
    const failures: string[] = [];
    const callers: (Role | 'anonymous')[] = [...ROLES, 'anonymous'];
    let sent = 0;
    const statuses = new Map<number, number>();
    for (const [index, op] of operations.entries()) {
      const isRefused = (caller: Role | 'anonymous') =>
        op.action !== 'public' &&
        (caller === 'anonymous' || !(POLICY[op.action as Action] as readonly string[]).includes(caller));
      const valid = fc.sample(requestOf(op, false), {
        seed: SEED + index,
        numRuns: VALID_RUNS * callers.length,
      });
      const broken = fc.sample(requestOf(op, true), { seed: SEED - index, numRuns: INVALID_RUNS });
      const plan = [
        ...valid.map((request, i) => ({ request, caller: callers[i % callers.length]! })),
        ...broken.map((request) => ({ request, caller: 'admin' as const })),
      ];
      for (const { request, caller } of plan) {
        const res = await api.call(op.method, request.path, {
          ...(caller === 'anonymous' ? {} : { as: userOf(caller) }),
          ...(request.body === undefined ? {} : { body: request.body }),
        });
        sent++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        checkAnswer(
          `${caller} ${op.method} ${request.path} ${JSON.stringify(request.body)?.slice(0, 200)}`,
          res,
          isRefused(caller),
          failures,
        );
      }
    }
    if (process.env.FUZZ_REPORT)
      console.log(
        sent,
        [...statuses].sort(([a], [b]) => a - b),
      );
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(operations.length * callers.length);
    // The requests reach the handlers: answered, refused and rejected alike.
    const count = (from: number, to: number) =>
      [...statuses].filter(([status]) => status >= from && status < to).reduce((n, [, c]) => n + c, 0);
    expect(count(200, 300)).toBeGreaterThan(sent / 20);
    expect(count(400, 401)).toBeGreaterThan(sent / 20);
    expect(count(403, 404)).toBeGreaterThan(sent / 20);
  }, 120_000);
  it('answers a 2,100-character string in every path parameter and top-level body field without a 5xx', async () => {
    // The DynamoDB key-size error the generators may miss: every place a key could be formed, tried once.
    const failures: string[] = [];
    const long = 'a'.repeat(2_100);
    for (const [index, op] of operations.entries()) {
      const [base] = fc.sample(requestOf(op, false), { seed: SEED + index, numRuns: 1 });
      const body = base?.body && typeof base.body === 'object' ? (base.body as Record<string, unknown>) : {};
      const fields = Object.entries<Schema>(resolve(op.body)?.properties ?? {})
        .filter(([, schema]) => JSON.stringify(resolve(schema)).includes('"string"'))
        .map(([name]) => name);
      const tries = [
        ...op.parameters
          .filter((p) => p.in === 'path')
          .map((p) => ({
            path: op.path
              .replace(`{${p.name}}`, long)
              .replace(/\{(\w+)\}/g, (_, n: string) => KNOWN[n]?.[0] ?? 'x-none'),
            body: op.body ? body : undefined,
          })),
        ...fields.map((field) => ({
          path: op.path.replace(/\{(\w+)\}/g, (_, n: string) => KNOWN[n]?.[0] ?? 'x-none'),
          body: { ...body, [field]: long },
        })),
      ];
      for (const attempt of tries) {
        const res = await api.call(op.method, attempt.path, {
          as: 'admin',
          ...(attempt.body === undefined ? {} : { body: attempt.body }),
        });
        const label = `admin ${op.method} ${attempt.path.slice(0, 120)} ${JSON.stringify(attempt.body)?.slice(0, 120)}`;
        checkAnswer(label, res, false, failures);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
