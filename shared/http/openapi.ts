/** Small builders for route declarations, shared by every resource's routes. */
import { z } from '@hono/zod-openapi';
import { ERROR_CODE_LIST } from '../errors';

/** A JSON response of the given schema. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body, spread into `request`. */
export const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

/**
 * An integer in a path or query string, read strictly: decimal digits only, no sign, exponent,
 * hexadecimal, spaces or leading zero (`0x7EA` and `2026.0` are not 2026), then range-checked.
 */
export const pathInteger = (min: number, max: number) =>
  z
    .string()
    .regex(/^(0|[1-9]\d{0,8})$/, '应为十进制整数')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** `{year}` in a path: the appraisal year. */
export const YearParams = z.object({ year: pathInteger(2000, 2100) });

/**
 * Every failure's body: `{ error: { code, message, details } }`, the code one of ERROR_CODES; some
 * codes carry more fields beside them (`state`, `currentVersion`, `current`, `maxBytes`…).
 */
export const ErrorResponseSchema = z
  .object({
    error: z.looseObject({
      code: z.enum(ERROR_CODE_LIST),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  })
  .openapi('Error');
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

/** An error response (any status) with the one error body. */
export const errorResponse = (description: string) => json(ErrorResponseSchema, description);
