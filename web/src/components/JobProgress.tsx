/**
 * A job's progress bar and, when it has finished, its result: the file to download (exports), a link
 * to what it made, or what went wrong (with the cells of a refused workbook).
 */
import type { Job } from '../../../shared/schemas/jobs';
import { Link } from './Link';

export const JobProgress = ({ job }: { job: Job }) => {
  const labelId = `job-${job.id}-label`;
  return (
    <section class="job-progress" aria-labelledby={labelId}>
      <p id={labelId} class="job-progress-label">
        {job.label}
        {job.state === 'queued' && '：排队中'}
        {job.state === 'running' && `：${job.progress}%`}
        {job.state === 'succeeded' && '：已完成'}
        {job.state === 'failed' && '：失败'}
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
      {job.state === 'failed' && job.error && (
        <div role="alert" class="job-progress-error">
          <p>{job.error.message}</p>
          {job.error.details && job.error.details.length > 0 && (
            <ul>
              {job.error.details.slice(0, 20).map((d) => (
                <li key={d.path}>{d.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
};

/** The button that starts a page's job; while it runs the button says so and does nothing. */
export const JobButton = ({
  running,
  onStart,
  label,
  busyLabel,
}: {
  running: boolean;
  onStart: () => void;
  label: string;
  busyLabel: string;
}) => (
  <button type="button" class="button" aria-disabled={running} onClick={() => !running && onStart()}>
    {running ? busyLabel : label}
  </button>
);
