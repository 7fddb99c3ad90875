/** The checklist before a year's next step (shared/domain/years/readiness.ts), as the API answers it. */
import { z } from '@hono/zod-openapi';
import { READINESS_CODES } from '../domain/years/readiness';
import { YearStateSchema } from './year';

export const ReadinessIssueSchema = z
  .object({
    code: z.enum(READINESS_CODES),
    message: z.string(),
    count: z.number().int(),
    /** Pages of the web app where the admin clears it. */
    targets: z.array(z.object({ label: z.string(), href: z.string() })),
  })
  .openapi('ReadinessIssue');

export const ReadinessSchema = z
  .object({
    year: z.number().int(),
    from: YearStateSchema,
    to: YearStateSchema,
    blockers: z.array(ReadinessIssueSchema),
    warnings: z.array(ReadinessIssueSchema),
    done: z.array(z.string()),
  })
  .openapi('Readiness');
export type ReadinessView = z.infer<typeof ReadinessSchema>;

/**
 * A refused year move (409): `NOT_READY` or `WARNINGS_UNACKNOWLEDGED` carry the checklist;
 * `WRONG_STATE` and `STALE_VERSION` (someone moved the year meanwhile) do not.
 */
export const YearMoveRefusalSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })),
      readiness: ReadinessSchema.optional(),
    }),
  })
  .openapi('YearMoveRefusal');
