/**
 * Runs one job by its id: queued → running, the type's work with its progress stored as it goes,
 * then succeeded with its result or failed with its error, the start lock released. The same code
 * runs in the job Lambda (functions/jobs.ts) and, locally, in the Node process (./in-process.ts).
 * Each type's code is loaded when a job of that type runs (ExcelJS only for the workbooks).
 */
import { finishJob, getJob, markRunning, type StoredJob, saveProgress } from '../db/job-repo';
import { type JobType, nextProgress } from '../domain/jobs/job';
import { AppError } from '../errors';
import { FINISHED_BY_PARTS, type JobContext, type JobHandler, type Report } from './context';

const HANDLERS: Record<JobType, () => Promise<JobHandler>> = {
  publicity: async () => (await import('./handlers/publicity')).runPublicityJob,
  draft: async () => (await import('./handlers/draft')).runDraftJob,
  publication: async () => (await import('./handlers/publication')).runPublicationJob,
  'results-export': async () => (await import('./handlers/exports')).runResultsExportJob,
  'progress-export': async () => (await import('./handlers/exports')).runProgressExportJob,
  'template-import': async () => (await import('./handlers/template-import')).runTemplateImportJob,
  reminders: async () => (await import('./handlers/reminders')).runRemindersJob,
  results: async () => (await import('./handlers/results')).runResultsJob,
  consistency: async () => (await import('./handlers/consistency')).runConsistencyJob,
  'consistency-export': async () => (await import('./handlers/consistency')).runConsistencyExportJob,
  'review-distance-export': async () => (await import('./handlers/consistency')).runReviewDistanceExportJob,
  site: async () => (await import('./handlers/site')).runSiteJob,
};

/** Progress is stored at most this often. */
const PROGRESS_WRITE_MS = 500;

/** The error a failed job shows: the domain's message in the users' words, or a generic one. */
export const jobError = (error: unknown): NonNullable<StoredJob['error']> =>
  error instanceof AppError
    ? {
        code: error.code,
        message: error.message,
        ...(error.details.length ? { details: error.details } : {}),
      }
    : { code: 'INTERNAL', message: '任务执行失败，请稍后重试；如仍失败请联系管理员' };

/** Runs the job; answers false when it was not queued (already run, or a second delivery). */
export const runJob = async (ctx: JobContext, jobId: string): Promise<boolean> => {
  const job = await getJob(ctx.db, jobId);
  if (!job) {
    ctx.logger.error('job not found', { jobId });
    return false;
  }
  if (!(await markRunning(ctx.db, jobId, ctx.now()))) {
    ctx.logger.warn('job not queued: not run again', { jobId, state: job.state });
    return false;
  }
  let progress = 0;
  let step: string | undefined;
  let lastWrite = 0;
  // The latest progress and step are kept at every report and stored at most every PROGRESS_WRITE_MS
  // (a 500-unit year reports 500 times): one small update, never a write per unit.
  const report: Report = async (reported, nextStep) => {
    progress = nextProgress(progress, reported);
    step = nextStep ?? step;
    const held = ctx.gate?.holds(progress) ?? false;
    if (!held && Date.now() - lastWrite < PROGRESS_WRITE_MS) return;
    lastWrite = Date.now();
    await saveProgress(ctx.db, jobId, progress, step);
    if (held) await ctx.gate?.wait();
  };
  try {
    const handler = await HANDLERS[job.type]();
    const result = await handler(ctx, job, report);
    if (result === FINISHED_BY_PARTS) {
      ctx.logger.info('job handed to its parts', { jobId, type: job.type });
      return true;
    }
    await finishJob(ctx.db, job, { result }, ctx.now());
    ctx.logger.info('job succeeded', { jobId, type: job.type });
  } catch (error) {
    ctx.logger.error('job failed', { jobId, type: job.type, error });
    await finishJob(ctx.db, job, { error: jobError(error) }, ctx.now());
  }
  return true;
};
