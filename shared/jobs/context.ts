/** What a job's code reaches: the same store, clock, files and publisher as the API, and its report. */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Db } from '../db/client';
import type { JobFile, StoredJob } from '../db/job-repo';
import type { EvidenceStore } from '../evidence/store';

export interface JobContext {
  db: Db;
  now: () => Date;
  logger: Logger;
  /** The evidence bucket: exports are written there, uploaded workbooks read from there. */
  files: EvidenceStore;
  publishSite: (year: number) => Promise<void>;
  /**
   * Local only (browser tests, scripts/lib/job-gate.ts): asked at each progress report; when it
   * `holds`, the progress is stored at once and the job then awaits `wait`, so a test can reload a
   * page while a job of the small demo is still running. Never set in AWS.
   */
  gate?: { holds: (progress: number) => boolean; wait: () => Promise<void> };
  /**
   * AWS only: launches one part of a fanned-out job (the results job's category) in a function of its
   * own (an asynchronous invoke of the job function). Absent locally: the parts run in this process.
   */
  launchPart?: (jobId: string, part: string) => Promise<void>;
}

/** Reports progress (whole percent of the whole job) and, optionally, what the job does now. */
export type Report = (progress: number, step?: string) => Promise<void>;

/** What a finished job leaves in its record. */
export type JobOutcome = NonNullable<StoredJob['result']>;

/**
 * What a fanned-out job's handler answers once its parts are launched: the job is finished by its
 * last part (or its first failing one), not by the handler's return.
 */
export const FINISHED_BY_PARTS = 'finished-by-parts';

/** One job type's work. */
export type JobHandler = (
  ctx: JobContext,
  job: StoredJob,
  report: Report,
) => Promise<JobOutcome | typeof FINISHED_BY_PARTS>;

/** Where a job's export is written in the evidence bucket (its own prefix, never an evidence key). */
export const exportKey = (jobId: string, fileName: string) => `exports/${jobId}/${fileName}`;

/** Where an uploaded workbook waits for its import job: named by its SHA-256, so one upload is one job. */
export const importKey = (sha256: string) => `imports/${sha256}.xlsx`;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Writes an export and answers the job's result with the file to download. */
export const saveExport = async (
  ctx: JobContext,
  job: StoredJob,
  file: { bytes: Uint8Array; fileName: string; summary: string },
): Promise<JobOutcome> => {
  const stored: JobFile = {
    key: exportKey(job.id, file.fileName.replace(/[^\w.-]/g, '_')),
    fileName: file.fileName,
    contentType: XLSX_TYPE,
  };
  await ctx.files.putObject(stored.key, file.bytes, stored.contentType);
  return { summary: file.summary, file: stored };
};
