/**
 * The publicity job (开启结果公示): the year's move to 结果公示, which computes the whole year's
 * results from the stored facts and freezes them as draft version 1 with the move, in one
 * transaction (shared/years/move-year.ts); then the unit heads are told the objection deadline.
 */
import { notifyPublicityOpened } from '../../db/event-notes';
import { progressIn } from '../../domain/jobs/job';
import type { Acknowledgement } from '../../domain/years/readiness';
import { afterCommit } from '../../http/after-commit';
import { moveYear } from '../../years/move-year';
import type { JobHandler } from '../context';

export const runPublicityJob: JobHandler = async (ctx, job, report) => {
  const { version, acknowledgements } = job.params as {
    version: number;
    acknowledgements: Acknowledgement[];
  };
  const year = job.year as number;
  // A progress write the store refuses is logged, never the job's failure: once the move has
  // committed, the job must not say it failed.
  const tell = (progress: number, step: string) =>
    report(progress, step).catch((error: unknown) => {
      ctx.logger.warn('job progress not stored', { jobId: job.id, error });
    });
  await tell(5, '读取各单位数据');
  let pending = Promise.resolve();
  const moved = await moveYear(
    ctx.db,
    ctx.now(),
    { year, to: 'publicity', version, by: job.startedBy, acknowledgements },
    (done, total) => {
      pending = pending.then(() => tell(progressIn(5, 90, done, total), `已读取 ${done}/${total} 个单位`));
    },
  );
  await pending;
  await tell(95, '通知各单位负责人');
  await afterCommit(ctx.logger, 'notify publicity opened', () =>
    notifyPublicityOpened(ctx.db, moved, ctx.now()),
  );
  return {
    summary: `已进入结果公示：已生成第 1 版公示结果，公示 ${moved.publicityDays} 天`,
    link: `/results?year=${year}`,
  };
};
