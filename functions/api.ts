/** Lambda entry of the API: the same Hono app as the local server, with Cognito or OIDC tokens. */
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { cognitoVerifier, oidcSettingsFromEnv, oidcVerifier } from '../shared/auth/verifier';
import { createDb, dbConfigFromEnv } from '../shared/db/client';
import { requiredEnv } from '../shared/env';
import { lazyEvidenceStore } from '../shared/evidence/lazy-store';
import { createApp } from '../shared/http/app';
import { createLogger } from '../shared/http/logger';
import { lambdaJobLauncher } from '../shared/jobs/lambda-launcher';
import { lazyNotifyDeps } from '../shared/notify/lazy';
import { lambdaPublisher } from '../shared/publication/lambda-publisher';

/** The bureau's OpenID Connect provider when CDK configured one (always in AWS China), else Cognito. */
const oidc = oidcSettingsFromEnv();
const evidenceBucket = requiredEnv('EVIDENCE_BUCKET');

const app = createApp({
  db: createDb(dbConfigFromEnv()),
  verifier: oidc
    ? oidcVerifier(oidc)
    : cognitoVerifier(requiredEnv('USER_POOL_ID'), requiredEnv('USER_POOL_CLIENT_ID')),
  logger: createLogger(),
  now: () => new Date(),
  // The S3 client and what uploads need are loaded by the first request that touches a file.
  evidence: lazyEvidenceStore(async () =>
    (await import('../shared/evidence/s3-store')).createS3EvidenceStore({ bucket: evidenceBucket }),
  ),
  publishSite: lambdaPublisher(requiredEnv('PUBLISH_FUNCTION_NAME')),
  // Robots' webhooks are written to SSM by the admin's settings; messages leave from functions/deliver.ts.
  ...(process.env.NOTIFY_SECRETS_PATH
    ? { notify: lazyNotifyDeps(async () => (await import('../shared/notify/admin')).notifyDepsFromEnv()) }
    : {}),
  // Long work runs in the job function (functions/jobs.ts), invoked asynchronously.
  startJob: lambdaJobLauncher(requiredEnv('JOBS_FUNCTION_NAME')),
});

const serve = handle(app);

/** The request's route group is loaded before the adapter turns the event into a Request (see mountRoutesFor). */
export const handler = async <L extends LambdaEvent>(event: L, context?: LambdaContext) => {
  // A group that fails to load here is loaded again by the app's fetch, which answers the failure.
  await app.mountRoutesFor('rawPath' in event ? event.rawPath : event.path).catch(() => undefined);
  return serve(event, context);
};
