/**
 * The one API app. The Lambda entry (functions/api.ts) and the local server (scripts/start.ts)
 * both call createApp; only the local server mounts the dev sign-in, through `extend`.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import type { AppDeps, AppEnv } from './env';
import { errorBody, onError, validationHook } from './error-handler';
import { agreementReminderRoutes } from './routes/agreement-reminders';
import { agreementRoutes } from './routes/agreements';
import { assignmentRoutes } from './routes/assignments';
import { attachmentRoutes } from './routes/attachments';
import { consistencyRoutes } from './routes/consistency';
import { evidenceRoutes } from './routes/evidence';
import { extractionRoutes } from './routes/extraction';
import { healthRoutes } from './routes/health';
import { inspectionRoutes } from './routes/inspections';
import { jobRoutes } from './routes/jobs';
import { meRoutes } from './routes/me';
import { notificationRoutes } from './routes/notifications';
import { notifyRoutes } from './routes/notify';
import { objectionRoutes } from './routes/objections';
import { orgRoutes } from './routes/org';
import { proposalRoutes } from './routes/proposals';
import { resultsRoutes } from './routes/results';
import { reviewStageRoutes } from './routes/review-stages';
import { scoringRoutes } from './routes/scoring';
import { submissionRoutes } from './routes/submissions';
import { surveyRoutes } from './routes/surveys';
import { templateRoutes } from './routes/templates';
import { yearRoutes } from './routes/years';

/** Where the web front serves Swagger UI's files: `${base}/swagger-ui-dist/…` (see scripts/build-web.ts). */
export const SWAGGER_UI_ASSETS_BASE = '';

/**
 * The API reference page: Swagger UI from the web front's copy of swagger-ui-dist. A fixed page
 * rather than @hono/swagger-ui's renderer, which (with hono/html) was 1 KiB gzip of the API's start
 * for a page no request of the app needs (issue 15).
 */
const API_DOCS_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>考评 API 参考</title><link rel="stylesheet" href="${SWAGGER_UI_ASSETS_BASE}/swagger-ui-dist/swagger-ui.css"></head><body><div id="swagger-ui"></div><script src="${SWAGGER_UI_ASSETS_BASE}/swagger-ui-dist/swagger-ui-bundle.js" crossorigin="anonymous"></script><script>window.onload=()=>{window.ui=SwaggerUIBundle({dom_id:'#swagger-ui',url:'/api/openapi.json'})}</script></body></html>`;

export interface CreateAppOptions {
  /** Extra routes mounted before the API's own (the local dev sign-in). */
  extend?: (app: OpenAPIHono<AppEnv>) => void;
}

/** Builds the routes; chained so the typed web client (hono/client) sees every route. */
const mountRoutes = (app: OpenAPIHono<AppEnv>) =>
  app
    .route('/api', healthRoutes)
    .route('/api', meRoutes)
    .route('/api', orgRoutes)
    .route('/api', yearRoutes)
    .route('/api', templateRoutes)
    .route('/api', agreementReminderRoutes)
    .route('/api', agreementRoutes)
    .route('/api', submissionRoutes)
    .route('/api', evidenceRoutes)
    .route('/api', notificationRoutes)
    .route('/api', notifyRoutes)
    .route('/api', resultsRoutes)
    .route('/api', objectionRoutes)
    .route('/api', inspectionRoutes)
    .route('/api', proposalRoutes)
    .route('/api', attachmentRoutes)
    .route('/api', surveyRoutes)
    .route('/api', assignmentRoutes)
    .route('/api', scoringRoutes)
    .route('/api', consistencyRoutes)
    .route('/api', reviewStageRoutes)
    .route('/api', jobRoutes)
    .route('/api', extractionRoutes);

export type ApiRoutes = ReturnType<typeof mountRoutes>;

export const createApp = (deps: AppDeps, options: CreateAppOptions = {}) => {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook as never });
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
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Cognito ID token (locally: the dev sign-in token of the same shape)',
  });
  options.extend?.(app);
  mountRoutes(app);
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: '考评 Kaoping API', version: '0.1.0', description: '卫生健康目标责任考评系统接口' },
  });
  // Swagger UI's assets come from the web front (copied from swagger-ui-dist by the web build), not a CDN.
  app.get('/api/docs', (c) => c.html(API_DOCS_PAGE));
  app.notFound((c) => c.json(errorBody('NOT_FOUND', '接口不存在'), 404));
  return app;
};

export type App = ReturnType<typeof createApp>;
