/**
 * What evidence files are allowed: PDF, JPEG/PNG, DOCX and XLSX, up to 50 MB each. The declared
 * type is checked when an upload is requested; the type read from the file's bytes and its SHA-256
 * are checked again after the upload, so a file's name or declared type is never trusted.
 */
export const MAX_EVIDENCE_BYTES = 50 * 1024 * 1024;
/** Files per indicator item; a worksheet with more is a sign of a mistake, not of diligence. */
export const MAX_FILES_PER_ITEM = 20;
/** Lifetime of a presigned upload (POST policy) and of a presigned download link. */
export const UPLOAD_EXPIRES_SECONDS = 15 * 60;
export const DOWNLOAD_EXPIRES_SECONDS = 5 * 60;

export interface EvidenceType {
  mime: string;
  ext: string;
  label: string;
  /** Shown in the browser (PDF, images); the others are downloaded. */
  inline: boolean;
}

export const EVIDENCE_TYPES: readonly EvidenceType[] = [
  { mime: 'application/pdf', ext: 'pdf', label: 'PDF', inline: true },
  { mime: 'image/jpeg', ext: 'jpg', label: 'JPEG 图片', inline: true },
  { mime: 'image/png', ext: 'png', label: 'PNG 图片', inline: true },
  {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: 'docx',
    label: 'Word 文档（DOCX）',
    inline: false,
  },
  {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ext: 'xlsx',
    label: 'Excel 表格（XLSX）',
    inline: false,
  },
];

export const evidenceType = (mime: string): EvidenceType | undefined =>
  EVIDENCE_TYPES.find((t) => t.mime === mime);

/** Other spellings of a type's extension a user's file name may carry. */
const EXTENSION_ALIASES: Record<string, readonly string[]> = { jpg: ['jpeg'] };

/**
 * The name a file is stored and downloaded under: the user's name, its extension made that of the
 * checked type (a PDF named `setup.exe` becomes `setup.pdf`), so a download never claims to be a
 * program or any type the bytes are not.
 */
export const storedFileName = (name: string, type: Pick<EvidenceType, 'ext'>): string => {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (ext === type.ext || EXTENSION_ALIASES[type.ext]?.includes(ext)) return name;
  return `${stem}.${type.ext}`;
};

export const ALLOWED_TYPES_TEXT = 'PDF、JPEG/PNG 图片、Word（DOCX）、Excel（XLSX）';
export const MAX_SIZE_TEXT = '50 MB';

export type FileProblem =
  | { kind: 'too_large'; limit: number }
  | { kind: 'empty' }
  | { kind: 'type'; detected: string | null }
  | { kind: 'size_mismatch'; declared: number; actual: number }
  | { kind: 'checksum'; declared: string; actual: string };

/** Checks a file before an upload is signed: the declared size and type. */
export const checkDeclaredFile = (file: { size: number; contentType: string }): FileProblem | null => {
  if (file.size > MAX_EVIDENCE_BYTES) return { kind: 'too_large', limit: MAX_EVIDENCE_BYTES };
  if (file.size < 1) return { kind: 'empty' };
  if (!evidenceType(file.contentType)) return { kind: 'type', detected: null };
  return null;
};

/**
 * Checks what was uploaded against what was declared: the size, the type read from the bytes
 * (must be the declared one), and the SHA-256.
 */
export const checkUploadedFile = (
  declared: { size: number; contentType: string; sha256: string },
  actual: { size: number; sha256: string; detectedMime: string | null },
): FileProblem | null => {
  if (actual.size > MAX_EVIDENCE_BYTES) return { kind: 'too_large', limit: MAX_EVIDENCE_BYTES };
  if (actual.detectedMime !== declared.contentType) return { kind: 'type', detected: actual.detectedMime };
  if (actual.size !== declared.size)
    return { kind: 'size_mismatch', declared: declared.size, actual: actual.size };
  if (actual.sha256 !== declared.sha256.toLowerCase()) {
    return { kind: 'checksum', declared: declared.sha256, actual: actual.sha256 };
  }
  return null;
};

/**
 * The object key of an upload: under the unit's prefix, a generated name; the user's file name is
 * kept in the table only (it may hold any characters).
 */
export const evidenceObjectKey = (p: {
  unitId: string;
  year: number;
  period: string;
  fileId: string;
  ext: string;
}) => `units/${p.unitId}/${p.year}/${p.period}/${p.fileId}.${p.ext}`;

/** An attachment's object key: under the unit's prefix like quarter-end evidence. */
export const attachmentObjectKey = (
  f: { unitId: string; year: number; ownerId: string; fileId: string },
  ext: string,
) => `units/${f.unitId}/${f.year}/attachments/${f.ownerId}/${f.fileId}.${ext}`;
