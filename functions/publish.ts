/** Publish job: writes the static ranking site of a year's newest snapshot to the web bucket. */
import { Logger } from '@aws-lambda-powertools/logger';
import { createDb, dbConfigFromEnv } from '../shared/db/client';
import { requiredEnv } from '../shared/env';
import { writePublishedSite } from '../shared/publication/publish';
import { s3SiteStore } from '../shared/publication/site-store';

const logger = new Logger({ serviceName: 'kaoping-publish' });
const db = createDb(dbConfigFromEnv());
const store = s3SiteStore({
  bucket: requiredEnv('WEB_BUCKET'),
  prefix: process.env.RANKINGS_PREFIX ?? 'rankings/',
  distributionId: process.env.DISTRIBUTION_ID,
});

export const handler = async (event: { year?: unknown }) => {
  const year = Number(event.year);
  if (!Number.isInteger(year)) {
    logger.error('publish event without a year', { event });
    return { written: 0 };
  }
  const written = await writePublishedSite(db, store, year);
  logger.info('ranking site written', { year, written });
  return { written };
};
