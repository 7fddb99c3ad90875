/**
 * The rater consistency jobs (docs/rater-consistency.md): `consistency` computes a year's report (or
 * one period's) and stores it whole for the page; `consistency-export` writes the report as the
 * reader may see it to a workbook; `review-distance-export` writes the distance 自评 − 审定.
 */
import {
  consistencyScope,
  readComputedConsistency,
  saveComputedConsistency,
  saveConsistencyParts,
} from '../../db/consistency-repo';
import { loadDistance } from '../../db/review-distance';
import { reportVisibleTo } from '../../domain/consistency';
import { progressIn } from '../../domain/jobs/job';
import { InvalidScenarioError } from '../../domain/scoring';
import { ValidationError } from '../../errors';
import { PERIOD_LABELS } from '../../http/guards';
import { type ConsistencyProgress, computeConsistencyReport } from '../../results/consistency-report';
import type { Period } from '../../schemas/year';
import { type JobHandler, type Report, saveExport } from '../context';

/**
 * The report's progress as the job's: the units read to 40 %, then each rater re-scored to `until`.
 * The reads report synchronously and faster than progress is stored: only the latest waits its turn.
 */
const progressOf = (report: Report, until: number): ConsistencyProgress => {
  let latest: [done: number, total: number] | undefined;
  let busy = false;
  let flushed = Promise.resolve();
  // A failed progress write fails the job at its next step, not as an unhandled rejection meanwhile.
  let failed: { error: unknown } | undefined;
  const flush = async () => {
    busy = true;
    for (let next = latest; next; next = latest) {
      latest = undefined;
      await report(progressIn(5, 40, ...next), `已读取 ${next[0]}/${next[1]} 个单位`);
    }
    busy = false;
  };
  return {
    read: (done, total) => {
      latest = [done, total];
      if (!busy)
        flushed = flush().catch((error: unknown) => {
          failed = { error };
        });
    },
    rescored: async (done, total) => {
      await flushed;
      if (failed) throw failed.error;
      await report(progressIn(45, until, done, total), `已比较 ${done}/${total} 位评分人对结果的影响`);
    },
  };
};

/** A year that cannot be scored fails the job saying why (each problem's path and message), as the results job does. */
const scoring = async <T>(work: Promise<T>): Promise<T> => {
  try {
    return await work;
  } catch (error) {
    throw error instanceof InvalidScenarioError
      ? new ValidationError(error.message, [...error.problems])
      : error;
  }
};

const scopeName = (year: number, period: Period | undefined) =>
  `${year}年度${period ? PERIOD_LABELS[period] : '全年'}`;

export const runConsistencyJob: JobHandler = async (ctx, job, report) => {
  const year = job.year as number;
  const { period } = job.params as { period?: Period };
  await report(5, '读取各单位数据');
  const computed = await scoring(computeConsistencyReport(ctx.db, year, { period }, progressOf(report, 95)));
  await report(96, '保存报告');
  const parts = await saveConsistencyParts(ctx.db, job.id, computed);
  await saveComputedConsistency(ctx.db, {
    year,
    scope: consistencyScope(period),
    jobId: job.id,
    parts,
    computedAt: ctx.now().toISOString(),
    computedBy: job.startedBy,
    computedByName: String(job.params.byName ?? job.startedBy),
  });
  return {
    summary: `已计算${scopeName(year, period)}的评分一致性（${computed.raters.length} 位评分人）`,
    link: `/results/consistency?year=${year}`,
  };
};

export const runConsistencyExportJob: JobHandler = async (ctx, job, report) => {
  const year = job.year as number;
  const { period, onlyRater, stored } = job.params as {
    period?: Period;
    onlyRater?: string;
    stored?: boolean;
  };
  const lines = onlyRater ?? 'all';
  await report(5, '读取评分一致性报告');
  // Above the live limit the report the page shows (the latest stored one); computed here when none is.
  const found = stored ? await readComputedConsistency(ctx.db, year, period ?? null) : undefined;
  const shown = found
    ? reportVisibleTo(found.report, lines)
    : await scoring(
        computeConsistencyReport(
          ctx.db,
          year,
          { period, ...(onlyRater ? { onlyRater } : {}) },
          progressOf(report, 85),
        ),
      );
  await report(90, '生成工作簿');
  const { consistencyWorkbook } = await import('../../results/consistency-workbook');
  const bytes = new Uint8Array(await consistencyWorkbook(shown));
  const scope = scopeName(year, period);
  return saveExport(ctx, job, {
    bytes,
    fileName: `${scope}评分一致性.xlsx`,
    summary: `已导出${scope}的评分一致性（${shown.raters.length} 位评分人）`,
  });
};

export const runReviewDistanceExportJob: JobHandler = async (ctx, job, report) => {
  const year = job.year as number;
  await report(10, '读取审定结果');
  const distance = await loadDistance(ctx.db, year);
  await report(60, '生成工作簿');
  const { distanceWorkbook } = await import('../../results/distance-workbook');
  const bytes = new Uint8Array(await distanceWorkbook(distance));
  return saveExport(ctx, job, {
    bytes,
    fileName: `${year}年度自评与审定差距.xlsx`,
    summary: `已导出${year}年度自评与审定差距（${distance.byUnit.length} 个单位）`,
  });
};
