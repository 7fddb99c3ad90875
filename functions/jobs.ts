/**
 * The job function: runs one job (`{ jobId }`) the API started, invoked asynchronously. A job runs
 * once however often the invoke is delivered (the queued → running move is a conditional write).
 * A fanned-out job (the results job) invokes this function once per part (`{ jobId, part }`): each
 * runs in a function of its own, and a part is counted once however often it is delivered.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { createDb, dbConfigFromEnv } from '../shared/db/client';
import { requiredEnv } from '../shared/env';
import { lazyEvidenceStore } from '../shared/evidence/lazy-store';
import { asyncInvoker } from '../shared/jobs/lambda-launcher';
import { runJob } from '../shared/jobs/run-job';
import { lambdaPublisher } from '../shared/publication/lambda-publisher';

const logger = new Logger({ serviceName: 'kaoping-jobs' });
const evidenceBucket = requiredEnv('EVIDENCE_BUCKET');
// Lambda names the running function; a job's parts are invoked on it (read at the first launch).
let invokeSelf: ReturnType<typeof asyncInvoker> | undefined;
const ctx = {
  db: createDb(dbConfigFromEnv()),
  now: () => new Date(),
  logger,
  files: lazyEvidenceStore(async () =>
    (await import('../shared/evidence/s3-store')).createS3EvidenceStore({ bucket: evidenceBucket }),
  ),
  publishSite: lambdaPublisher(requiredEnv('PUBLISH_FUNCTION_NAME')),
  launchPart: (jobId: string, part: string) => {
    invokeSelf ??= asyncInvoker(requiredEnv('AWS_LAMBDA_FUNCTION_NAME'));
    return invokeSelf({ jobId, part });
  },
};

export const handler = async (event: { jobId?: unknown; part?: unknown }) => {
  if (typeof event.jobId !== 'string') {
    logger.error('job event without a job id', { event });
    return { ran: false };
  }
  if (typeof event.part === 'string') {
    const { runResultsPart } = await import('../shared/jobs/handlers/results');
    await runResultsPart(ctx, event.jobId, event.part);
    return { ran: true };
  }
  return { ran: await runJob(ctx, event.jobId) };
};
