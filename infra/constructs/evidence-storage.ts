/**
 * The evidence bucket: files units attach to their submissions. Private, encrypted with a
 * customer-managed key, versioned, kept forever
 * (only superseded versions expire); the browser talks to it only through presigned URLs and POST
 * policies the API signs, hence CORS for the web origin.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface EvidenceStorageProps {
  readonly logsBucket: s3.IBucket;
  /** Browser origins allowed to upload and download with presigned requests. */
  readonly allowedOrigins: readonly string[];
}

export class EvidenceStorage extends Construct {
  readonly bucket: s3.Bucket;
  /** The customer-managed key of the evidence (the API signs uploads and downloads with it). */
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: EvidenceStorageProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the Kaoping evidence files',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      // One data key per bucket rather than per object: fewer KMS calls, same key.
      bucketKeyEnabled: true,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: props.logsBucket,
      serverAccessLogsPrefix: 'evidence/',
      cors: [
        {
          allowedOrigins: [...props.allowedOrigins],
          allowedMethods: [s3.HttpMethods.GET, s3.HttpMethods.HEAD, s3.HttpMethods.PUT, s3.HttpMethods.POST],
          allowedHeaders: ['*'],
          // The browser reads the ETag of an upload to confirm it.
          exposedHeaders: ['ETag'],
          maxAge: 3600,
        },
      ],
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'expire-superseded-versions', noncurrentVersionExpiration: Duration.days(365) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
