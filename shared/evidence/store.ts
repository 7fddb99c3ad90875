/**
 * The evidence storage port: what the API needs from object storage, nothing more. Files never pass
 * through the API; the browser uploads with a presigned POST and downloads with a presigned GET.
 * One implementation (./s3-store) serves AWS and the local S3-compatible store alike.
 */
export interface PresignedUpload {
  url: string;
  /** Form fields to send before the file, policy and signature included. */
  fields: Record<string, string>;
  expiresAt: string;
}

export interface UploadPolicy {
  key: string;
  contentType: string;
  /** Exact size in bytes: the policy's content-length-range is [size, size]. */
  size: number;
  /** Hex SHA-256 the browser computed; bound into the policy as object metadata. */
  sha256: string;
  expiresInSeconds: number;
}

export interface DownloadRequest {
  key: string;
  fileName: string;
  contentType: string;
  /** Shown in the browser (inline) or saved (attachment). */
  inline: boolean;
  expiresInSeconds: number;
}

/** What was actually stored: its size, the SHA-256 of its bytes and the type read from them. */
export interface StoredObjectFacts {
  size: number;
  sha256: string;
  detectedMime: string | null;
}

export interface EvidenceStore {
  presignUpload(policy: UploadPolicy): Promise<PresignedUpload>;
  presignDownload(request: DownloadRequest): Promise<{ url: string; expiresAt: string }>;
  /** Reads the object once: hashes every byte and detects the type; undefined when it is not there. */
  inspect(key: string): Promise<StoredObjectFacts | undefined>;
  remove(key: string): Promise<void>;
  /** Writes bytes the server made (a job's export, an uploaded workbook waiting for its import job). */
  putObject(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** Reads an object whole; undefined when it is not there. */
  readObject(key: string): Promise<Uint8Array | undefined>;
}
