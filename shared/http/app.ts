/**
 * The one API app. The Lambda entry (functions/api.ts) and the local server (scripts/start.ts)
 * both call createApp; only the local server adds the dev sign-in, through `extraRoutes`. The
 * routes are mounted in groups by the first request that needs each (./route-groups).
 *
 * The app itself is a bare Hono app (hono-base with a TrieRouter): zod, @hono/zod-openapi and the
 * validation hook come with the first route group, and the OpenAPI document is written by
 * ./openapi-document on its own request, so a cold start compiles none of them (issue 15).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { HonoBase } from 'hono/hono-base';
import { requestId } from 'hono/request-id';
import { TrieRouter } from 'hono/router/trie-router';
import { getPath } from 'hono/utils/url';
import type { AppDeps, AppEnv } from './env';
import { errorBody, onError } from './error-handler';
import { API_BASE, lazyRouteGroups, OPENAPI_DOCUMENT_PATH } from './route-groups';

/** Where the web front serves Swagger UI's files: `${base}/swagger-ui-dist/…` (see scripts/build-web.ts). */
export const SWAGGER_UI_ASSETS_BASE = '';

/**
 * The API reference page: Swagger UI from the web front's copy of swagger-ui-dist. A fixed page
 * rather than @hono/swagger-ui's renderer, which (with hono/html) was 1 KiB gzip of the API's start
 * for a page no request of the app needs (issue 15).
 */
const API_DOCS_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>考评 API 参考</title><link rel="stylesheet" href="${SWAGGER_UI_ASSETS_BASE}/swagger-ui-dist/swagger-ui.css"></head><body><div id="swagger-ui"></div><script src="${SWAGGER_UI_ASSETS_BASE}/swagger-ui-dist/swagger-ui-bundle.js" crossorigin="anonymous"></script><script>window.onload=()=>{window.ui=SwaggerUIBundle({dom_id:'#swagger-ui',url:'/api/openapi.json'})}</script></body></html>`;

export interface CreateAppOptions {
  /**
   * Extra route apps mounted under `/api` by the first request, before the API's own groups, and
   * listed in the OpenAPI document (the local dev sign-in).
   */
  extraRoutes?: readonly OpenAPIHono<AppEnv>[];
}

export type { ApiRoutes } from './route-groups';

export const createApp = (deps: AppDeps, options: CreateAppOptions = {}) => {
  // A TrieRouter accepts routes after its first match (Hono's default RegExpRouter is built once):
  // the route groups are mounted by the requests that first need them (./route-groups).
  const app = new HonoBase<AppEnv>({ router: new TrieRouter() });
  app.use(requestId({ headerName: 'x-request-id' }));
  app.use(async (c, next) => {
    c.set('deps', deps);
    const started = performance.now();
    await next();
    if (c.req.path.startsWith('/api/')) {
      deps.logger.info('request', {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      });
    }
  });
  app.onError(onError);
  const routeGroups = lazyRouteGroups(app, options.extraRoutes ?? []);
  // Every group is mounted before this answers (see mountFor); the writer is loaded by the first ask.
  app.get(OPENAPI_DOCUMENT_PATH, async (c) =>
    c.json((await import('./openapi-document')).openApiDocument(API_BASE, routeGroups.mountedRoutes())),
  );
  // Swagger UI's assets come from the web front (copied from swagger-ui-dist by the web build), not a CDN.
  app.get(`${API_BASE}/docs`, (c) => c.html(API_DOCS_PAGE));
  app.notFound((c) => c.json(errorBody('NOT_FOUND', '接口不存在'), 404));
  // Every way in (Lambda's handle, the local server, app.request in tests) goes through fetch:
  // the group serving the path is mounted before Hono matches the request.
  const dispatch = app.fetch;
  app.fetch = async (request, env, executionCtx) => {
    await routeGroups.mountFor(getPath(request));
    return dispatch(request, env, executionCtx);
  };
  return Object.assign(app, {
    /**
     * Mounts the group serving `path`, as `fetch` does first. The Lambda entry calls it before Hono's
     * adapter builds the web Request from the event, so on a cold start the group and zod load before
     * the adapter's first Request loads Node's fetch implementation: measured, 2 ms of CPU less on a
     * cold request (docs/deploy.md, "zod loads with the routes").
     */
    mountRoutesFor: routeGroups.mountFor,
  });
};

export type App = ReturnType<typeof createApp>;
