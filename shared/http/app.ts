/**
 * The one API app. The Lambda entry (functions/api.ts) and the local server (scripts/start.ts)
 * both call createApp; only the local server mounts the dev sign-in, through `extend`.
 */
import { swaggerUI } from '@hono/swagger-ui';
import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import type { AppDeps, AppEnv } from './env';
import { errorBody, onError, validationHook } from './error-handler';
import { agreementRoutes } from './routes/agreements';
import { assignmentRoutes } from './routes/assignments';
import { attachmentRoutes } from './routes/attachments';
import { consistencyRoutes } from './routes/consistency';
import { evidenceRoutes } from './routes/evidence';
import { healthRoutes } from './routes/health';
import { inspectionRoutes } from './routes/inspections';
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
    .route('/api', reviewStageRoutes);

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
  app.get(
    '/api/docs',
    swaggerUI({ url: '/api/openapi.json', title: '考评 API 参考', baseUrl: SWAGGER_UI_ASSETS_BASE }),
  );
  app.notFound((c) => c.json(errorBody('NOT_FOUND', '接口不存在'), 404));
  return app;
};

export type App = ReturnType<typeof createApp>;
