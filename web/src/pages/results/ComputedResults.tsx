/**
 * A municipal year's results are not computed in the request: the page shows the latest results
 * job's run (结果计算于 …) and, for the admin and leaders, 重新计算 with the job's progress; when the
 * job has finished the results are read again (docs/results.md).
 */
import { useEffect } from 'preact/hooks';
import type { YearResults } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JobButton, JobProgress } from '../../components/JobProgress';
import { formatDateTime } from '../../format';
import { useJob } from '../../use-job';

export const ComputedResults = ({
  year,
  computed,
  canCompute,
  onComputed,
}: {
  year: number;
  computed: YearResults['computed'];
  canCompute: boolean;
  onComputed: () => void;
}) => {
  const job = useJob({ types: ['results'] });
  // The results are read again once the followed job has finished, unless they are its run already
  // (or a later one): the page then stays as it is, however often it is reloaded.
  const finished = job.job?.state === 'succeeded' ? job.job : null;
  const stale =
    finished !== null &&
    computed?.jobId !== finished.id &&
    (!computed || Date.parse(computed.computedAt) <= Date.parse(finished.finishedAt ?? ''));
  useEffect(() => {
    if (stale) onComputed();
  }, [stale]);
  return (
    <section class="panel computed-results" aria-label="结果计算">
      <p>
        {computed
          ? `结果计算于 ${formatDateTime(computed.computedAt)}（${computed.computedByName} 发起）。本年度单位较多，结果由后台计算，不随评分实时更新。`
          : '本年度单位较多，结果由后台计算，尚未计算。'}
      </p>
      {canCompute && (
        <JobButton
          running={job.running}
          onStart={() => void job.start(`/api/years/${year}/jobs/results`, {})}
          label={computed ? '重新计算' : '计算结果'}
          busyLabel="正在计算…"
        />
      )}
      {job.error && <ErrorBanner message={job.error} />}
      {job.job && <JobProgress job={job.job} />}
    </section>
  );
};
