/**
 * Values from the unit's work summary (docs/extraction.md): the text is pasted, or read server-side
 * from an evidence file of the period already uploaded through the presigned upload (so the summary
 * is kept as evidence like any other file). Answers a proposal per indicator of the period; nothing
 * is written — the reporter takes values into the worksheet through the ordinary draft save.
 *
 * The readers (mammoth, pdf.js) and the extraction code are loaded with `import()`, so they sit in
 * their own chunks and not in the API's start-up bundle (tests/infra/kaoping-app.test.ts). Moving the
 * handler itself to a lazy chunk was tried: the start-up code grew 3 KiB gzip (one more shared chunk).
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { assertUnitVisible } from '../../auth/visibility';
import { getFile } from '../../db/submission-repo';
import { NotFoundError, ValidationError } from '../../errors';
import { ExtractionRequestSchema, ExtractionResponseSchema } from '../../schemas/extraction';
import type { AppEnv } from '../env';
import { signedAgreement, UnitPeriodParams } from '../guards';
import { errorResponse, json } from '../openapi';
import { protectedRoute } from '../route';

const extractRoute = protectedRoute('evidence.read', {
  method: 'post',
  path: '/years/{year}/units/{unitId}/periods/{period}/extraction',
  summary: '从工作总结提取数值（不保存）',
  request: {
    params: UnitPeriodParams,
    body: { content: { 'application/json': { schema: ExtractionRequestSchema } }, required: true },
  },
  responses: {
    200: json(ExtractionResponseSchema, '建议值'),
    404: errorResponse('不存在'),
  },
});

export const extractionRoutes = new OpenAPIHono<AppEnv>().openapi(extractRoute, async (c) => {
  const { db, evidence } = c.get('deps');
  const p = c.req.valid('param');
  const { text, file: ref } = c.req.valid('json');
  await assertUnitVisible(db, c.get('principal'), p.unitId, p.year);
  const dimensions = await signedAgreement(db, p.year, p.unitId, p.period);
  const leaves = dimensions.flatMap((d) => d.leaves).filter((leaf) => leaf.periods.includes(p.period));
  const lazy = await import('../summary-proposals');
  if (!ref)
    return c.json({ source: { kind: 'text' as const }, ...lazy.proposalsFromText(leaves, text ?? '') }, 200);
  const file = await getFile(db, p, ref.code, ref.fileId);
  const bytes = file.state === 'ready' ? await evidence.readObject(file.objectKey) : undefined;
  if (!bytes) throw new NotFoundError('文件');
  const answer = await lazy.proposalsFromFile(leaves, file.name, bytes);
  if (typeof answer === 'string') throw new ValidationError(answer, [{ path: 'body.file', message: answer }]);
  return c.json(
    { source: { kind: 'file' as const, code: ref.code, fileId: ref.fileId, name: file.name }, ...answer },
    200,
  );
});
