/**
 * In AWS the site is written by the publish Lambda. The job function invokes it and waits (a job may
 * run 15 minutes): a site not written fails the job, which says so (docs/results.md).
 */
import { syncInvoker } from '../jobs/lambda-launcher';

export const lambdaPublisher = (functionName: string) => {
  const invoke = syncInvoker(functionName);
  return async (year: number) => {
    await invoke({ year });
  };
};
