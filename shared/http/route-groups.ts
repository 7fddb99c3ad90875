/**
 * The API's routes in groups, each loaded with `import()` by the first request for one of its
 * resources (issue 15): a cold start builds no route's zod schemas, and a keyed read of a unit
 * loads the org routes only. esbuild puts each group in chunks of its own that Lambda reads on
 * that first request.
 *
 * A path's resource is its first segment after `/api` that is not a scope: `years/{year}`,
 * `units/{unitId}` and `periods/{period}` are skipped when more follows them, so
 * `/api/years/2026/units/u1/periods/q1/items/A1` is an `items` request and `/api/years/2026` a
 * `years` one. tests/unit/http/route-groups.test.ts walks every route of every group and checks
 * that its path names one of its group's resources, so a new route is loaded the day it exists.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { HonoBase } from 'hono/hono-base';
import type { MergeSchemaPath } from 'hono/types';
import type { AppEnv } from './env';

/** Where every group is mounted. */
export const API_BASE = '/api';
/** The OpenAPI document, which lists every route: its request loads every group. */
export const OPENAPI_DOCUMENT_PATH = `${API_BASE}/openapi.json`;

/**
 * Each group: the resources its paths name and its route apps, in mounting order (a group's
 * apps share resources: `agreements/remind` is matched before `agreements/{unitId}`; the
 * two-app lists are tuples for the reason below).
 */
export const ROUTE_GROUPS = [
  { resources: ['health'], load: async () => [(await import('./routes/health')).healthRoutes] },
  { resources: ['me'], load: async () => [(await import('./routes/me')).meRoutes] },
  {
    resources: ['categories', 'units', 'users'],
    load: async () => [(await import('./routes/org')).orgRoutes],
  },
  {
    resources: ['years', 'settings', 'transitions'],
    load: async () => [(await import('./routes/years')).yearRoutes],
  },
  {
    resources: ['templates', 'template-workbook'],
    load: async () => [(await import('./routes/templates')).templateRoutes],
  },
  {
    resources: ['agreements', 'agreement-pages'],
    load: async () =>
      [
        (await import('./routes/agreement-reminders')).agreementReminderRoutes,
        (await import('./routes/agreements')).agreementRoutes,
      ] as const,
  },
  {
    resources: ['items', 'progress', 'progress-pages', 'extension', 'submission', 'worksheet'],
    load: async () =>
      [
        (await import('./routes/submissions')).submissionRoutes,
        (await import('./routes/evidence')).evidenceRoutes,
      ] as const,
  },
  {
    resources: ['notifications'],
    load: async () => [(await import('./routes/notifications')).notificationRoutes],
  },
  { resources: ['notify'], load: async () => [(await import('./routes/notify')).notifyRoutes] },
  {
    resources: ['drafts', 'publications', 'results', 'scenario'],
    load: async () => [(await import('./routes/results')).resultsRoutes],
  },
  { resources: ['objections'], load: async () => [(await import('./routes/objections')).objectionRoutes] },
  {
    resources: ['checklist', 'inspections', 'rectifications'],
    load: async () => [(await import('./routes/inspections')).inspectionRoutes],
  },
  { resources: ['proposals'], load: async () => [(await import('./routes/proposals')).proposalRoutes] },
  { resources: ['attachments'], load: async () => [(await import('./routes/attachments')).attachmentRoutes] },
  { resources: ['surveys'], load: async () => [(await import('./routes/surveys')).surveyRoutes] },
  { resources: ['assignments'], load: async () => [(await import('./routes/assignments')).assignmentRoutes] },
  {
    resources: [
      'raters',
      'scoring-progress',
      'scoring-queue',
      'scoring-queue-pages',
      'sheet',
      'audit',
      'scores',
    ],
    load: async () => [(await import('./routes/scoring')).scoringRoutes],
  },
  {
    resources: ['consistency'],
    load: async () => [(await import('./routes/consistency')).consistencyRoutes],
  },
  {
    resources: [
      'review-queue',
      'review-distance',
      'review-offices',
      'reviews',
      'self-assessment',
      'score-trace',
    ],
    load: async () => [(await import('./routes/review-stages')).reviewStageRoutes],
  },
  { resources: ['jobs'], load: async () => [(await import('./routes/jobs')).jobRoutes] },
  { resources: ['extraction'], load: async () => [(await import('./routes/extraction')).extractionRoutes] },
  // A tuple, not an array: the route apps' types differ only in their schema, which an array's
  // element type would reduce to one of them (and ApiRoutes to one group's routes).
] as const;

export type RouteGroup = (typeof ROUTE_GROUPS)[number];

/** Path segments skipped before the resource when more segments follow them. */
const SCOPES = ['years', 'units', 'periods'];

/** The resource a request path names (see the module comment); '' outside `/api/`. */
export const resourceOf = (path: string): string => {
  const segments = path.split('/');
  if (`/${segments[1]}` !== API_BASE) return '';
  let i = 2;
  for (const scope of SCOPES) {
    if (segments[i] === scope && segments.length > i + 2) i += 2;
  }
  return segments[i] ?? '';
};

const groupByResource = new Map<string, RouteGroup>(
  ROUTE_GROUPS.flatMap((group) => group.resources.map((resource) => [resource, group] as const)),
);

/** The group whose routes serve `path`, if any. */
export const groupFor = (path: string): RouteGroup | undefined => groupByResource.get(resourceOf(path));

/** A route app of a group, or an extra one (the local dev sign-in). */
type RouteApp = OpenAPIHono<AppEnv>;

/**
 * Mounts groups on `app` when first needed. `mountFor(path)` is awaited before the app matches
 * the request (see createApp): a Hono app matches a request before its middleware runs, so a
 * group mounted by middleware would serve only the next request. The app's router must accept
 * routes after its first match (a TrieRouter).
 *
 * `app` is a bare Hono app, so a route app mounted on it has no parent to take the validation
 * hook from: each is given ./validation-hook's own (loaded with the first group, zod with it).
 * `extraRoutes` are mounted by the first request, before any group.
 */
export const lazyRouteGroups = (app: HonoBase<AppEnv>, extraRoutes: readonly RouteApp[] = []) => {
  const mountRoutes = async (loading: Promise<readonly RouteApp[]>) => {
    const [routeApps, { validationHook }] = await Promise.all([loading, import('./validation-hook')]);
    for (const routes of routeApps) {
      routes.defaultHook ??= validationHook as RouteApp['defaultHook'];
      app.route(API_BASE, routes);
    }
    return routeApps;
  };
  let extrasMounted: Promise<unknown> | undefined;
  const loaded = new Map<RouteGroup, readonly RouteApp[]>();
  const mounted = new Map<RouteGroup, Promise<void>>();
  const mount = (group: RouteGroup): Promise<void> => {
    let done = mounted.get(group);
    if (!done) {
      done = mountRoutes(group.load()).then(
        (routeApps) => {
          loaded.set(group, routeApps);
        },
        (error: unknown) => {
          // A failed load (a chunk missing from a broken deployment) is retried by the next request.
          mounted.delete(group);
          throw error;
        },
      );
      mounted.set(group, done);
    }
    return done;
  };
  return {
    mountFor: async (path: string): Promise<void> => {
      if (extraRoutes.length > 0) {
        extrasMounted ??= mountRoutes(Promise.resolve(extraRoutes));
        await extrasMounted;
      }
      if (path === OPENAPI_DOCUMENT_PATH) {
        for (const group of ROUTE_GROUPS) await mount(group);
        return;
      }
      const group = groupFor(path);
      if (group) await mount(group);
    },
    /** Every route app mounted so far, the extra ones first, then the groups in their order. */
    mountedRoutes: (): RouteApp[] => [
      ...extraRoutes,
      ...ROUTE_GROUPS.flatMap((group) => loaded.get(group) ?? []),
    ],
  };
};

/** The schema of a route app mounted under `/api`, as `app.route('/api', routes)` types it. */
type Mounted<Routes> =
  Routes extends OpenAPIHono<AppEnv, infer Schema, '/'> ? MergeSchemaPath<Schema, typeof API_BASE> : never;

/** Every route of the API, typed for hono/client (`hc<ApiRoutes>`). */
export type ApiRoutes = OpenAPIHono<AppEnv, Mounted<Awaited<ReturnType<RouteGroup['load']>>[number]>, '/'>;
