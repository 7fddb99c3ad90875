/**
 * Server-side pages of a long list (a city's 500 agreements): `pageSize` 20, 50 or 100 and an
 * opaque cursor, the base64url of the last returned row's position (JSON), validated by a zod
 * schema on the way in. A cursor that is not one (tampered, truncated, from another list) is a 400
 * naming 翻页位置; a well-formed one only says where to start: what a page may show is still decided
 * by the caller's scope, so a forged cursor never reveals another unit.
 */
import { z } from '@hono/zod-openapi';
import { ValidationError } from '../errors';
import { OrgIdSchema } from '../schemas/org';

export const PAGE_SIZES = [20, 50, 100] as const;

/** `pageSize` in a query: 20, 50 (default) or 100 rows a page. */
export const PageSizeQuery = z
  .enum(['20', '50', '100'])
  .default('50')
  .transform(Number)
  .meta({ description: '每页条数：20、50 或 100' });

/** Encodes a row's position as a cursor. */
export const encodeCursor = (position: object): string =>
  Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');

const INVALID = '翻页位置无效，请从第一页重新开始';

/** `cursor` in a query: decoded and checked against `position`, else a 400 naming 翻页位置. */
export const cursorQuery = <T extends z.ZodType>(position: T) =>
  z
    .string()
    .max(400)
    .regex(/^[A-Za-z0-9_-]+$/, INVALID)
    .transform((cursor, ctx): z.infer<T> => {
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      } catch {
        decoded = undefined;
      }
      const parsed = position.safeParse(decoded);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: INVALID });
        return z.NEVER;
      }
      return parsed.data;
    })
    .meta({ description: '翻页位置（上一页回答的 next，原样传回）' });

/** A row's position in the year's agreements index (category, unit): what the agreements' and the progress pages' cursors hold. */
export const AgreementPositionSchema = z.strictObject({
  categoryId: OrgIdSchema,
  unitId: OrgIdSchema,
});

/** A position in a rater's queue (their assignments in unit order): the last unit of the page before. */
export const QueuePositionSchema = z.strictObject({ unitId: OrgIdSchema });

/** Refuses (400) a cursor of another category than the one asked for. */
export const assertCursorInCategory = (
  cursor: z.infer<typeof AgreementPositionSchema> | undefined,
  categoryId: string | undefined,
): void => {
  if (cursor && categoryId && cursor.categoryId !== categoryId) {
    const message = '翻页位置不属于所选类别，请从第一页重新开始';
    throw new ValidationError(message, [{ path: 'query.cursor', message }]);
  }
};

/** The query of a year's pages by category (the agreements', the progress matrix's). */
export const CategoryPageQuery = z.strictObject({
  categoryId: z.string().max(48).optional(),
  search: z.string().max(40).optional().meta({ description: '单位名称中的字' }),
  pageSize: PageSizeQuery,
  cursor: cursorQuery(AgreementPositionSchema).optional(),
});
