/**
 * Starts the local S3-compatible store (s3rver) with the evidence bucket, CORS open to the local web
 * origin. Used by `npm start`, the tests and the benchmarks; never by Lambda code. s3rver accepts
 * presigned requests without checking their signatures: the tests assert the signed policy itself.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// @ts-expect-error s3rver ships no types; its small surface is typed below.
import S3rverModule from 's3rver';

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
const S3rver = S3rverModule as new (options: Record<string, unknown>) => S3rverInstance;

export const LOCAL_EVIDENCE_BUCKET = 'kaoping-evidence';

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  stop: () => Promise<void>;
}

/** The browser uploads (XHR with progress → preflight) and downloads from the web origin. */
const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin>
<AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedMethod>POST</AllowedMethod>
<AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader>
<MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

/** Starts s3rver on loopback; `dataDir` persists objects, without it a temp dir removed on stop. */
export const startLocalS3 = async (options: { dataDir?: string; port?: number } = {}): Promise<LocalS3> => {
  const directory = options.dataDir ? resolve(options.dataDir) : mkdtempSync(join(tmpdir(), 'kaoping-s3-'));
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory,
    configureBuckets: [{ name: LOCAL_EVIDENCE_BUCKET, configs: [CORS] }],
  });
  const address = await server.run();
  return {
    // `localhost`, not 127.0.0.1: the page's origin is http://localhost:<port> as well.
    endpoint: `http://localhost:${address.port}`,
    bucket: LOCAL_EVIDENCE_BUCKET,
    stop: async () => {
      await server.close();
      if (!options.dataDir) rmSync(directory, { recursive: true, force: true });
    },
  };
};
