/**
 * The OpenAPI document of every route (`GET /api/openapi.json`), written from the route apps'
 * declarations. Loaded by the document's first request: the app that serves requests is a bare
 * Hono app (./app), so the document is gathered here, on an OpenAPIHono of its own, from the apps
 * the request has mounted (all of them: ./route-groups mounts every group for this path).
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env';

const INFO = { title: '考评 Kaoping API', version: '0.1.0', description: '卫生健康目标责任考评系统接口' };

/** The document of `routeApps` mounted under `base` (`/api`, given: importing it would share a chunk with the start). */
export const openApiDocument = (base: string, routeApps: readonly OpenAPIHono<AppEnv>[]) => {
  const doc = new OpenAPIHono<AppEnv>();
  doc.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Cognito ID token (locally: the dev sign-in token of the same shape)',
  });
  for (const routes of routeApps) doc.route(base, routes);
  return doc.getOpenAPI31Document({ openapi: '3.1.0', info: INFO });
};
