/**
 * A job's progress bar and, when it has finished, its result: the file to download (exports), a link
 * to what it made, or what went wrong (with the cells of a refused workbook).
 */
import type { ComponentChildren } from 'preact';
import type { Job } from '../../../shared/schemas/jobs';
import { Link } from './Link';

export type JobError = NonNullable<Job['error']>;

/** What went wrong: the message and, when the input was wrong, each place (the first 20). */
const JobErrorList = ({ error }: { error: JobError }) => (
  <div role="alert" class="job-progress-error">
    <p>{error.message}</p>
    {error.details && error.details.length > 0 && (
      <ul>
        {error.details.slice(0, 20).map((d) => (
          <li key={d.path}>{d.message}</li>
        ))}
      </ul>
    )}
  </div>
);

export const JobProgress = ({
  job,
  errorView = (error) => <JobErrorList error={error} />,
}: {
  job: Job;
  /** How the page shows a failed job's error (a refused workbook's cells as a table); a list unless told. */
  errorView?: (error: JobError) => ComponentChildren;
}) => {
  const labelId = `job-${job.id}-label`;
  return (
    <section class="job-progress" aria-labelledby={labelId}>
      <p id={labelId} class="job-progress-label">
        {job.label}
        {job.state === 'queued' && '：排队中'}
        {job.state === 'running' && `：${job.progress}%`}
        {job.state === 'succeeded' && '：已完成'}
        {job.state === 'failed' &&
          // The results are out, only the site or the notices are missing: not a bare failure.
          (job.error?.code === 'PUBLICATION_UNFINISHED' ? '：结果已发布，尚未完成' : '：失败')}
      </p>
      <div
        class="job-progress-bar"
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={job.progress}
        aria-valuetext={job.step ? `${job.progress}%，${job.step}` : `${job.progress}%`}
      >
        <div class={`job-progress-fill job-progress-${job.state}`} style={{ width: `${job.progress}%` }} />
      </div>
      <div role="status" aria-live="polite">
        {job.state === 'running' && job.step && <p class="job-progress-step">{job.step}</p>}
        {job.state === 'succeeded' && job.result && (
          <p>
            {job.result.summary}
            {job.result.download && (
              <>
                {' '}
                <a class="button" href={job.result.download.url} download={job.result.download.fileName}>
                  下载 {job.result.download.fileName}
                </a>
              </>
            )}
            {job.result.link && (
              <>
                {' '}
                <Link href={job.result.link}>查看</Link>
              </>
            )}
          </p>
        )}
      </div>
      {job.state === 'failed' && job.error && errorView(job.error)}
    </section>
  );
};

/** The button that starts a page's job; while it runs the button says so and does nothing. */
export const JobButton = ({
  running,
  onStart,
  label,
  busyLabel,
  primary = false,
}: {
  running: boolean;
  onStart: () => void;
  label: string;
  busyLabel: string;
  /** The page's main action (发布结果). */
  primary?: boolean;
}) => (
  <button
    type="button"
    class={primary ? 'button button-primary' : 'button'}
    aria-disabled={running}
    onClick={() => !running && onStart()}
  >
    {running ? busyLabel : label}
  </button>
);
