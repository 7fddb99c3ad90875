/**
 * The local server's static part: the published ranking site under /rankings/ (a year not published,
 * or any missing page of it, answers the site's 尚未发布 page with 404) and the web front for every
 * other path, except /api/*: an unknown API path keeps the API's JSON 404; /config.json says how to
 * sign in, as the deployed site's does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { serveStatic } from '@hono/node-server/serve-static';
import type { SiteConfig } from '../../shared/auth/sign-in-config';
import { renderNotPublishedPage } from '../../shared/domain/publication/render-site';
import type { App } from '../../shared/http/app';
import { BUREAU_NAME, NOT_PUBLISHED_PAGE } from '../../shared/publication/publish';

export const mountWebFront = (
  app: App,
  dirs: { webDir: string; rankingsDir: string },
  siteConfig: SiteConfig = { apiBaseUrl: '/api' },
) => {
  // What CDK writes next to the deployed site: locally no provider (the dev picker) unless one is given.
  app.get('/config.json', (c) => c.json(siteConfig));
  app.use(
    '/rankings/*',
    serveStatic({ root: dirs.rankingsDir, rewriteRequestPath: (p) => p.replace(/^\/rankings/, '') }),
  );
  app.get('/rankings/*', (c) => {
    const written = resolve(dirs.rankingsDir, NOT_PUBLISHED_PAGE);
    const body = existsSync(written)
      ? readFileSync(written, 'utf8')
      : renderNotPublishedPage(BUREAU_NAME, []);
    return c.html(body, 404);
  });
  const webFront = serveStatic({ root: dirs.webDir });
  // Client-side routes (/agreements, /units/…) all load the same page.
  const singlePage = serveStatic({ root: dirs.webDir, path: 'index.html' });
  const isApi = (c: { req: { path: string } }) => c.req.path === '/api' || c.req.path.startsWith('/api/');
  app.use('/*', (c, next) => (isApi(c) ? next() : webFront(c, next)));
  app.get('*', (c, next) => (isApi(c) ? next() : singlePage(c, next)));
};
