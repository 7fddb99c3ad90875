/**
 * Jobs run in this Node process (`npm start`, the tests): the API's start answers at once and the
 * job runs after it, exactly the code the job Lambda runs in AWS.
 */
import type { JobContext } from './context';
import { runJob } from './run-job';

export interface InProcessJobs {
  start: (jobId: string) => Promise<void>;
  /** Resolves when every job started so far has finished (tests wait on it before closing). */
  idle: () => Promise<void>;
}

export const inProcessJobs = (ctx: JobContext): InProcessJobs => {
  const running = new Set<Promise<unknown>>();
  return {
    start: async (jobId) => {
      const run: Promise<unknown> = new Promise((resolve) => setImmediate(resolve))
        .then(() => runJob(ctx, jobId))
        .catch((error: unknown) => ctx.logger.error('job crashed', { jobId, error }))
        .finally(() => running.delete(run));
      running.add(run);
    },
    idle: async () => {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
};
