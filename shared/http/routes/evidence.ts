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
import {
  createPendingFile,
  discardPendingFile,
  getFile,
  listFiles,
  markFileReady,
  removeFile,
} from '../../db/submission-repo';
import { getYear } from '../../db/year-repo';
import {
  ALLOWED_TYPES_TEXT,
  checkDeclaredFile,
  checkUploadedFile,
  DOWNLOAD_EXPIRES_SECONDS,
  evidenceObjectKey,
  evidenceType,
  type FileProblem,
  MAX_EVIDENCE_BYTES,
  MAX_FILES_PER_ITEM,
  MAX_SIZE_TEXT,
  storedFileName,
  UPLOAD_EXPIRES_SECONDS,
} from '../../domain/submissions/evidence';
import { AppError, ConflictError } from '../../errors';
import type { EvidenceStore } from '../../evidence/store';
import {
  DownloadLinkSchema,
  type EvidenceFile,
  EvidenceFileSchema,
  UploadRequestSchema,
  UploadTicketSchema,
} from '../../schemas/submission';
import type { AppDeps, AppEnv } from '../env';
import { json } from '../openapi';
import { protectedRoute } from '../route';
import {
  actorOf,
  assertOwnUnit,
  assertUnitVisible,
  assertWindowOpen,
  ItemParams,
  indicatorOf,
  signedAgreement,
} from './submissions';

const FileParams = ItemParams.extend({ fileId: z.string().regex(/^[a-z0-9-]{8,40}$/, '文件编号格式不正确') });

/** The one place a file problem becomes an HTTP answer: 413 with the limit, 415, or 422. */
export const fileProblemError = (problem: FileProblem): AppError => {
  switch (problem.kind) {
    case 'too_large':
      return new AppError(413, 'FILE_TOO_LARGE', `文件超过 ${MAX_SIZE_TEXT} 的上限`, [], {
        limit: problem.limit,
        limitText: MAX_SIZE_TEXT,
      });
    case 'empty':
      return new AppError(400, 'VALIDATION_FAILED', '文件是空的', [
        { path: 'body.size', message: '文件是空的' },
      ]);
    case 'type':
      return new AppError(
        415,
        'UNSUPPORTED_FILE_TYPE',
        problem.detected
          ? `文件内容（${problem.detected}）与声明的类型不符，只接受 ${ALLOWED_TYPES_TEXT}`
          : `不支持此文件类型，只接受 ${ALLOWED_TYPES_TEXT}`,
        [],
        { allowed: ALLOWED_TYPES_TEXT, detected: problem.detected },
      );
    case 'size_mismatch':
      return new AppError(422, 'SIZE_MISMATCH', '上传的文件大小与声明不符，请重新上传');
    case 'checksum':
      return new AppError(
        422,
        'CHECKSUM_MISMATCH',
        '上传的文件校验值（SHA-256）与声明不符，文件可能在传输中损坏，请重新上传',
      );
  }
};

/** Removes a stored object, logging instead of failing: the table is the source of truth. */
export const removeObject = async (evidence: EvidenceStore, key: string, log: (error: unknown) => void) => {
  try {
    await evidence.remove(key);
  } catch (error) {
    log(error);
  }
};

type StoredFile = { objectKey: string; name: string; size: number; contentType: string; sha256: string };

/** What a request to upload may answer besides its 201, for the declarations of upload routes. */
export const uploadRequestResponses = {
  413: json(z.any(), '文件过大'),
  415: json(z.any(), '类型不允许'),
};

/** Signs the browser's POST of a declared file: exact size, type and SHA-256, ≤ 15 minutes. */
export const signUpload = async (evidence: EvidenceStore, file: StoredFile) => ({
  ...(await evidence.presignUpload({
    key: file.objectKey,
    contentType: file.contentType,
    size: file.size,
    sha256: file.sha256,
    expiresInSeconds: UPLOAD_EXPIRES_SECONDS,
  })),
  maxBytes: MAX_EVIDENCE_BYTES,
});

/** What a file check after upload may answer, for the declarations of `…/complete` routes. */
export const uploadCheckResponses = {
  413: json(z.any(), '文件过大'),
  415: json(z.any(), '内容与类型不符'),
  422: json(z.any(), '大小或校验值不符'),
};

/**
 * Checks what arrived in storage against the declaration (type from the bytes, size, SHA-256). A
 * failed check removes the object and, through `discard`, its record: nothing half-written survives.
 */
export const verifyUpload = async (
  deps: Pick<AppDeps, 'evidence' | 'logger'>,
  file: StoredFile,
  discard: () => Promise<void>,
): Promise<void> => {
  const stored = await deps.evidence.inspect(file.objectKey);
  if (!stored) throw new ConflictError('文件尚未上传完成，请重新上传', {}, 'NOT_UPLOADED');
  const problem = checkUploadedFile(file, stored);
  if (!problem) return;
  await removeObject(deps.evidence, file.objectKey, (error) =>
    deps.logger.warn('evidence object not removed', { error }),
  );
  await discard();
  throw fileProblemError(problem);
};

/** A short-lived link to a checked file: PDF and images open in the browser, the rest download. */
export const downloadLink = async (evidence: EvidenceStore, file: StoredFile & { state: string }) => {
  if (file.state !== 'ready') throw new ConflictError('文件尚未完成上传校验', {}, 'NOT_UPLOADED');
  const inline = evidenceType(file.contentType)?.inline ?? false;
  const link = await evidence.presignDownload({
    key: file.objectKey,
    fileName: file.name,
    contentType: file.contentType,
    inline,
    expiresInSeconds: DOWNLOAD_EXPIRES_SECONDS,
  });
  return { ...link, inline, name: file.name, contentType: file.contentType };
};

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
    const [year, dimensions, existing] = await Promise.all([
      getYear(db, p.year),
      signedAgreement(db, p.year, p.unitId, p.period),
      listFiles(db, p, p.code),
    ]);
    indicatorOf(dimensions, p.period, p.code);
    await assertWindowOpen(db, now(), p, year, 'draft');
    if (existing.filter((f) => f.state === 'ready').length >= MAX_FILES_PER_ITEM) {
      throw new ConflictError(`每项指标最多上传 ${MAX_FILES_PER_ITEM} 个文件`, {}, 'TOO_MANY_FILES');
    }
    const type = evidenceType(request.contentType)!;
    const actor = actorOf(c);
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
    await verifyUpload(c.get('deps'), file, () => discardPendingFile(db, file));
    return c.json(await markFileReady(db, file), 200);
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
