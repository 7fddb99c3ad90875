/** The reminder job: today's run of the daily reminders (the same run as the schedule's). */
import { runReminders } from '../../../functions/reminders';
import type { JobHandler } from '../context';

export const runRemindersJob: JobHandler = async (ctx, _job, report) => {
  await report(10, '检查各单位的上报与整改');
  const r = await runReminders(ctx.db, ctx.now());
  return {
    summary: `已发送 ${r.notifications} 条提醒（${r.reminders} 个单位待上报，${r.overdue} 项整改逾期）`,
  };
};
