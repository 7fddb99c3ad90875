/**
 * What each GET route reads at a city's size (issue 15): the browser test's municipal fixture (500
 * units in 6 categories, Q3 scored, rater-jiceng's Q4 queue, the results job's run stored) is seeded
 * once, and every GET route of the OpenAPI document is called as the admin, a leader, a rater and a
 * unit's reporter, counting the store calls each request makes and the items they read (a Query's or
 * Scan's ScannedCount, a GetItem's item, a BatchGetItem's responses). A request path reads by key or
 * one page: a route may read no more than its stated bound per request, and never every unit's facts.
 * The table the file prints is the one in docs/municipal.md (读取开销). A new GET route joins the
 * test by existing (the OpenAPI document lists it) and is held to DEFAULT_BOUND unless named below.
 *
 * The agreements, progress and assignments lists are paged by the `paging` work (docs/municipal.md);
 * they are measured and printed but bound only once that lands (PAGING_LISTS).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUICK_MUNICIPAL, seedMunicipal } from '../../scripts/seed/municipal';
import { computeResultsIfAbsent } from '../../shared/jobs/results-now';
import { CURRENT_YEAR, createTestApi, type TestApi } from './harness';

const UNIT = 'township-001';
const WHO = {
  admin: 'admin',
  leader: 'leader',
  rater: 'rater-jiceng',
  reporter: `${UNIT}-reporter`,
} as const;
type Who = keyof typeof WHO;

/** Path parameters of the sample requests: the rater's queue and the unit's worksheet are Q4's. */
const PARAMS: Record<string, string> = {
  year: String(CURRENT_YEAR),
  unitId: UNIT,
  period: 'Q4',
  categoryId: 'township',
  revision: '1',
  to: 'publicity',
  code: '1.1',
  version: '1',
};
/** Query strings the web sends with these routes. */
const QUERY: Record<string, string> = {
  '/api/years/{year}/results': '?asOf=Q3',
  '/api/years/{year}/units/{unitId}/results': '?asOf=Q3',
  '/api/years/{year}/assignments': '?period=Q4',
  '/api/years/{year}/agreement-pages': '?pageSize=100',
  '/api/me/tasks': `?year=${CURRENT_YEAR}`,
};

/**
 * The `paging` work's lists (`route`, or `route as role`): the whole agreements list for those who
 * see every unit or, as rater-jiceng, every unit's (a county's page; a city's reads agreement-pages,
 * bound), 上报进度 and 评分分派, not yet server-paged (docs/municipal.md). Measured and printed, not
 * bound here. A unit's reporter reads its own agreement by key (bound by DEFAULT_BOUND).
 */
const PAGING_LISTS = new Set([
  '/api/years/{year}/agreements as admin',
  '/api/years/{year}/agreements as leader',
  '/api/years/{year}/agreements as rater',
  '/api/years/{year}/periods/{period}/progress',
  '/api/years/{year}/assignments',
]);
const pagingList = (r: { route: string; who: Who }) =>
  PAGING_LISTS.has(r.route) || PAGING_LISTS.has(`${r.route} as ${r.who}`);

/** A whole-year read by design, printed, not bound: the scenario (the engine's whole input, an export). */
const WHOLE_YEAR_BY_DESIGN = new Set(['/api/years/{year}/scenario']);

/**
 * Items a request may read at 500 units (`route`, or `route as role` for one role). One unit's
 * agreement has about 14 leaves and a unit's quarter about 14 facts; a page is at most 100 rows;
 * categories (6) and templates (6) are read whole. Anything above DEFAULT_BOUND reads more than a
 * page and is named here with its reason.
 */
const DEFAULT_BOUND = 200;
const BOUNDS: Record<string, number> = {
  // The organisation itself, one Query each: 500 units, 1,013 users.
  '/api/units': 520,
  '/api/users': 1_050,
  // The template workbook is a download with the org's units (one Query of 500 small items).
  '/api/years/{year}/template-workbook': 520,
  // A rater's own queue: their quarter's assignments (rater-jiceng: 5,700 at Q4) and its facts; their
  // results lines are the units they are assigned to (one marker per unit, 500).
  '/api/years/{year}/periods/{period}/scoring-queue': 12_000,
  // A page of the rater's queue (50 units: their assignments and facts, about 1,300 items); its first
  // page also counts the header's totals, counting Queries that scan the quarter's 5,700 assignments
  // and send none back.
  '/api/years/{year}/periods/{period}/scoring-queue-pages': 7_500,
  '/api/years/{year}/results as rater': 600,
  // A rater's tasks count each quarter's assignments from their unit markers' per-period counts (one
  // marker per unit, 500) and read their four sheets by key.
  '/api/me/tasks as rater': 520,
  // A rater's units are one marker each (rater-jiceng: all 500), then a page of their agreements
  // (by key, or the index when the scope is most of the year).
  '/api/years/{year}/agreement-pages as rater': 700,
  // 评分进度 above the live limit: the users (1,013, for the raters) and counting Queries of each
  // rater's assignments and ratings of the period (5,700 scanned, nothing sent back); no unit read.
  '/api/years/{year}/periods/{period}/scoring-progress': 7_000,
};
const boundOf = (route: string, who: Who) => BOUNDS[`${route} as ${who}`] ?? BOUNDS[route] ?? DEFAULT_BOUND;

interface Row {
  route: string;
  who: Who;
  status: number;
  calls: number;
  items: number;
  ms: number;
}

describe('reads per request at a municipal year (500 units)', () => {
  let api: TestApi;
  let meter: { calls: number; items: number } | undefined;
  const rows: Row[] = [];

  beforeAll(async () => {
    api = await createTestApi({ seed: false });
    await seedMunicipal(api.db, CURRENT_YEAR, QUICK_MUNICIPAL);
    await computeResultsIfAbsent(api.db, CURRENT_YEAR);
    api.db.raw.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        if (meter) {
          const out = result.output as {
            ScannedCount?: number;
            Item?: unknown;
            Responses?: unknown[] | Record<string, unknown[]>;
          };
          meter.calls += 1;
          meter.items +=
            out.ScannedCount ??
            (out.Item ? 1 : 0) +
              (Array.isArray(out.Responses)
                ? out.Responses.length
                : Object.values(out.Responses ?? {}).reduce((n, r) => n + r.length, 0));
        }
        return result;
      },
      { step: 'initialize', name: 'countStoreReads' },
    );
    for (const id of Object.values(WHO)) await api.token(id);
  }, 600_000);
  afterAll(async () => {
    // One line per route, a cell per role: store calls · items read · ms, or the refusal's status.
    const cell = (r: Row | undefined) =>
      !r ? '' : r.status >= 400 ? String(r.status) : `${r.calls} · ${r.items} · ${Math.round(r.ms)}`;
    const routes = [...new Set(rows.map((r) => r.route))];
    const who = Object.keys(WHO) as Who[];
    console.log(
      [
        `| GET | ${who.join(' | ')} |`,
        `| --- |${' ---: |'.repeat(who.length)}`,
        ...routes.map(
          (route) =>
            `| \`${route}\` | ${who.map((w) => cell(rows.find((r) => r.route === route && r.who === w))).join(' | ')} |`,
        ),
      ].join('\n'),
    );
    await api.close();
  });

  it('reads no more than a page or a key per request, on every GET route, as every role', {
    timeout: 600_000,
  }, async () => {
    const doc = (await api.call('GET', '/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths)
      .filter(([, ops]) => 'get' in ops)
      .map(([path]) => path);
    const jobs = await api.call('GET', '/api/jobs', { as: WHO.admin });
    PARAMS.jobId = jobs.body?.[0]?.id ?? jobs.body?.items?.[0]?.id ?? 'x-none';

    for (const route of routes) {
      const path =
        route.replace(/\{(\w+)\}/g, (_, name: string) => PARAMS[name] ?? 'x-none') + (QUERY[route] ?? '');
      for (const who of Object.keys(WHO) as Who[]) {
        meter = { calls: 0, items: 0 };
        const started = performance.now();
        const res = await api.call('GET', path, { as: WHO[who] });
        const ms = performance.now() - started;
        rows.push({ route, who, status: res.status, calls: meter.calls, items: meter.items, ms });
        meter = undefined;
      }
    }

    const over = rows.filter(
      (r) => !pagingList(r) && !WHOLE_YEAR_BY_DESIGN.has(r.route) && r.items > boundOf(r.route, r.who),
    );
    expect(over.map((r) => `${r.route} as ${r.who}: ${r.items} items`)).toEqual([]);
  });
});
