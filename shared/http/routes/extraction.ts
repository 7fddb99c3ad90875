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
import type { IndicatorExtraction } from '../../domain/extraction';
import { AppError, ConflictError, NotFoundError } from '../../errors';
import { ExtractionRequestSchema, ExtractionResponseSchema } from '../../schemas/extraction';
import type { AppEnv } from '../env';
import { signedAgreement, UnitPeriodParams } from '../guards';
import { errorResponse, json } from '../openapi';
import { protectedRoute } from '../route';

const extractRoute = protectedRoute('evidence.read', {
  method: 'post',
  path: '/years/{year}/units/{unitId}/periods/{period}/extraction',
  summary: '从工作总结提取本期指标数值（只返回建议值，不保存）',
  request: {
    params: UnitPeriodParams,
    body: { content: { 'application/json': { schema: ExtractionRequestSchema } }, required: true },
  },
  responses: {
    200: json(ExtractionResponseSchema, '建议值'),
    404: errorResponse('不存在'),
    409: errorResponse('文件尚未上传完成'),
    422: errorResponse('没有文字'),
  },
});

export const extractionRoutes = new OpenAPIHono<AppEnv>().openapi(extractRoute, async (c) => {
  const { db, evidence } = c.get('deps');
  const p = c.req.valid('param');
  const request = c.req.valid('json');
  await assertUnitVisible(db, c.get('principal'), p.unitId, p.year);
  const dimensions = await signedAgreement(db, p.year, p.unitId, p.period);
  const leaves = dimensions.flatMap((d) => d.leaves).filter((leaf) => leaf.periods.includes(p.period));

  let text = request.text ?? '';
  let source: { kind: 'text' | 'file'; code?: string; fileId?: string; name?: string } = { kind: 'text' };
  if (request.file) {
    const file = await getFile(db, p, request.file.code, request.file.fileId);
    if (file.state !== 'ready') throw new ConflictError('文件尚未上传完成', {}, 'NOT_UPLOADED');
    const bytes = await evidence.read(file.objectKey);
    if (!bytes) throw new NotFoundError('文件');
    const { NoTextError, readSummaryText } = await import('../../extraction-readers');
    try {
      text = await readSummaryText(file.name, bytes);
    } catch (error) {
      if (error instanceof NoTextError) throw new AppError(422, 'NO_TEXT', error.message);
      throw error;
    }
    source = { kind: 'file', code: file.code, fileId: file.fileId, name: file.name };
  }
  const { extractValues } = await import('../../domain/extraction');
  const result = extractValues(text, leaves);
  const proposals = leaves.map((leaf) => ({
    code: leaf.code,
    name: leaf.name,
    measure: leaf.measure,
    // extractValues answers for every indicator it is given.
    ...(result[leaf.code] as IndicatorExtraction),
  }));
  return c.json({ source, characters: text.length, proposals }, 200);
});
