/**
 * Where the static ranking site is written: a folder locally (served by `npm start` at /rankings/),
 * the web bucket under `rankings/` in AWS, followed by a CloudFront invalidation.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { SiteFile } from '../domain/publication/render-site';

export interface SiteStore {
  write(files: SiteFile[]): Promise<void>;
}

export const folderSiteStore = (root: string): SiteStore => ({
  write: async (files) => {
    for (const file of files) {
      const target = join(root, file.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.body);
    }
  },
});

export const s3SiteStore = (options: {
  bucket: string;
  prefix: string;
  distributionId?: string;
}): SiteStore => {
  const s3 = new S3Client({});
  const cloudfront = new CloudFrontClient({});
  return {
    write: async (files) => {
      // Pages change rarely but must never be stale after a correction: short cache, then invalidate.
      for (let i = 0; i < files.length; i += 16) {
        await Promise.all(
          files.slice(i, i + 16).map((file) =>
            s3.send(
              new PutObjectCommand({
                Bucket: options.bucket,
                Key: `${options.prefix}${file.path}`,
                Body: file.body,
                ContentType: file.contentType,
                CacheControl: 'public, max-age=300',
              }),
            ),
          ),
        );
      }
      if (options.distributionId) {
        await cloudfront.send(
          new CreateInvalidationCommand({
            DistributionId: options.distributionId,
            InvalidationBatch: {
              CallerReference: `publish-${Date.now()}`,
              Paths: { Quantity: 1, Items: [`/${options.prefix}*`] },
            },
          }),
        );
      }
    },
  };
};
