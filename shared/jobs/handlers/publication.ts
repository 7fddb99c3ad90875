/**
 * The publication job: freezes the next snapshot, writes the ranking site, tells the units — or, when
 * an earlier run stopped after its snapshot committed, finishes that same version (docs/results.md).
 */
import { publishYear } from '../../publication/publish-year';
import type { JobHandler } from '../context';

export const runPublicationJob: JobHandler = async (ctx, job, report) => {
  const { reason, acknowledgements } = job.params as {
    reason?: string;
    acknowledgements: { code: string; reason: string }[];
  };
  const { version, resumed } = await publishYear(
    ctx,
    { year: job.year as number, by: job.startedBy, reason, acknowledgements },
    report,
  );
  return {
    summary: resumed
      ? `已完成第 ${version.version} 版考核结果的发布：公布页面已生成，各单位已通知（未产生新版本）`
      : `已发布第 ${version.version} 版考核结果`,
    link: `/results?year=${version.year}`,
  };
};
