/**
 * Stored files (evidence and attachments) through the API: the browser never sends a file through
 * it. These are the steps both kinds share, so no route module imports another: sign the upload,
 * check the stored bytes against the declaration, turn a problem into its HTTP answer, remove an
 * object, issue a short download link.
 */
import { z } from '@hono/zod-openapi';
import { TooManyFilesError } from '../db/stored-file-repo';
import {
  ALLOWED_TYPES_TEXT,
  checkUploadedFile,
  DOWNLOAD_EXPIRES_SECONDS,
  evidenceType,
  type FileProblem,
  MAX_EVIDENCE_BYTES,
  MAX_SIZE_TEXT,
  UPLOAD_EXPIRES_SECONDS,
} from '../domain/submissions/evidence';
import { AppError, ConflictError } from '../errors';
import type { EvidenceStore } from '../evidence/store';
import type { AppDeps } from './env';
import { json } from './openapi';

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

/**
 * Checks an upload and confirms it: a failed check or a confirmation beyond the owner's file limit
 * (held in the confirming transaction) removes the object and its record.
 */
export const completeUpload = async <T>(
  deps: Pick<AppDeps, 'evidence' | 'logger'>,
  file: StoredFile,
  discard: () => Promise<void>,
  confirm: () => Promise<T>,
): Promise<T> => {
  await verifyUpload(deps, file, discard);
  try {
    return await confirm();
  } catch (error) {
    if (error instanceof TooManyFilesError) {
      await discard();
      await removeObject(deps.evidence, file.objectKey, (e) =>
        deps.logger.warn('evidence object not removed', { error: e }),
      );
    }
    throw error;
  }
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
