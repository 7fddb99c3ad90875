/**
 * The local server's static part: the published ranking site under /rankings/ and the web front
 * for every other path, except /api/*: an unknown API path keeps the API's JSON 404.
 */

import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../shared/http/env';

export const mountWebFront = (app: OpenAPIHono<AppEnv>, dirs: { webDir: string; rankingsDir: string }) => {
  app.use(
    '/rankings/*',
    serveStatic({ root: dirs.rankingsDir, rewriteRequestPath: (p) => p.replace(/^\/rankings/, '') }),
  );
  const webFront = serveStatic({ root: dirs.webDir });
  // Client-side routes (/agreements, /units/…) all load the same page.
  const singlePage = serveStatic({ root: dirs.webDir, path: 'index.html' });
  const isApi = (c: { req: { path: string } }) => c.req.path === '/api' || c.req.path.startsWith('/api/');
  app.use('/*', (c, next) => (isApi(c) ? next() : webFront(c, next)));
  app.get('*', (c, next) => (isApi(c) ? next() : singlePage(c, next)));
};
