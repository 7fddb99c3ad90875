/**
 * The results job (计算考核结果): a year's results fanned out per category (docs/results.md). The
 * parent opens the tally of the year's categories and launches one part per category — in AWS an
 * asynchronous invoke of the job function each, locally a run in this process, a few at a time. Each
 * part reads only its category's units, runs the engine as of every period, writes its run and is
 * counted; the part counted last finishes the job and names the run as the year's computed results,
 * in one transaction. A failing part fails the job; the parts after it find the job finished.
 */
import { finishJob, getJob, type StoredJob, saveProgress } from '../../db/job-repo';
import { listCategories } from '../../db/org-repo';
import { mapLimit } from '../../db/parallel';
import { loadScenario } from '../../db/results-repo';
import { computedResultsPut, openFanout, saveCategoryRun, tallyCategory } from '../../db/results-run-repo';
import { getYear } from '../../db/year-repo';
import { progressIn } from '../../domain/jobs/job';
import { type CategoryViews, computeCategoryViews, withoutLeaves } from '../../domain/results/by-category';
import { InvalidScenarioError, PERIODS, parseScenario } from '../../domain/scoring';
import { ValidationError } from '../../errors';
import { FINISHED_BY_PARTS, type JobContext, type JobHandler } from '../context';
import { jobError } from '../run-job';

/**
 * Categories computed at once in one process (locally): each part keeps 16 Queries in flight, and
 * one part's engine run overlaps the others' reads.
 */
export const LOCAL_PARTS_IN_FLIGHT = 3;
/** Parts launched at once in AWS (each launch is one asynchronous invoke). */
const LAUNCHES_IN_FLIGHT = 8;

/** The progress band of the parts: 5 % once launched, 99 % when the last but one is in. */
const LAUNCHED = 5;

export const runResultsJob: JobHandler = async (ctx, job, report) => {
  const year = job.year as number;
  await getYear(ctx.db, year);
  // The year's category order (sortOrder), the order the whole-year engine run lists them in.
  const categoryIds = (await listCategories(ctx.db)).map((c) => c.id);
  await openFanout(ctx.db, job.id, categoryIds);
  if (categoryIds.length === 0) return { summary: '尚无单位类别，没有可计算的结果' };
  await report(LAUNCHED, `按 ${categoryIds.length} 个类别分别计算`);
  const { launchPart } = ctx;
  if (launchPart) {
    await mapLimit(categoryIds, LAUNCHES_IN_FLIGHT, (id) => launchPart(job.id, id));
  } else {
    await mapLimit(categoryIds, LOCAL_PARTS_IN_FLIGHT, (id) => runResultsPart(ctx, job.id, id));
  }
  return FINISHED_BY_PARTS;
};

/** One category's results as of every period, without leaves (what the results page shows). */
const computeCategory = async (ctx: JobContext, year: number, categoryId: string) => {
  const scenario = parseScenario(await loadScenario(ctx.db, year, undefined, { categoryId }));
  const views = computeCategoryViews(scenario);
  const kept = Object.fromEntries(PERIODS.map((p) => [p, withoutLeaves(views[p])])) as CategoryViews;
  return { views: kept, units: scenario.units.length };
};

const finishFailed = async (ctx: JobContext, job: StoredJob, categoryId: string, error: unknown) => {
  ctx.logger.error('results part failed', { jobId: job.id, categoryId, error });
  // A category that cannot be scored says why (each problem's path and message), as a refused workbook does.
  const failed = jobError(
    error instanceof InvalidScenarioError ? new ValidationError(error.message, [...error.problems]) : error,
  );
  // The category by its name, as users know it (read only on failure).
  const name = (await listCategories(ctx.db)).find((c) => c.id === categoryId)?.name ?? categoryId;
  await finishJob(
    ctx.db,
    job,
    { error: { ...failed, message: `“${name}”的结果计算失败：${failed.message}` } },
    ctx.now(),
  );
};

/**
 * Computes and stores one category of a results job (a child invoke in AWS, a local run otherwise),
 * then counts it; the last one in finishes the job. A part of a job no longer running does nothing.
 */
export const runResultsPart = async (ctx: JobContext, jobId: string, categoryId: string): Promise<void> => {
  const job = await getJob(ctx.db, jobId);
  if (job?.state !== 'running') {
    ctx.logger.warn('results part of a job not running: skipped', { jobId, categoryId, state: job?.state });
    return;
  }
  const year = job.year as number;
  try {
    const { views, units } = await computeCategory(ctx, year, categoryId);
    const run = await saveCategoryRun(ctx.db, jobId, categoryId, views);
    const tally = await tallyCategory(ctx.db, jobId, categoryId, { ...run, units });
    if (!tally) return; // counted before: a second delivery of this part
    const total = tally.categoryIds.length;
    if (tally.done.size < total) {
      const step = `已计算 ${tally.done.size}/${total} 个类别`;
      const progress = Math.floor(progressIn(LAUNCHED, 99, tally.done.size, total));
      await saveProgress(ctx.db, jobId, progress, step);
      if (ctx.gate?.holds(progress)) await ctx.gate.wait();
      return;
    }
    const categories = tally.categoryIds.map((id) => ({ categoryId: id, ...(tally.runs[id] as typeof run) }));
    const unitCount = categories.reduce((n, c) => n + (c.units ?? 0), 0);
    const at = ctx.now();
    await finishJob(
      ctx.db,
      job,
      {
        result: {
          summary: `已计算 ${unitCount} 个单位（${total} 个类别）的考核结果`,
          link: `/results?year=${year}`,
        },
      },
      at,
      [
        computedResultsPut(ctx.db, {
          year,
          jobId,
          computedAt: at.toISOString(),
          computedBy: job.startedBy,
          computedByName: String(job.params.byName ?? job.startedBy),
          categories,
        }),
      ],
    );
  } catch (error) {
    await finishFailed(ctx, job, categoryId, error);
  }
};
