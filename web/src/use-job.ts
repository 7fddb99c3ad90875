/**
 * A page's job (后台任务): started with `start` (or `launch`), then read every second until it has
 * finished. Its id is kept in the page's address (`?job=…`, one per job: ./job-address.ts), so a
 * reload — or a link sent to a colleague — shows the same job and its progress instead of starting
 * another. A page with several kinds of job has one hook per kind: each follows the job of its
 * types that was started last, and a page running two kinds at once keeps both in its address.
 */

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { JobType } from '../../shared/domain/jobs/job';
import type { Job } from '../../shared/schemas/jobs';
import { api } from './api';
import { jobIdsIn, withJobId } from './job-address';
import { toApiError } from './use-resource';

const POLL_MS = 1000;

const changeAddress = (change: { add?: string | null; remove?: string | null }) => {
  const search = withJobId(location.search, change);
  history.replaceState(history.state, '', `${location.pathname}${search}`);
};

export const isFinished = (job: Job) => job.state === 'succeeded' || job.state === 'failed';

export const useJob = (options: {
  /** The job types this hook follows: a job of another type in the address is another hook's. */
  types: readonly JobType[];
  /** Told once when a job this page saw unfinished has succeeded (reload what it changed). */
  onSucceeded?: (job: Job) => void;
  /** Told once when a job this page saw unfinished has failed (what it did may show elsewhere). */
  onFailed?: (job: Job) => void;
}) => {
  const [jobId, setJobId] = useState<string | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(options);
  latest.current = options;
  /** The job this page started: its end is told even when the first read finds it finished. */
  const startedHere = useRef<string | null>(null);
  /** The job this hook follows now, whose id a new start replaces in the address. */
  const followed = useRef<string | null>(null);

  // Once, on arrival: which of the address's jobs is this hook's (the last started of its types).
  useEffect(() => {
    const ids = jobIdsIn(location.search);
    if (ids.length === 0) return;
    let current = true;
    void Promise.all(
      ids.map((id) =>
        api.jobs.get(id).then(
          (found): Job | string => found,
          (e: unknown) => {
            // A job id that is not (or no longer) readable is dropped from the address.
            changeAddress({ remove: id });
            return toApiError(e).message;
          },
        ),
      ),
    ).then((answers) => {
      if (!current || followed.current) return;
      const ours = answers
        .filter((a): a is Job => typeof a !== 'string' && latest.current.types.includes(a.type))
        .at(-1);
      if (ours) {
        followed.current = ours.id;
        setJob(ours);
        setJobId(ours.id);
      } else if (ids.length === 1 && typeof answers[0] === 'string') setError(answers[0]);
    });
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    if (!jobId) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let seenUnfinished = startedHere.current === jobId;
    const read = () =>
      api.jobs.get(jobId).then(
        (next) => {
          if (!current) return;
          setJob(next);
          if (!isFinished(next)) {
            seenUnfinished = true;
            timer = setTimeout(read, POLL_MS);
          } else if (seenUnfinished) {
            const { onSucceeded, onFailed } = latest.current;
            (next.state === 'succeeded' ? onSucceeded : onFailed)?.(next);
          }
        },
        (e: unknown) => {
          if (!current) return;
          setError(toApiError(e).message);
          changeAddress({ remove: jobId });
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
    // This hook's previous job leaves the address; the page's other jobs stay in it.
    changeAddress({ remove: followed.current, add: started.id });
    followed.current = started.id;
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
