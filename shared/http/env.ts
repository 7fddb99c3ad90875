/** What every request handler can reach through the Hono context. */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Principal } from '../auth/roles';
import type { TokenVerifier } from '../auth/verifier';
import type { Db } from '../db/client';

export interface AppDeps {
  db: Db;
  verifier: TokenVerifier;
  logger: Logger;
  /** The server's clock; tests move it to open and close submission windows. */
  now: () => Date;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    principal: Principal;
    requestId: string;
  };
}
