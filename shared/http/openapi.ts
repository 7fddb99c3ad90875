/** Small builders for route declarations, shared by every resource's routes. */
import { z } from '@hono/zod-openapi';

/** A JSON response of the given schema. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body, spread into `request`. */
export const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

/** `{year}` in a path: the appraisal year. */
export const YearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
