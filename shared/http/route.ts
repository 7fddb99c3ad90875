/**
 * Declares an API route: its zod schemas (validation + OpenAPI) and the one authorization action
 * it performs. Authentication and the POLICY check run as the route's middleware, so no handler
 * can forget them; the action is also written into the OpenAPI document (`x-action`), which is
 * how the route × role matrix test finds every route.
 */
import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { type Action, assertAllowed } from '../auth/policy';
import { resolvePrincipal } from '../auth/principal';
import { getUserBySignInId } from '../db/sign-in-id-repo';
import { UnauthorizedError } from '../errors';
import { limitBody } from './body-limit';
import type { AppEnv } from './env';
import { errorResponse } from './openapi';

const errorResponses = {
  400: errorResponse('请求数据有误'),
  401: errorResponse('未登录'),
  403: errorResponse('无权限'),
  413: errorResponse('请求内容过大'),
  415: errorResponse('请求内容类型不受支持'),
} as const;

/** Verifies the bearer token and checks the action; sets `principal` and `actor`. */
export const authorize = (action: Action) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!token) throw new UnauthorizedError();
    let claims: Awaited<ReturnType<AppEnv['Variables']['deps']['verifier']['verify']>>;
    try {
      claims = await c.get('deps').verifier.verify(token);
    } catch {
      throw new UnauthorizedError('登录已失效，请重新登录');
    }
    const { db } = c.get('deps');
    const principal = await resolvePrincipal(claims, (signInId) => getUserBySignInId(db, signInId));
    c.set('principal', principal);
    c.set('actor', { userId: principal.userId, name: principal.name, at: c.get('deps').now() });
    assertAllowed(principal, action);
    await next();
  });

/** A route open to anyone (health, API reference, published pages). */
// The path is captured as its literal type (as createRoute does), so the typed client sees every route.
export const publicRoute = <P extends string, R extends Omit<RouteConfig, 'path'> & { path: P }>(config: R) =>
  createRoute({ ...config, 'x-action': 'public', middleware: [limitBody(bodyLimitOf(config))] } as R);

/** A route's body limit: its own `'x-body-limit'` (workbook imports) or the JSON default. */
const bodyLimitOf = (config: object): number | undefined =>
  (config as { 'x-body-limit'?: number })['x-body-limit'];

/** A route that needs a signed-in user allowed to perform `action`. */
export const protectedRoute = <
  P extends string,
  R extends Omit<RouteConfig, 'middleware' | 'path'> & { path: P },
>(
  action: Action,
  config: R,
) =>
  createRoute({
    ...config,
    'x-action': action,
    security: [{ bearer: [] }],
    // The body limit first: an oversized body is refused before the token is even read.
    middleware: [limitBody(bodyLimitOf(config)), authorize(action)] as const,
    responses: { ...errorResponses, ...config.responses },
  } as R & { middleware: [ReturnType<typeof limitBody>, ReturnType<typeof authorize>] });
