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

const jobIdInAddress = () => new URLSearchParams(location.search).get(PARAM);

const putJobIdInAddress = (jobId: string | null) => {
  const query = new URLSearchParams(location.search);
  if (jobId) query.set(PARAM, jobId);
  else query.delete(PARAM);
  const search = query.toString();
  history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}`);
};

export const isFinished = (job: Job) => job.state === 'succeeded' || job.state === 'failed';

export const useJob = () => {
  const [jobId, setJobId] = useState<string | null>(jobIdInAddress);
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
          putJobIdInAddress(null);
        },
      );
    void read();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [jobId]);

  /** Starts a job (or joins the same one already running) and follows it. */
  const start = useCallback(async (path: string, body: unknown) => {
    setError(null);
    try {
      const { job: started } = await api.jobs.start(path, body);
      setJob(started);
      putJobIdInAddress(started.id);
      setJobId(started.id);
    } catch (e) {
      setError(toApiError(e).message);
    }
  }, []);

  const running = job !== null && !isFinished(job);
  return { job, error, start, running };
};
