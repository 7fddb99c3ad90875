/**
 * A page's job (后台任务): started with `start` (or `launch`), then read every second until it has
 * finished. Its id is kept in the page's address (`?job=…`), so a reload — or a link sent to a
 * colleague — shows the same job and its progress instead of starting another. A page with several
 * kinds of job has one hook per kind: each follows the job in the address only when of its types.
 */

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { JobType } from '../../shared/domain/jobs/job';
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

export const useJob = (options: {
  /** The job types this hook follows: a job of another type in the address is another hook's. */
  types: readonly JobType[];
  /** Told once when a job this page saw unfinished has succeeded (reload what it changed). */
  onSucceeded?: (job: Job) => void;
}) => {
  const [jobId, setJobId] = useState<string | null>(jobIdInAddress);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(options);
  latest.current = options;
  /** The job this page started: its success is told even when the first read finds it finished. */
  const startedHere = useRef<string | null>(null);

  useEffect(() => {
    if (!jobId) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let seenUnfinished = startedHere.current === jobId;
    const read = () =>
      api.jobs.get(jobId).then(
        (next) => {
          if (!current) return;
          const { types, onSucceeded } = latest.current;
          // Another kind's job (the page's other hook follows it).
          if (!types.includes(next.type)) return setJobId(null);
          setJob(next);
          if (!isFinished(next)) {
            seenUnfinished = true;
            timer = setTimeout(read, POLL_MS);
          } else if (seenUnfinished && next.state === 'succeeded') onSucceeded?.(next);
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

  /**
   * Starts a job (or joins the same one already running) and follows it; a refused start is thrown
   * as the API's error (a dialog shows it where it showed the synchronous route's).
   */
  const launch = useCallback(async (path: string, body: unknown): Promise<Job> => {
    setError(null);
    const { job: started } = await api.jobs.start(path, body);
    startedHere.current = started.id;
    setJob(started);
    putJobIdInAddress(started.id);
    setJobId(started.id);
    return started;
  }, []);

  /** Starts a job as `launch` does; a refused start is kept in `error`. */
  const start = useCallback(
    async (path: string, body: unknown) => {
      try {
        await launch(path, body);
      } catch (e) {
        setError(toApiError(e).message);
      }
    },
    [launch],
  );

  const running = job !== null && !isFinished(job);
  return { job, error, start, launch, running };
};
