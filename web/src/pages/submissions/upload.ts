/**
 * Uploading one evidence file from the browser: hash it (SHA-256, Web Crypto), ask the API for a
 * presigned POST, send the file straight to object storage with XMLHttpRequest (the only browser API
 * with upload progress), then ask the API to check what arrived. Each step reports its stage.
 */
import { EVIDENCE_TYPES, MAX_EVIDENCE_BYTES } from '../../../../shared/domain/submissions/evidence';
import { ApiError } from '../../api';
import { type EvidenceFile, type Ref, submissionsApi } from './submissions-api';

export type UploadStage = 'hashing' | 'signing' | 'uploading' | 'checking';

/** The file's type: the browser's guess, else from the extension (the server checks the bytes). */
export const contentTypeOf = (file: File): string => {
  if (file.type && EVIDENCE_TYPES.some((t) => t.mime === file.type)) return file.type;
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return (
    EVIDENCE_TYPES.find((t) => t.ext === ext || (t.ext === 'jpg' && ext === 'jpeg'))?.mime ??
    (file.type || 'application/octet-stream')
  );
};

/** Refusals the browser can tell at once (the server gives the same answers). */
export const precheck = (file: File): string | null => {
  if (file.size > MAX_EVIDENCE_BYTES) return '文件超过 50 MB 的上限';
  if (file.size === 0) return '文件是空的';
  if (!EVIDENCE_TYPES.some((t) => t.mime === contentTypeOf(file))) {
    return '不支持此文件类型，只接受 PDF、JPEG/PNG 图片、Word（DOCX）、Excel（XLSX）';
  }
  return null;
};

const sha256Hex = async (file: File) => {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
};

/** POSTs the form to storage, reporting progress 0–1; rejects on a network or storage error. */
const postForm = (url: string, fields: Record<string, string>, file: File, onProgress: (p: number) => void) =>
  new Promise<void>((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? resolve()
        : reject(new ApiError(xhr.status, 'STORAGE', `文件存储服务拒绝了上传（HTTP ${xhr.status}），请重试`));
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '上传中断，请检查网络后重试'));
    xhr.send(form);
  });

/** The two API calls around the storage POST: sign the upload, then confirm it. */
export interface UploadCalls<T> {
  requestUpload: (file: { name: string; size: number; contentType: string; sha256: string }) => Promise<{
    file: { fileId: string };
    upload: { url: string; fields: Record<string, string> };
  }>;
  completeUpload: (fileId: string) => Promise<T>;
}

/** Hashes, signs, posts and confirms one file through the given calls (evidence or attachments). */
export const uploadFile = async <T>(
  calls: UploadCalls<T>,
  file: File,
  report: (stage: UploadStage, progress: number) => void,
): Promise<T> => {
  report('hashing', 0);
  const sha256 = await sha256Hex(file);
  report('signing', 0);
  const ticket = await calls.requestUpload({
    name: file.name,
    size: file.size,
    contentType: contentTypeOf(file),
    sha256,
  });
  report('uploading', 0);
  await postForm(ticket.upload.url, ticket.upload.fields, file, (p) => report('uploading', p));
  report('checking', 1);
  return calls.completeUpload(ticket.file.fileId);
};

export const uploadEvidence = (
  ref: Ref,
  code: string,
  file: File,
  report: (stage: UploadStage, progress: number) => void,
): Promise<EvidenceFile> =>
  uploadFile(
    {
      requestUpload: (f) => submissionsApi.requestUpload(ref, code, f),
      completeUpload: (fileId) => submissionsApi.completeUpload(ref, code, fileId),
    },
    file,
    report,
  );

export const formatSize = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
