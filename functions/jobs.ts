/**
 * The job function: runs one job (`{ jobId }`) the API started, invoked asynchronously. A job runs
 * once however often the invoke is delivered (the queued → running move is a conditional write).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { createDb, dbConfigFromEnv } from '../shared/db/client';
import { requiredEnv } from '../shared/env';
import { lazyEvidenceStore } from '../shared/evidence/lazy-store';
import { runJob } from '../shared/jobs/run-job';
import { lambdaPublisher } from '../shared/publication/lambda-publisher';

const logger = new Logger({ serviceName: 'kaoping-jobs' });
const evidenceBucket = requiredEnv('EVIDENCE_BUCKET');
const ctx = {
  db: createDb(dbConfigFromEnv()),
  now: () => new Date(),
  logger,
  files: lazyEvidenceStore(async () =>
    (await import('../shared/evidence/s3-store')).createS3EvidenceStore({ bucket: evidenceBucket }),
  ),
  publishSite: lambdaPublisher(requiredEnv('PUBLISH_FUNCTION_NAME')),
};

export const handler = async (event: { jobId?: unknown }) => {
  if (typeof event.jobId !== 'string') {
    logger.error('job event without a job id', { event });
    return { ran: false };
  }
  return { ran: await runJob(ctx, event.jobId) };
};
