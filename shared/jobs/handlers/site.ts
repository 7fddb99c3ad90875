/**
 * 重新生成公布页面: writes the ranking site of the year's newest published version again from its
 * stored snapshot (no new version), and sends that version's notices if they are still due.
 */
import { checkSiteStart, finishPublication } from '../../publication/publish-year';
import type { JobHandler } from '../context';

export const runSiteJob: JobHandler = async (ctx, job, report) => {
  const latest = await checkSiteStart(ctx.db, job.year as number);
  const version = await finishPublication(ctx, latest, report);
  return {
    summary: `已重新生成第 ${version.version} 版考核结果的公布页面`,
    link: `/results?year=${version.year}`,
  };
};
