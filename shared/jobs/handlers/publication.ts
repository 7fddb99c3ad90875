/** The publication job: freezes the next snapshot, writes the ranking site, tells the units. */
import { publishYear } from '../../publication/publish-year';
import type { JobHandler } from '../context';

export const runPublicationJob: JobHandler = async (ctx, job, report) => {
  const { reason, acknowledgements } = job.params as {
    reason?: string;
    acknowledgements: { code: string; reason: string }[];
  };
  const snapshot = await publishYear(
    ctx,
    { year: job.year as number, by: job.startedBy, reason, acknowledgements },
    report,
  );
  return { summary: `已发布第 ${snapshot.version} 版考核结果`, link: `/results?year=${snapshot.year}` };
};
