/**
 * Evidence files. The browser never sends a file through the API:
 *   1. POST …/files          the API checks the declared size and type and signs a POST policy
 *                            (key under the unit's prefix, content type, exact size, SHA-256, ≤ 15 min);
 *   2. the browser POSTs the file straight to object storage (progress bar, retry);
 *   3. POST …/files/{id}/complete  the API reads the stored bytes: SHA-256 and the type from the
 *                            bytes must match the declaration, else the object is removed (413/415/422).
 * Downloads are presigned GETs of a few minutes, issued only to users who may see the unit.
 */
import { randomUUID } from 'node:crypto';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { assertOwnUnit, assertUnitVisible } from '../../auth/visibility';
import {
  countReadyFiles,
  createPendingFile,
  discardPendingFile,
  getFile,
  markFileReady,
  removeFile,
} from '../../db/submission-repo';
import { getYear } from '../../db/year-repo';
import {
  checkDeclaredFile,
  evidenceObjectKey,
  evidenceType,
  MAX_FILES_PER_ITEM,
  storedFileName,
} from '../../domain/submissions/evidence';
import { ConflictError } from '../../errors';
import {
  DownloadLinkSchema,
  type EvidenceFile,
  EvidenceFileSchema,
  UploadRequestSchema,
  UploadTicketSchema,
} from '../../schemas/submission';
import type { AppEnv } from '../env';
import { assertWindowOpen, ItemParams, indicatorOf, signedAgreement } from '../guards';
import { json } from '../openapi';
import { protectedRoute } from '../route';
import {
  completeUpload,
  downloadLink,
  fileProblemError,
  removeObject,
  signUpload,
  uploadCheckResponses,
  uploadRequestResponses,
} from '../uploads';

const FileParams = ItemParams.extend({ fileId: z.string().regex(/^[a-z0-9-]{8,40}$/, '文件编号格式不正确') });

const createRoute = protectedRoute('submissions.write', {
  method: 'post',
  path: '/years/{year}/units/{unitId}/periods/{period}/items/{code}/files',
  summary: '申请上传一个材料文件（返回预签名 POST 表单，15 分钟内有效）',
  request: {
    params: ItemParams,
    body: { content: { 'application/json': { schema: UploadRequestSchema } }, required: true },
  },
  responses: {
    201: json(UploadTicketSchema, '上传表单'),
    409: json(z.any(), '已截止或已锁定'),
    ...uploadRequestResponses,
  },
});

const completeRoute = protectedRoute('submissions.write', {
  method: 'post',
  path: '/years/{year}/units/{unitId}/periods/{period}/items/{code}/files/{fileId}/complete',
  summary: '确认上传完成：校验文件内容类型、大小和 SHA-256',
  request: { params: FileParams },
  responses: {
    200: json(EvidenceFileSchema, '已校验'),
    409: json(z.any(), '未上传、已截止或已锁定'),
    ...uploadCheckResponses,
  },
});

const deleteRoute = protectedRoute('submissions.write', {
  method: 'delete',
  path: '/years/{year}/units/{unitId}/periods/{period}/items/{code}/files/{fileId}',
  summary: '删除一个材料文件（提交前）',
  request: { params: FileParams },
  responses: { 204: { description: '已删除' }, 409: json(z.any(), '已截止或已锁定') },
});

const linkRoute = protectedRoute('evidence.read', {
  method: 'get',
  path: '/years/{year}/units/{unitId}/periods/{period}/items/{code}/files/{fileId}/link',
  summary: '查看或下载材料（5 分钟内有效的预签名链接）',
  request: { params: FileParams },
  responses: { 200: json(DownloadLinkSchema, '链接'), 404: json(z.any(), '不存在') },
});

export const evidenceRoutes = new OpenAPIHono<AppEnv>()
  .openapi(createRoute, async (c) => {
    const { db, now, evidence } = c.get('deps');
    const p = c.req.valid('param');
    const request = c.req.valid('json');
    assertOwnUnit(c.get('principal'), p.unitId);
    const problem = checkDeclaredFile(request);
    if (problem) throw fileProblemError(problem);
    const [year, dimensions, ready] = await Promise.all([
      getYear(db, p.year),
      signedAgreement(db, p.year, p.unitId, p.period),
      countReadyFiles(db, p, p.code),
    ]);
    indicatorOf(dimensions, p.period, p.code);
    await assertWindowOpen(db, now(), p, year, 'draft');
    // Asked early so no upload is wasted; the limit itself holds when a file is confirmed.
    if (ready >= MAX_FILES_PER_ITEM) {
      throw new ConflictError(`每项指标最多上传 ${MAX_FILES_PER_ITEM} 个文件`, {}, 'TOO_MANY_FILES');
    }
    const type = evidenceType(request.contentType)!;
    const actor = c.var.actor;
    const fileId = randomUUID();
    const file: EvidenceFile = {
      fileId,
      ...p,
      name: storedFileName(request.name, type),
      contentType: type.mime,
      size: request.size,
      sha256: request.sha256.toLowerCase(),
      state: 'pending',
      objectKey: evidenceObjectKey({ ...p, fileId, ext: type.ext }),
      uploadedAt: actor.at.toISOString(),
      uploadedBy: actor.userId,
      uploadedByName: actor.name,
    };
    const upload = await signUpload(evidence, file);
    await createPendingFile(db, file, actor.at);
    return c.json({ file, upload }, 201);
  })
  .openapi(completeRoute, async (c) => {
    const { db, now } = c.get('deps');
    const p = c.req.valid('param');
    assertOwnUnit(c.get('principal'), p.unitId);
    const year = await getYear(db, p.year);
    await assertWindowOpen(db, now(), p, year, 'draft');
    const file = await getFile(db, p, p.code, p.fileId);
    if (file.state === 'ready') return c.json(file, 200);
    const confirmed = await completeUpload(
      c.get('deps'),
      file,
      () => discardPendingFile(db, file),
      () => markFileReady(db, file),
    );
    return c.json(confirmed, 200);
  })
  .openapi(deleteRoute, async (c) => {
    const { db, now, evidence, logger } = c.get('deps');
    const p = c.req.valid('param');
    assertOwnUnit(c.get('principal'), p.unitId);
    const year = await getYear(db, p.year);
    await assertWindowOpen(db, now(), p, year, 'draft');
    const file = await getFile(db, p, p.code, p.fileId);
    await removeFile(db, file);
    await removeObject(evidence, file.objectKey, (error) =>
      logger.warn('evidence object not removed', { error }),
    );
    return c.body(null, 204);
  })
  .openapi(linkRoute, async (c) => {
    const { db, evidence } = c.get('deps');
    const p = c.req.valid('param');
    await assertUnitVisible(db, c.get('principal'), p.unitId, p.year);
    const file = await getFile(db, p, p.code, p.fileId);
    return c.json(await downloadLink(evidence, file), 200);
  });
