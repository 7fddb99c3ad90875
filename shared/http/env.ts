/** What every request handler can reach through the Hono context. */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Principal, RequestActor } from '../auth/roles';
import type { TokenVerifier } from '../auth/verifier';
import type { Db } from '../db/client';
import type { EvidenceStore } from '../evidence/store';
import type { NotifyDeps } from '../notify/deps';

export interface AppDeps {
  db: Db;
  verifier: TokenVerifier;
  logger: Logger;
  /** The server's clock; tests move it to open and close submission windows. */
  now: () => Date;
  /** Object storage of evidence files (presigned uploads and downloads, post-upload checks). */
  evidence: EvidenceStore;
  /** Writes the static ranking site of a year's newest snapshot (locally a folder; in AWS the publish Lambda). */
  publishSite: (year: number) => Promise<void>;
  /** Outside delivery (robots, e-mail): secrets, transport, the reminder run; absent where not set up. */
  notify?: NotifyDeps;
  /**
   * Launches a created job (docs/jobs.md): in AWS an asynchronous invoke of the job function,
   * locally a run in this process after the response.
   */
  startJob: (jobId: string) => Promise<void>;
  /**
   * Above this many units with an agreement the results page answers the latest results job's run
   * instead of computing in the request (default LIVE_RESULTS_MAX_UNITS; tests lower it).
   */
  liveResultsMaxUnits?: number;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    principal: Principal;
    /** The principal as the author of this request's changes, stamped with the request's time. */
    actor: RequestActor;
    requestId: string;
  };
}
