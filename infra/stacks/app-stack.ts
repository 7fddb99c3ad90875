/**
 * Everything of one stage except the table: evidence storage, sign-in, the API, the background jobs
 * and the web front. One stack, because the parts reference each other in a ring CloudFormation
 * resolves only within a stack: CloudFront needs the API's host name, the evidence bucket's CORS and
 * Cognito's callback URLs need CloudFront's, and the API function needs the bucket and the client.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { CALLBACK_PATH, DEFAULT_SCOPES, type SignInConfig } from '../../shared/auth/sign-in-config';
import type { DeployConfig, OidcConfig } from '../config';
import { AccessLogs } from '../constructs/access-logs';
import { Alarms } from '../constructs/alarms';
import { AppFunction } from '../constructs/app-function';
import { Auth } from '../constructs/auth';
import { EvidenceStorage } from '../constructs/evidence-storage';
import { Gateway } from '../constructs/gateway';
import { Jobs } from '../constructs/jobs';
import { NotifyDelivery } from '../constructs/notify-delivery';
import { bindTable } from '../constructs/table-access';
import { RANKINGS_PREFIX, Web } from '../constructs/web';
import { acknowledgeWildcardResource } from '../nag';

export interface AppStackProps extends StackProps {
  readonly config: DeployConfig;
  readonly table: dynamodb.ITable;
  /** Folder of the Lambda entries (`api.ts`, `reminders.ts`, `publish.ts`, `jobs.ts`). */
  readonly functionsDir: string;
  /** The web build; deployed when the folder exists at synth time. */
  readonly webDistDir: string;
}

export class AppStack extends Stack {
  readonly gateway: Gateway;
  readonly web: Web;
  readonly evidence: EvidenceStorage;
  /** Cognito; absent when the bureau's OpenID Connect provider signs users in (always in China). */
  readonly auth: Auth | undefined;
  readonly jobs: Jobs;
  readonly apiFunction: AppFunction;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { config, table } = props;
    const commonEnvironment = { POWERTOOLS_SERVICE_NAME: 'kaoping', STAGE: config.stage };

    this.alarms = new Alarms(this, 'Alarms', { email: config.alarmEmail });
    const accessLogs = new AccessLogs(this, 'AccessLogs');
    this.gateway = new Gateway(this, 'Gateway', { alarms: this.alarms });
    this.web = new Web(this, 'Web', {
      apiDomainName: this.gateway.domainName,
      logsBucket: accessLogs.bucket,
      china: config.china,
    });
    const webOrigins = [this.web.origin, ...config.localOrigins];
    this.evidence = new EvidenceStorage(this, 'Evidence', {
      logsBucket: accessLogs.bucket,
      allowedOrigins: webOrigins,
    });
    this.auth = config.oidc
      ? undefined
      : new Auth(this, 'Auth', { stage: config.stage, webOrigins, mfa: config.mfa });
    this.jobs = new Jobs(this, 'Jobs', {
      functionsDir: props.functionsDir,
      table,
      webBucket: this.web.bucket,
      distribution: this.web.distribution,
      alarms: this.alarms,
      evidenceBucket: this.evidence.bucket,
      evidenceKey: this.evidence.key,
      commonEnvironment,
    });

    const notify = new NotifyDelivery(this, 'Notify', {
      functionsDir: props.functionsDir,
      table,
      alarms: this.alarms,
      commonEnvironment,
      stage: config.stage,
      // SES is not offered in the AWS China regions: e-mail goes by SMTP there.
      email: config.profile === 'china' ? 'smtp' : 'ses',
    });

    this.apiFunction = new AppFunction(this, 'Api', {
      entry: `${props.functionsDir}/api.ts`,
      description: 'Kaoping HTTP API',
      environment: {
        ...commonEnvironment,
        TABLE_NAME: table.tableName,
        EVIDENCE_BUCKET: this.evidence.bucket.bucketName,
        ...this.verifierEnvironment(config.oidc),
        WEB_BUCKET: this.web.bucket.bucketName,
        PUBLISH_FUNCTION_NAME: this.jobs.publish.functionName,
        ...notify.apiEnvironment,
        JOBS_FUNCTION_NAME: this.jobs.runner.functionName,
      },
    });
    this.grantApiAccess(table);
    notify.grantParameters(this.apiFunction, ['ssm:GetParameter', 'ssm:PutParameter', 'ssm:DeleteParameter']);
    this.gateway.routeTo(
      this.apiFunction,
      this.auth
        ? { issuer: this.auth.userPool.userPoolProviderUrl, audience: [this.auth.client.userPoolClientId] }
        : { issuer: config.oidc!.issuer, audience: [config.oidc!.audience] },
    );
    this.alarms.whenSumReaches('ApiErrors', this.apiFunction.metricErrors(), 1, 'The API function failed.');
    this.alarms.whenSumReaches(
      'ApiThrottles',
      this.apiFunction.metricThrottles(),
      1,
      'The API function was throttled (account concurrency exhausted).',
    );

    this.web.deploySite(props.webDistDir, {
      apiBaseUrl: '/api',
      signIn: this.signInConfig(config.oidc, config.profile === 'china'),
      ...(config.china ? { icpNumber: config.china.icpNumber } : {}),
    });

    new CfnOutput(this, 'SiteUrl', { value: this.web.origin, description: 'The web app' });
    new CfnOutput(this, 'ApiUrl', {
      value: `${this.web.origin}/api`,
      description: 'The API, through CloudFront',
    });
    new CfnOutput(this, 'ApiDirectUrl', {
      value: this.gateway.httpApi.apiEndpoint,
      description: 'The HTTP API endpoint itself (for diagnostics)',
    });
    if (this.auth) {
      new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', { value: this.auth.client.userPoolClientId });
      new CfnOutput(this, 'AuthDomain', {
        value: this.auth.domain.baseUrl(),
        description: 'Cognito managed login',
      });
    }
    new CfnOutput(this, 'DistributionDomainName', {
      value: this.web.distribution.distributionDomainName,
      description: 'Where the web domain (China: the ICP-filed one) points its CNAME',
    });
    new CfnOutput(this, 'EvidenceBucketName', { value: this.evidence.bucket.bucketName });
    new CfnOutput(this, 'WebBucketName', { value: this.web.bucket.bucketName });
    new CfnOutput(this, 'DistributionId', { value: this.web.distribution.distributionId });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
  }

  /**
   * How the web front signs in (authorization code + PKCE, web/src/oidc.ts): Cognito's managed login
   * endpoints given outright, a bureau's IdP found through its discovery document.
   */
  private signInConfig(oidc: OidcConfig | undefined, china: boolean): SignInConfig {
    if (oidc) {
      return {
        issuer: oidc.issuer,
        clientId: oidc.audience,
        scopes: oidc.scopes,
        // China's CloudFront has no edge function to serve index.html at /auth/callback: come back to /.
        redirectPath: china ? '/' : CALLBACK_PATH,
      };
    }
    const auth = this.auth!;
    const domain = auth.domain.baseUrl();
    return {
      issuer: auth.userPool.userPoolProviderUrl,
      clientId: auth.client.userPoolClientId,
      scopes: DEFAULT_SCOPES,
      redirectPath: CALLBACK_PATH,
      authorizationEndpoint: `${domain}/oauth2/authorize`,
      tokenEndpoint: `${domain}/oauth2/token`,
    };
  }

  /** How the API function verifies tokens: read by functions/api.ts (shared/auth/verifier.ts). */
  private verifierEnvironment(oidc: OidcConfig | undefined): Record<string, string> {
    if (oidc) {
      return {
        OIDC_ISSUER: oidc.issuer,
        OIDC_AUDIENCE: oidc.audience,
        OIDC_JWKS_URI: oidc.jwksUri,
        OIDC_ROLES_CLAIM: oidc.rolesClaim,
        OIDC_UNIT_CLAIM: oidc.unitClaim,
        OIDC_ROLES_FROM: oidc.rolesFrom,
        OIDC_USER_CLAIM: oidc.userClaim,
      };
    }
    return {
      USER_POOL_ID: this.auth!.userPool.userPoolId,
      USER_POOL_CLIENT_ID: this.auth!.client.userPoolClientId,
    };
  }

  /** What the API does and nothing more: table items, evidence objects, published pages, publishing, jobs. */
  private grantApiAccess(table: dynamodb.ITable): void {
    const fn = this.apiFunction;
    const role = fn.role!;
    bindTable(fn, table, 'readWrite');
    // Presigned POST uploads and GET downloads are signed with the function's credentials, so it needs
    // the actions it signs for; it also reads uploads to check them and removes withdrawn ones (the
    // bucket is versioned: a removal leaves a delete marker, the bytes stay recoverable for a year).
    // ListBucket makes a missing key answer 404 (NoSuchKey) instead of 403.
    const evidenceObjects = this.evidence.bucket.arnForObjects('*');
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
        resources: [evidenceObjects],
      }),
    );
    acknowledgeWildcardResource(
      role,
      evidenceObjects,
      'Evidence keys are generated per upload by the API; the grant is put, get and delete in this one bucket.',
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.evidence.bucket.bucketArn] }),
    );
    // Uploads are encrypted and downloads decrypted with the evidence key under the signer's identity.
    this.evidence.key.grant(fn, 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey');
    // Reads the published ranking pages (to report what is online), nothing else of the web bucket.
    const rankings = this.web.bucket.arnForObjects(`${RANKINGS_PREFIX}*`);
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [rankings] }));
    acknowledgeWildcardResource(role, rankings, 'Read-only access to the published pages under rankings/.');
    // The function itself, not `grantInvoke`'s extra `:*` (versions and aliases are not used).
    // Publishes and starts jobs asynchronously.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [this.jobs.publish.functionArn, this.jobs.runner.functionArn],
      }),
    );
  }
}
