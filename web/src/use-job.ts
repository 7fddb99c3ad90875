/**
 * A page's job (后台任务): started with `start`, then read every second until it has finished. Its id
 * is kept in the page's address (`?job=…`), so a reload — or a link sent to a colleague — shows the
 * same job and its progress instead of starting another.
 */

import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Job } from '../../shared/schemas/jobs';
import { api } from './api';
import { toApiError } from './use-resource';

const POLL_MS = 1000;
const PARAM = 'job';

const jobIdInAddress = (param: string) => new URLSearchParams(location.search).get(param);

const putJobIdInAddress = (jobId: string | null, param: string) => {
  const query = new URLSearchParams(location.search);
  if (jobId) query.set(param, jobId);
  else query.delete(param);
  const search = query.toString();
  history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}`);
};

export const isFinished = (job: Job) => job.state === 'succeeded' || job.state === 'failed';

/** `param`: the address parameter of this job, when a page follows two kinds of job (default `job`). */
export const useJob = (param = PARAM) => {
  const [jobId, setJobId] = useState<string | null>(() => jobIdInAddress(param));
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!jobId) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () =>
      api.jobs.get(jobId).then(
        (next) => {
          if (!current) return;
          setJob(next);
          if (!isFinished(next)) timer = setTimeout(read, POLL_MS);
        },
        (e: unknown) => {
          if (!current) return;
          setError(toApiError(e).message);
          // A job id that is not (or no longer) readable is dropped from the address.
          putJobIdInAddress(null, param);
        },
      );
    void read();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [jobId, param]);

  /** Starts a job (or joins the same one already running) and follows it. */
  const start = useCallback(
    async (path: string, body: unknown) => {
      setError(null);
      try {
        const { job: started } = await api.jobs.start(path, body);
        setJob(started);
        putJobIdInAddress(started.id, param);
        setJobId(started.id);
      } catch (e) {
        setError(toApiError(e).message);
      }
    },
    [param],
  );

  const running = job !== null && !isFinished(job);
  return { job, error, start, running };
};
