/**
 * The results job run to its end in this process, outside a request: for a seeded demo (a municipal
 * year's results page reads the job's run, so the demo starts with one) and the benchmark.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Db } from '../db/client';
import { getItem } from '../db/items';
import { createJob, getJob, type StoredJob } from '../db/job-repo';
import { computedResultsKey } from '../db/keys';
import { computedLive } from '../db/results-run-repo';
import { jobLockId } from '../domain/jobs/job';
import { LIVE_RESULTS_MAX_UNITS } from '../domain/results/by-category';
import type { EvidenceStore } from '../evidence/store';
import { runJob } from './run-job';

/** Runs a results job of `year` now (its parts in this process) and answers it finished. */
export const runResultsJobNow = async (
  db: Db,
  year: number,
  by: { userId: string; name: string },
): Promise<StoredJob> => {
  const { job } = await createJob(
    db,
    {
      type: 'results',
      year,
      params: { byName: by.name },
      lockId: jobLockId('results', { year }),
      startedBy: by.userId,
    },
    new Date(),
  );
  await runJob(
    {
      db,
      now: () => new Date(),
      logger: new Logger({ serviceName: 'kaoping', logLevel: 'ERROR' }),
      // The results job reads and writes the table only.
      files: {} as EvidenceStore,
      publishSite: async () => {},
    },
    job.id,
  );
  return (await getJob(db, job.id)) ?? job;
};

/** Computes a year above the live limit that has no computed run yet; answers whether it ran. */
export const computeResultsIfAbsent = async (
  db: Db,
  year: number,
  liveMaxUnits = LIVE_RESULTS_MAX_UNITS,
): Promise<boolean> => {
  if (await computedLive(db, year, liveMaxUnits)) return false;
  if (await getItem(db, computedResultsKey(year))) return false;
  await runResultsJobNow(db, year, { userId: 'system', name: '演示数据初始化' });
  return true;
};
