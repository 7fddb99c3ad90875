/** Lambda entry of the API: the same Hono app as the local server, with Cognito tokens. */
import { handle } from 'hono/aws-lambda';
import { cognitoVerifier } from '../shared/auth/verifier';
import { createDb, dbConfigFromEnv } from '../shared/db/client';
import { requiredEnv } from '../shared/env';
import { createApp } from '../shared/http/app';
import { createLogger } from '../shared/http/logger';

const app = createApp({
  db: createDb(dbConfigFromEnv()),
  verifier: cognitoVerifier(requiredEnv('USER_POOL_ID'), requiredEnv('USER_POOL_CLIENT_ID')),
  logger: createLogger(),
  now: () => new Date(),
});

export const handler = handle(app);
