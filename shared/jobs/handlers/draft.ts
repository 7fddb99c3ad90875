/** The draft job: recomputes the year's draft results (a new 公示 version) from the stored facts. */

import { progressIn } from '../../domain/jobs/job';
import { recomputeDraft } from '../../publication/drafts';
import type { JobHandler } from '../context';

export const runDraftJob: JobHandler = async (ctx, job, report) => {
  const { reason, objectionIds } = job.params as { reason: string; objectionIds: string[] };
  const year = job.year as number;
  await report(5, '读取各单位数据');
  let pending = Promise.resolve();
  const draft = await recomputeDraft(
    ctx.db,
    { year, by: job.startedBy, at: ctx.now(), reason, objectionIds },
    (done, total) => {
      pending = pending.then(() => report(progressIn(5, 85, done, total), `已读取 ${done}/${total} 个单位`));
    },
  );
  await pending;
  return {
    summary: `已生成第 ${draft.version} 版公示结果`,
    // The results page lists the draft versions, the newest shown with what it changed.
    link: `/results?year=${year}`,
  };
};
