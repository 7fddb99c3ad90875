/**
 * The web front: a private bucket for the single-page app and the published rankings, and the
 * CloudFront distribution that serves it (through Origin Access Control) and forwards `/api/*` to
 * the HTTP API, so the browser sees one origin.
 */
import { existsSync } from 'node:fs';
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { SiteConfig } from '../../shared/auth/sign-in-config';
import type { ChinaSite } from '../config';
import { wildcardFindings, wildcardResourceFinding } from '../nag';

/** Where the publish function writes the static ranking site; the site deployment leaves it alone. */
export const RANKINGS_PREFIX = 'rankings/';

/**
 * Viewer-request function of the bucket behaviour: `/x/` serves `/x/index.html`, `/rankings/2026`
 * serves `/rankings/2026/index.html`, and any other extension-less path is a route of the
 * single-page app and serves `/index.html`. Error pages cannot do this: they would also rewrite the
 * API's 403 and 404 answers.
 */
export const ROUTING_FUNCTION = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
  } else if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) {
    request.uri = uri === '/${RANKINGS_PREFIX.slice(0, -1)}' || uri.startsWith('/${RANKINGS_PREFIX}') ? uri + '/index.html' : '/index.html';
  }
  return request;
}`;

export interface WebProps {
  /** The HTTP API's host name, origin of `/api/*`. */
  readonly apiDomainName: string;
  readonly logsBucket: s3.IBucket;
  /**
   * AWS China: no CloudFront Functions and no Origin Access Control exist there, and a distribution
   * must be served on an ICP-filed domain with a certificate in IAM. The bucket is then read through
   * an origin access identity, and index documents of single-page app routes are not rewritten.
   */
  readonly china?: ChinaSite | undefined;
}

export class Web extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://d123.cloudfront.net`: the origin the browser runs the app in. */
  readonly origin: string;
  /** The `config.json` deployed with the site (how the web front signs in), once `deploySite` ran. */
  siteConfig: SiteConfig | undefined;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: props.logsBucket,
      serverAccessLogsPrefix: 'web/',
      // The rankings are published here too; keep them when the stack goes.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const { china } = props;
    const routing = china
      ? undefined
      : new cloudfront.Function(this, 'Routing', {
          code: cloudfront.FunctionCode.fromInline(ROUTING_FUNCTION),
          runtime: cloudfront.FunctionRuntime.JS_2_0,
          comment: 'Index documents and single-page app routes',
        });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Kaoping web app and API',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: china
          ? origins.S3BucketOrigin.withOriginAccessIdentity(this.bucket)
          : origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
        functionAssociations: routing
          ? [{ function: routing, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }]
          : [],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new origins.HttpOrigin(props.apiDomainName, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
          }),
          // POST cannot follow a redirect: plain HTTP is refused instead.
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // Authorization, query strings and cookies reach the API; Host must be the API's own.
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
        },
      },
      httpVersion: china ? cloudfront.HttpVersion.HTTP2 : cloudfront.HttpVersion.HTTP2_AND_3,
      // North America, Europe and Asia (Hong Kong, Japan, Singapore…): the edges nearest the users.
      // AWS China's CloudFront has its own edges in the mainland and no price classes.
      ...(china ? {} : { priceClass: cloudfront.PriceClass.PRICE_CLASS_200 }),
      enableLogging: true,
      logBucket: props.logsBucket,
      logFilePrefix: 'cloudfront/',
    });
    if (china) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR7',
        reason:
          'AWS China has no Origin Access Control; the bucket is read through an origin access identity and blocks all public access.',
      });
      // The L2 construct takes ACM certificates only; CloudFront in China takes the IAM certificate.
      const cfn = this.distribution.node.defaultChild as cloudfront.CfnDistribution;
      cfn.addPropertyOverride('DistributionConfig.Aliases', [china.domain]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: china.iamCertificateId,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      });
    }
    this.origin = china ? `https://${china.domain}` : `https://${this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: staff sign in from wherever they work, and every page needs a Cognito login.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF yet (a CloudFront web ACL lives in us-east-1 and costs per month); the API is throttled and behind Cognito. Revisit when a custom domain is added.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The default *.cloudfront.net certificate fixes the viewer policy at TLSv1; a custom domain with an ACM certificate and TLSv1.2_2021 lifts this.',
      },
    );
  }

  /**
   * Deploys the built single-page app from `distPath` (when it exists) together with `config.json`,
   * the runtime settings the app reads at start, and invalidates CloudFront's copy. The published
   * rankings are excluded from the sync, so a deployment never deletes them.
   */
  deploySite(distPath: string, config: SiteConfig): s3deploy.BucketDeployment | undefined {
    this.siteConfig = config;
    if (!existsSync(distPath)) return undefined;
    const deployment = new s3deploy.BucketDeployment(this, 'Site', {
      sources: [s3deploy.Source.asset(distPath), s3deploy.Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      exclude: [`${RANKINGS_PREFIX}*`],
      // The browser revalidates every file (an ETag round trip) so a new release shows at once.
      cacheControl: [s3deploy.CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
      logGroup: new logs.LogGroup(this, 'SiteDeploymentLogs', {
        retention: logs.RetentionDays.SIX_MONTHS,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    acknowledgeDeploymentHandler(Stack.of(this), this.bucket);
    return deployment;
  }
}

/**
 * Acknowledges the findings on the singleton function CDK adds to a stack for bucket deployments
 * (library code: its role, runtime and grants are aws-cdk-lib's). Each wildcard is matched to the grant
 * it comes from; an unknown one fails the synth so that it gets looked at.
 */
const acknowledgeDeploymentHandler = (stack: Stack, webBucket: s3.IBucket): void => {
  const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!handler) return;
  const acknowledge = Validations.of(handler);
  acknowledge.acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'Role of the aws-cdk-lib bucket-deployment handler, created by the library with the basic execution policy.',
    },
    {
      id: 'AwsSolutions-L1',
      reason: 'The bucket-deployment handler runtime is pinned by aws-cdk-lib and moves with it.',
    },
  );
  const webObjects = wildcardResourceFinding(handler, webBucket.arnForObjects('*'));
  const reasonFor = (finding: string): string => {
    if (finding.startsWith('AwsSolutions-IAM5[Action::s3:'))
      return 'S3 action group granted by aws-cdk-lib to read the staged archive and sync the site into the web bucket.';
    if (/^AwsSolutions-IAM5\[Resource::arn:[^\]]*:s3:::cdk-[a-z0-9]+-assets-/.test(finding))
      return 'Reads the staged site archive from the CDK bootstrap asset bucket.';
    if (finding === webObjects)
      return 'Writes and prunes the site files (rankings/ is excluded from the sync).';
    if (finding === 'AwsSolutions-IAM5[Resource::*]')
      return 'cloudfront:CreateInvalidation/GetInvalidation as aws-cdk-lib grants them for the invalidation after a deployment.';
    throw new Error(`Unexpected cdk-nag finding on the bucket-deployment handler: ${finding}`);
  };
  for (const id of wildcardFindings(handler)) acknowledge.acknowledge({ id, reason: reasonFor(id) });
};
