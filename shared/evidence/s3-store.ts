/**
 * The evidence store on S3: a private bucket in AWS, the local S3-compatible store (s3rver) in
 * `npm start` and the tests, by endpoint override. The same code signs and checks in both.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { inspectBytes } from './inspect';
import type { EvidenceStore } from './store';

export interface S3EvidenceConfig {
  bucket: string;
  /** Local store only: its URL, with path-style addressing and fixed local credentials. */
  endpoint?: string;
  region?: string;
}

export const createS3Client = (config: S3EvidenceConfig): S3Client =>
  new S3Client({
    region: config.region ?? process.env.AWS_REGION ?? 'cn-north-1',
    ...(config.endpoint
      ? {
          endpoint: config.endpoint,
          forcePathStyle: true,
          credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        }
      : {}),
    // Without this the SDK adds the empty body's CRC32 to presigned requests, which then fail.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
    // A stuck store answers 503 (error-handler.ts) instead of hanging the request: a connection within
    // 1 s, no 5 s without bytes while a file is read for its check.
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000, throwOnRequestTimeout: true },
  } satisfies S3ClientConfig);

/** RFC 6266 Content-Disposition with the UTF-8 file name (Chinese names survive every browser). */
const contentDisposition = (fileName: string, inline: boolean) => {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
};

/** An object that is not there (the SDK says so in three ways). */
const isMissing = (error: unknown) =>
  error instanceof NoSuchKey ||
  error instanceof NotFound ||
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

export const createS3EvidenceStore = (
  config: S3EvidenceConfig,
  client = createS3Client(config),
): EvidenceStore => ({
  presignUpload: async ({ key, contentType, size, sha256, expiresInSeconds }) => {
    const expiresAt = new Date(Date.now() + expiresInSeconds * 1000);
    const { url, fields } = await createPresignedPost(client, {
      Bucket: config.bucket,
      Key: key,
      Expires: expiresInSeconds,
      // Fields are signed as exact-match conditions too; the size range pins the declared size.
      Fields: { 'Content-Type': contentType, 'x-amz-meta-sha256': sha256, success_action_status: '201' },
      Conditions: [['content-length-range', size, size]],
    });
    return { url, fields, expiresAt: expiresAt.toISOString() };
  },
  presignDownload: async ({ key, fileName, contentType, inline, expiresInSeconds }) => {
    const expiresAt = new Date(Date.now() + expiresInSeconds * 1000);
    const url = await getSignedUrl(
      client,
      new GetObjectCommand({
        Bucket: config.bucket,
        Key: key,
        ResponseContentType: contentType,
        ResponseContentDisposition: contentDisposition(fileName, inline),
      }),
      { expiresIn: expiresInSeconds },
    );
    return { url, expiresAt: expiresAt.toISOString() };
  },
  putObject: async (key, bytes, contentType) => {
    await client.send(
      new PutObjectCommand({ Bucket: config.bucket, Key: key, Body: bytes, ContentType: contentType }),
    );
  },
  readObject: async (key) => {
    try {
      const object = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: key }));
      return object.Body ? await object.Body.transformToByteArray() : undefined;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },
  inspect: async (key) => {
    try {
      const object = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: key }));
      if (!object.Body) return undefined;
      return await inspectBytes(object.Body as AsyncIterable<Uint8Array>);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },
  remove: async (key) => {
    await client.send(new DeleteObjectCommand({ Bucket: config.bucket, Key: key }));
  },
});
