/** A job as the API answers it: state, progress and, when done, its result or its error. */
import { z } from '@hono/zod-openapi';
import { JOB_STATES, JOB_TYPES } from '../domain/jobs/job';

export const JobTypeSchema = z.enum(JOB_TYPES);

/** What a finished job left: a summary line, a file to download (exports), or a record (draft, publication). */
export const JobResultSchema = z.object({
  summary: z.string(),
  /** Exports: a presigned link, signed afresh on every read of the job. */
  download: z.object({ url: z.string(), fileName: z.string(), expiresAt: z.string() }).optional(),
  /** Where the result is shown in the app (a draft version, the publications). */
  link: z.string().optional(),
});

export const JobSchema = z
  .object({
    id: z.string(),
    type: JobTypeSchema,
    label: z.string(),
    year: z.number().int().nullable(),
    state: z.enum(JOB_STATES),
    /** Whole percent, 0–100; 100 only once finished. */
    progress: z.number().int().min(0).max(100),
    /** What the job is doing now (e.g. 已读取 120/500 个单位). */
    step: z.string().optional(),
    startedBy: z.string(),
    createdAt: z.string(),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    result: JobResultSchema.optional(),
    error: z
      .object({
        code: z.string(),
        message: z.string(),
        /** Where the input was wrong (a workbook's sheet, row and column). */
        details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      })
      .optional(),
  })
  .openapi('Job');
export type Job = z.infer<typeof JobSchema>;
export type JobResult = z.infer<typeof JobResultSchema>;

/** The answer to a start: the job (new, or the one already running for the same request). */
export const JobStartSchema = z.object({ job: JobSchema, created: z.boolean() }).openapi('JobStart');
