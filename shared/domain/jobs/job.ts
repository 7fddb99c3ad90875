/**
 * Jobs (后台任务): long work a request starts and does not wait for — opening publicity (draft
 * version 1), a year's draft results, the publication, the big workbook exports and imports, the reminder run. The decisions here are pure:
 * what identifies "the same job" (a double click starts one), how progress moves, when a running
 * job is given up as lost. The store (shared/db/job-repo.ts) holds them with conditional writes.
 */
import { canonicalJson } from '../canonical-json';

export const JOB_TYPES = [
  'publicity',
  'draft',
  'publication',
  'results-export',
  'progress-export',
  'template-import',
  'reminders',
  'results',
  'consistency',
  'consistency-export',
  'review-distance-export',
  'site',
] as const;
export type JobType = (typeof JOB_TYPES)[number];

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** The users' words for each job (progress bars, notices). */
export const JOB_LABELS: Record<JobType, string> = {
  publicity: '开启结果公示',
  draft: '重新计算公示结果',
  publication: '发布考核结果',
  'results-export': '导出考核结果',
  'progress-export': '导出上报进度',
  'template-import': '导入指标模板',
  reminders: '发送到期提醒',
  results: '计算考核结果',
  consistency: '计算评分一致性',
  'consistency-export': '导出评分一致性',
  'review-distance-export': '导出自评与审定差距',
  site: '重新生成公布页面',
};

/**
 * The longest a job may run (the job function's timeout is 15 minutes): a job still "running" after
 * it was lost (the function was killed), and its start lock, stop counting then.
 */
export const JOB_MAX_SECONDS = 15 * 60;

/** A job not yet finished. */
export const isActive = (state: JobState): boolean => state === 'queued' || state === 'running';

/**
 * What makes two starts "the same job": its type and its parameters, whoever clicks. While one is
 * queued or running, starting it again answers that job (a double click, a second admin, a retry).
 * Parameters that differ only in key order are the same.
 */
export const jobLockId = (type: JobType, params: Record<string, unknown>): string =>
  `${type}:${canonicalJson(params)}`;

/**
 * The next stored progress: whole percent, never backwards, 100 only when the job has finished
 * (a job at its last step shows 99 until its result is written).
 */
export const nextProgress = (current: number, reported: number): number => {
  const clamped = Math.min(99, Math.max(0, Math.floor(Number.isFinite(reported) ? reported : 0)));
  return Math.max(current, clamped);
};

/** Progress of `done` of `total` steps mapped into the band [from, to] of the whole job. */
export const progressIn = (from: number, to: number, done: number, total: number): number =>
  total <= 0 ? to : from + ((to - from) * Math.min(done, total)) / total;

export interface JobTiming {
  state: JobState;
  createdAt: string;
  startedAt?: string;
}

/**
 * A job that is queued or running past JOB_MAX_SECONDS was lost (its function died, or the invoke
 * never arrived): it is shown as failed, and a new start is allowed.
 */
export const isLost = (job: JobTiming, now: Date): boolean =>
  isActive(job.state) && now.getTime() - Date.parse(job.startedAt ?? job.createdAt) > JOB_MAX_SECONDS * 1000;

/** The message of a lost job. */
export const LOST_MESSAGE = '任务超时未完成，请重新开始';
