/**
 * Jobs (后台任务): long work started by a request that answers at once (202 with the job), then read
 * for its progress and, when done, its result. Each start route performs the action of what its job
 * does, so POLICY decides who may start it as for the synchronous route; the same type and
 * parameters while a job of them runs answer that job (a double click starts one).
 */
import { createHash } from 'node:crypto';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { canSeeJob } from '../../auth/jobs';
import { raterLinesVisibleTo } from '../../auth/visibility';
import { createJob, finishJob, getJob, listUserJobs, type StoredJob } from '../../db/job-repo';
import { computedLive } from '../../db/results-run-repo';
import { getYear } from '../../db/year-repo';
import { isLost, JOB_LABELS, type JobType, jobLockId, LOST_MESSAGE } from '../../domain/jobs/job';
import { AppError, NotFoundError, ServiceUnavailableError } from '../../errors';
import { importKey, XLSX_TYPE } from '../../jobs/context';
import { checkDraftRequest } from '../../publication/drafts';
import { checkPublishStart, checkSiteStart } from '../../publication/publish-year';
import { NewDraftSchema } from '../../schemas/drafts';
import { type Job, JobSchema, JobStartSchema } from '../../schemas/jobs';
import { YearMoveRefusalSchema } from '../../schemas/readiness';
import { PublishBodySchema } from '../../schemas/results-views';
import { ProgressQuerySchema } from '../../schemas/submission';
import { OpenPublicityBodySchema, PeriodSchema } from '../../schemas/year';
import { checkMove } from '../../years/move-year';
import { MAX_IMPORT_BODY_BYTES, MAX_WORKBOOK_BYTES } from '../body-limit';
import type { AppDeps, AppEnv } from '../env';
import { body, errorResponse, json, YearParams } from '../openapi';
import { protectedRoute } from '../route';

const started = { 202: json(JobStartSchema, '任务已开始（或同一任务正在进行）') };
const JobParams = z.object({ jobId: z.uuid('任务编号格式不正确') });
/** How long an export's download link works; it is signed afresh on every read of the job. */
const DOWNLOAD_SECONDS = 15 * 60;

const publicityJobRoute = protectedRoute('years.write', {
  method: 'post',
  path: '/years/{year}/jobs/publicity',
  summary: '后台进入结果公示（计算全年结果，冻结第 1 版公示结果并推进年度）',
  request: { params: YearParams, ...body(OpenPublicityBodySchema) },
  responses: {
    ...started,
    409: json(
      YearMoveRefusalSchema,
      '状态不符、版本冲突、仍有未完成事项（NOT_READY）或提醒未确认（WARNINGS_UNACKNOWLEDGED），附检查清单',
    ),
  },
});
const draftJobRoute = protectedRoute('results.publish', {
  method: 'post',
  path: '/years/{year}/jobs/draft',
  summary: '后台重新计算公示结果（申诉成立并重新评分后）',
  request: { params: YearParams, ...body(NewDraftSchema) },
  responses: { ...started, 409: errorResponse('年度不在公示期') },
});
const publicationJobRoute = protectedRoute('results.publish', {
  method: 'post',
  path: '/years/{year}/jobs/publication',
  summary: '后台发布考核结果（冻结快照并生成公布页面）',
  request: { params: YearParams, ...body(PublishBodySchema) },
  responses: {
    ...started,
    409: json(YearMoveRefusalSchema, '年度状态不符，或仍有未完成事项（NOT_READY，附检查清单）'),
  },
});
const resultsExportJobRoute = protectedRoute('results.export', {
  method: 'post',
  path: '/years/{year}/jobs/results-export',
  summary: '后台导出考核结果工作簿（完成后给出下载链接）',
  request: { params: YearParams, ...body(z.strictObject({ asOf: PeriodSchema.optional() })) },
  responses: { ...started, 404: errorResponse('年度不存在') },
});
const progressExportJobRoute = protectedRoute('progress.read', {
  method: 'post',
  path: '/years/{year}/jobs/progress-export',
  summary: '后台导出上报进度工作簿（完成后给出下载链接）',
  request: {
    params: YearParams,
    ...body(ProgressQuerySchema.omit({ status: true }).extend({ period: PeriodSchema })),
  },
  responses: { ...started, 404: errorResponse('年度不存在') },
});
const templateImportJobRoute = protectedRoute('templates.write', {
  method: 'post',
  path: '/years/{year}/jobs/template-import',
  'x-body-limit': MAX_IMPORT_BODY_BYTES,
  summary: '后台导入指标模板工作簿（整本无误才导入，否则任务列出错误所在）',
  request: {
    params: YearParams,
    ...body(
      z.strictObject({
        fileBase64: z
          .string()
          .min(1, '请选择要导入的文件')
          .max(Math.ceil((MAX_WORKBOOK_BYTES * 4) / 3) + 4, '文件超过 2 MB'),
        fileName: z.string().max(200).optional(),
      }),
    ),
  },
  responses: { ...started, 404: errorResponse('年度不存在'), 413: errorResponse('文件超过 2 MB') },
});
const remindersJobRoute = protectedRoute('reminders.run', {
  method: 'post',
  path: '/jobs/reminders',
  summary: '立即发送今日到期提醒（与每日定时任务相同）',
  request: { ...body(z.strictObject({})) },
  responses: started,
});
const resultsJobRoute = protectedRoute('results.export', {
  method: 'post',
  path: '/years/{year}/jobs/results',
  summary: '后台计算考核结果（按类别分别计算；市级规模的年度，结果页显示最近一次计算的结果）',
  request: { params: YearParams, ...body(z.strictObject({})) },
  responses: { ...started, 404: errorResponse('年度不存在') },
});
const consistencyJobRoute = protectedRoute('consistency.compute', {
  method: 'post',
  path: '/years/{year}/jobs/consistency',
  summary: '后台计算评分一致性报告（市级规模的年度，评分一致性页显示最近一次计算的报告）',
  request: { params: YearParams, ...body(z.strictObject({ period: PeriodSchema.optional() })) },
  responses: { ...started, 404: errorResponse('年度不存在') },
});
const consistencyExportJobRoute = protectedRoute('consistency.read', {
  method: 'post',
  path: '/years/{year}/jobs/consistency-export',
  summary: '后台导出评分一致性工作簿（评分人只含本人一行；完成后给出下载链接）',
  request: { params: YearParams, ...body(z.strictObject({ period: PeriodSchema.optional() })) },
  responses: { ...started, 404: errorResponse('年度不存在') },
});
const reviewDistanceExportJobRoute = protectedRoute('reviews.distance', {
  method: 'post',
  path: '/years/{year}/jobs/review-distance-export',
  summary: '后台导出自评与审定差距工作簿（完成后给出下载链接）',
  request: { params: YearParams, ...body(z.strictObject({})) },
  responses: { ...started, 404: errorResponse('年度不存在') },
});
const siteJobRoute = protectedRoute('results.publish', {
  method: 'post',
  path: '/years/{year}/jobs/site',
  summary: '后台重新生成公布页面（按已发布的最新版本，不产生新版本；未发出的发布通知一并补发）',
  request: { params: YearParams, ...body(z.strictObject({})) },
  responses: { ...started, 404: errorResponse('年度不存在'), 409: errorResponse('本年度结果尚未发布') },
});
const getJobRoute = protectedRoute('jobs.read', {
  method: 'get',
  path: '/jobs/{jobId}',
  summary: '任务进度与结果',
  request: { params: JobParams },
  responses: { 200: json(JobSchema, '任务'), 404: errorResponse('任务不存在') },
});
const listJobsRoute = protectedRoute('jobs.read', {
  method: 'get',
  path: '/jobs',
  summary: '我开始的任务（最近 20 个，最新在前）',
  responses: { 200: json(z.array(JobSchema), '任务') },
});

/** The job as answered: its label, a lost job shown failed, an export's link signed afresh. */
const jobView = async (deps: AppDeps, job: StoredJob): Promise<Job> => {
  const { params: _p, lockId: _l, result, ...rest } = job;
  const view: Job = { ...rest, label: JOB_LABELS[job.type] };
  if (isLost(job, deps.now())) {
    return { ...view, state: 'failed', error: { code: 'INTERNAL', message: LOST_MESSAGE } };
  }
  if (!result) return view;
  const { file, ...shown } = result;
  if (!file) return { ...view, result: shown };
  const link = await deps.evidence.presignDownload({
    key: file.key,
    fileName: file.fileName,
    contentType: file.contentType,
    inline: false,
    expiresInSeconds: DOWNLOAD_SECONDS,
  });
  return { ...view, result: { ...shown, download: { ...link, fileName: file.fileName } } };
};

/**
 * Creates the job (or finds the running one of the same lock) and, when new, launches it. A launch
 * that fails ends the job at once, so its lock does not hold the next start for 15 minutes.
 */
const start = async (
  c: Context<AppEnv>,
  type: JobType,
  year: number | null,
  params: Record<string, unknown>,
  lockParams: Record<string, unknown> = params,
) => {
  const deps = c.get('deps');
  const { job, created } = await createJob(
    deps.db,
    {
      type,
      year,
      params,
      lockId: jobLockId(type, { year, ...lockParams }),
      startedBy: c.get('principal').userId,
    },
    deps.now(),
  );
  if (created) {
    try {
      await deps.startJob(job.id);
    } catch (error) {
      deps.logger.error('job launch failed', { jobId: job.id, error });
      const message = '任务未能启动，请稍后重试';
      await finishJob(deps.db, job, { error: { code: 'SERVICE_UNAVAILABLE', message } }, deps.now());
      throw new ServiceUnavailableError(message);
    }
  }
  return { job: await jobView(deps, job), created };
};

export const jobRoutes = new OpenAPIHono<AppEnv>()
  .openapi(publicityJobRoute, async (c) => {
    const { year } = c.req.valid('param');
    const { version, acknowledgements } = c.req.valid('json');
    const { db, now } = c.get('deps');
    // Wrong state, a stale version, a blocker or an unacknowledged warning: refused now, no job.
    await checkMove(db, now(), { year, to: 'publicity', version, acknowledgements });
    // One opening of a year at a time: a second admin's start answers the running job.
    return c.json(await start(c, 'publicity', year, { version, acknowledgements }, {}), 202);
  })
  .openapi(draftJobRoute, async (c) => {
    const { year } = c.req.valid('param');
    const { reason, objectionIds } = c.req.valid('json');
    // Wrong state or unknown objections are refused now (409, 400), not found later in the job.
    await checkDraftRequest(c.get('deps').db, year, objectionIds);
    // One recomputation of a year at a time, whatever its reason.
    return c.json(await start(c, 'draft', year, { reason, objectionIds }, {}), 202);
  })
  .openapi(publicationJobRoute, async (c) => {
    const { year } = c.req.valid('param');
    const { reason, acknowledgements } = c.req.valid('json');
    const { db, now } = c.get('deps');
    // Wrong state, a missing correction reason, a blocker or an unacknowledged warning: refused now.
    await checkPublishStart(db, now(), { year, reason, acknowledgements });
    return c.json(await start(c, 'publication', year, { reason, acknowledgements }, {}), 202);
  })
  .openapi(resultsExportJobRoute, async (c) => {
    const { year } = c.req.valid('param');
    await getYear(c.get('deps').db, year);
    return c.json(await start(c, 'results-export', year, c.req.valid('json')), 202);
  })
  .openapi(progressExportJobRoute, async (c) => {
    const { year } = c.req.valid('param');
    await getYear(c.get('deps').db, year);
    return c.json(await start(c, 'progress-export', year, c.req.valid('json')), 202);
  })
  .openapi(templateImportJobRoute, async (c) => {
    const { year } = c.req.valid('param');
    const { db, evidence } = c.get('deps');
    await getYear(db, year);
    const bytes = new Uint8Array(Buffer.from(c.req.valid('json').fileBase64, 'base64'));
    if (bytes.length > MAX_WORKBOOK_BYTES) {
      throw new AppError(413, 'PAYLOAD_TOO_LARGE', '文件超过 2 MB，请删除多余内容后再导入');
    }
    // Named by its content: the same workbook sent twice is one upload and one job.
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await evidence.putObject(importKey(sha256), bytes, XLSX_TYPE);
    return c.json(
      await start(c, 'template-import', year, { sha256, byName: c.get('principal').name }, { sha256 }),
      202,
    );
  })
  .openapi(remindersJobRoute, async (c) => c.json(await start(c, 'reminders', null, {}), 202))
  .openapi(resultsJobRoute, async (c) => {
    const { year } = c.req.valid('param');
    await getYear(c.get('deps').db, year);
    // One computation of a year at a time, whoever starts it; the name is shown with its results.
    return c.json(await start(c, 'results', year, { byName: c.get('principal').name }, {}), 202);
  })
  .openapi(consistencyJobRoute, async (c) => {
    const { year } = c.req.valid('param');
    const { period } = c.req.valid('json');
    await getYear(c.get('deps').db, year);
    // One computation of a year's report (or a period's) at a time, whoever starts it.
    const scope = period ? { period } : {};
    return c.json(
      await start(c, 'consistency', year, { ...scope, byName: c.get('principal').name }, scope),
      202,
    );
  })
  .openapi(consistencyExportJobRoute, async (c) => {
    const { year } = c.req.valid('param');
    const { period } = c.req.valid('json');
    const { db, liveResultsMaxUnits } = c.get('deps');
    await getYear(db, year);
    // The workbook holds what its reader sees on the page: a rater's own line, or every line; above
    // the live limit the stored report.
    const lines = raterLinesVisibleTo(c.get('principal'));
    const params = {
      ...(period ? { period } : {}),
      ...(lines === 'all' ? {} : { onlyRater: lines }),
      stored: !(await computedLive(db, year, liveResultsMaxUnits)),
    };
    return c.json(await start(c, 'consistency-export', year, params), 202);
  })
  .openapi(reviewDistanceExportJobRoute, async (c) => {
    const { year } = c.req.valid('param');
    await getYear(c.get('deps').db, year);
    return c.json(await start(c, 'review-distance-export', year, {}), 202);
  })
  .openapi(siteJobRoute, async (c) => {
    const { year } = c.req.valid('param');
    // A year never published has no site to write: refused now (409), not in the job.
    await checkSiteStart(c.get('deps').db, year);
    return c.json(await start(c, 'site', year, {}), 202);
  })
  .openapi(getJobRoute, async (c) => {
    const job = await getJob(c.get('deps').db, c.req.valid('param').jobId);
    // Another's job is "not found", not "forbidden": its existence is not told.
    if (!job || !canSeeJob(c.get('principal'), job)) throw new NotFoundError('任务');
    return c.json(await jobView(c.get('deps'), job), 200);
  })
  .openapi(listJobsRoute, async (c) => {
    const jobs = await listUserJobs(c.get('deps').db, c.get('principal').userId);
    return c.json(await Promise.all(jobs.map((j) => jobView(c.get('deps'), j))), 200);
  });
