/**
 * The synthesized infrastructure, read as a specification. One app is built and synthesized for the
 * whole file (bundling the three functions with esbuild and running cdk-nag, as `cdk synth` does),
 * with a stand-in web build so the site deployment is part of it.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/build-app';
import { ESM_REQUIRE_BANNER } from '../../infra/constructs/app-function';
import { API_INITIAL_GZIP_LIMIT, measureBundle } from '../../infra/constructs/bundle';
import { PUBLIC_PATHS } from '../../infra/constructs/gateway';
import { TABLE_INDEXES, TABLE_KEYS } from '../../shared/db/table-def';

/** Template JSON: untyped by nature, read the way CloudFormation documents it. */
// biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are arbitrary JSON.
type CfnJson = any;
type Resource = {
  Type: string;
  Properties: Record<string, CfnJson>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

// Prepare (once): a web build of one page, then the app, synthesized.
const webDist = mkdtempSync(join(tmpdir(), 'kaoping-web-dist-'));
writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>考评</title>');
mkdirSync(join(webDist, 'assets'));
writeFileSync(join(webDist, 'assets', 'app.js'), 'console.log(1)');
// CloudFormation's built-in template checks cost ~12 s of CPU here; `npx cdk synth` runs them.
const { app, data, main } = buildApp({ webDistDir: webDist, builtinCloudFormationValidation: false });
const assembly = app.synth();
const dataTemplate = Template.fromStack(data);
const appTemplate = Template.fromStack(main);
const appResources = appTemplate.toJSON().Resources as Record<string, Resource>;

afterAll(() => {
  rmSync(webDist, { recursive: true, force: true });
  rmSync(assembly.directory, { recursive: true, force: true });
});

/** Everything a function may do to the table: items and queries, never a scan, the table itself or its streams. */
const DYNAMODB_ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];

/** The logical id of a construct's CloudFormation resource. */
const logicalId = (construct: IConstruct): string => {
  const stack = Stack.of(construct);
  return stack.resolve(stack.getLogicalId(construct.node.defaultChild as CfnElement)) as string;
};
const resourceOf = (construct: IConstruct): Resource => {
  const resource = appResources[logicalId(construct)];
  if (!resource) throw new Error(`No resource for ${construct.node.path}`);
  return resource;
};
const ofType = (type: string): Array<[string, Resource]> =>
  Object.entries(appResources).filter(([, r]) => r.Type === type);
/** What an asset holds: a zip archive (its file names are stored uncompressed) or a folder's file names. */
const assetContent = (objectKey: string): string => {
  const archive = join(assembly.directory, `asset.${objectKey}`);
  if (existsSync(archive)) return readFileSync(archive, 'latin1');
  return readdirSync(join(assembly.directory, `asset.${objectKey.replace(/\.zip$/, '')}`)).join('\n');
};
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
/** The statements of the default policy of a function's role. */
const statementsOf = (roleLogicalId: string): Statement[] =>
  ofType('AWS::IAM::Policy')
    .filter(([, p]) => asArray(p.Properties.Roles).some((r: CfnJson) => r.Ref === roleLogicalId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);

describe('the data stack', () => {
  it('keys the table and its indexes as table-def describes them', () => {
    dataTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_KEYS.partition, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sort, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partition, KeyType: 'HASH' },
          { AttributeName: index.sort, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('protects the records: PITR, encryption, retention and deletion protection', () => {
    dataTemplate.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: Match.objectLike({ SSEEnabled: true, SSEType: 'KMS' }),
        DeletionProtectionEnabled: true,
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('streams old and new images and expires items by expiresAt', () => {
    dataTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });
});

describe('the buckets', () => {
  const buckets = ofType('AWS::S3::Bucket');
  const policies = ofType('AWS::S3::BucketPolicy');

  it('are all private, encrypted, retained and refuse plain HTTP', () => {
    expect(buckets).toHaveLength(3);
    for (const [id, bucket] of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      // Evidence under its customer-managed key; the web bucket holds what the site shows anyone
      // signed in (and China's origin access identity cannot read KMS objects), the log bucket
      // receives S3 server access logs, which need S3-managed keys.
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toEqual(
        id === logicalId(main.evidence.bucket)
          ? {
              ServerSideEncryptionByDefault: {
                SSEAlgorithm: 'aws:kms',
                KMSMasterKeyID: { 'Fn::GetAtt': [logicalId(main.evidence.key), 'Arn'] },
              },
              BucketKeyEnabled: true,
            }
          : { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
      );
      expect(bucket.DeletionPolicy).toBe('Retain');
      const policy = policies.find(([, p]) => p.Properties.Bucket.Ref === id);
      expect(policy?.[1].Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('keeps evidence versioned, logged, and uploadable from the web origin only', () => {
    const evidence = resourceOf(main.evidence.bucket).Properties;
    expect(evidence.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(evidence.LoggingConfiguration.LogFilePrefix).toBe('evidence/');
    const [cors] = evidence.CorsConfiguration.CorsRules;
    expect(cors.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'PUT', 'POST']));
    expect(cors.AllowedOrigins).not.toContain('*');
    expect(JSON.stringify(cors.AllowedOrigins)).toContain(logicalId(main.web.distribution));
  });

  it('aborts stale multipart uploads after a day and expires superseded versions after a year', () => {
    const rules = resourceOf(main.evidence.bucket).Properties.LifecycleConfiguration.Rules;
    expect(rules).toContainEqual(
      expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
    );
    expect(rules).toContainEqual(
      expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 365 } }),
    );
  });
});

describe('the functions', () => {
  const functions = [main.apiFunction, main.jobs.reminders, main.jobs.publish, main.jobs.runner];

  it('run Node.js 22 on ARM64 with tracing and JSON logs kept a year', () => {
    for (const fn of functions) {
      const props = resourceOf(fn).Properties;
      expect(props.Runtime).toBe('nodejs22.x');
      expect(props.Architectures).toEqual(['arm64']);
      expect(props.MemorySize).toBe(1024);
      expect(props.TracingConfig).toEqual({ Mode: 'Active' });
      expect(props.LoggingConfig.LogFormat).toBe('JSON');
      expect(props.Handler).toBe('index.handler');
      const logGroupId = props.LoggingConfig.LogGroup.Ref as string;
      expect(appResources[logGroupId]?.Properties.RetentionInDays).toBe(365);
    }
    expect(resourceOf(main.apiFunction).Properties.Timeout).toBe(29);
  });

  const assetDir = (fn: IConstruct) =>
    join(assembly.directory, `asset.${(resourceOf(fn).Properties.Code.S3Key as string).replace('.zip', '')}`);

  it('are bundled into self-contained ESM files that define require, without source maps', () => {
    for (const fn of functions) {
      const bundle = readFileSync(join(assetDir(fn), 'index.mjs'), 'utf8');
      expect(bundle.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
      expect(bundle).not.toContain('sourceMappingURL');
      expect(
        readdirSync(assetDir(fn), { recursive: true }).filter((f) => String(f).endsWith('.map')),
      ).toEqual([]);
    }
  });

  it('are each built from their own entry', () => {
    expect(new Set(functions.map(assetDir)).size).toBe(functions.length);
  });

  it('start the API with at most 250 KiB gzip of code, the rarely used parts left in lazy chunks', () => {
    const size = measureBundle(assetDir(main.apiFunction));
    expect(size.initial.gzipBytes).toBeLessThanOrEqual(API_INITIAL_GZIP_LIMIT);
    // ExcelJS, the S3 client and the workbook code are in the asset, but not in what loads at start.
    expect(size.total.files).toBeGreaterThan(size.initial.files.length);
  });

  it('start the API without zod: schemas, the validation hook and the OpenAPI document load with the routes', () => {
    const dir = assetDir(main.apiFunction);
    // zod names every schema class it defines ($constructor("$ZodType", …)); minifying keeps the strings.
    const holdsZod = (file: string) => readFileSync(join(dir, file), 'utf8').includes('"$ZodType"');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mjs'));
    expect(files.some(holdsZod)).toBe(true);
    expect(measureBundle(dir).initial.files.filter(holdsZod)).toEqual([]);
  });

  it('give the API function exactly the settings it reads', () => {
    const variables = resourceOf(main.apiFunction).Properties.Environment.Variables;
    expect(Object.keys(variables).sort()).toEqual(
      [
        'EVIDENCE_BUCKET',
        'JOBS_FUNCTION_NAME',
        'NOTIFY_SECRETS_PATH',
        'POWERTOOLS_SERVICE_NAME',
        'PUBLISH_FUNCTION_NAME',
        'STAGE',
        'TABLE_NAME',
        'USER_POOL_CLIENT_ID',
        'USER_POOL_ID',
        'WEB_BUCKET',
      ].sort(),
    );
    expect(variables.POWERTOOLS_SERVICE_NAME).toBe('kaoping');
    expect(variables.PUBLISH_FUNCTION_NAME).toEqual({ Ref: logicalId(main.jobs.publish) });
    expect(variables.JOBS_FUNCTION_NAME).toEqual({ Ref: logicalId(main.jobs.runner) });
  });

  it('grant no wildcard action, and on the table only item actions on the table and its named indexes', () => {
    for (const fn of functions) {
      const statements = statementsOf(logicalId(fn.role!));
      const actions = statements.flatMap((s) => asArray(s.Action));
      expect(actions.filter((a) => a.includes('*'))).toEqual([]);
      for (const action of actions.filter((a) => a.startsWith('dynamodb:'))) {
        expect(DYNAMODB_ITEM_ACTIONS).toContain(action);
      }
      expect(actions).not.toContain('dynamodb:Scan');
    }
    const apiStatements = statementsOf(logicalId(main.apiFunction.role!));
    const tableResources = JSON.stringify(
      apiStatements
        .filter((s) => asArray(s.Action).some((a) => a.startsWith('dynamodb:')))
        .map((s) => s.Resource),
    );
    for (const index of TABLE_INDEXES) expect(tableResources).toContain(`/index/${index.name}`);
    expect(tableResources).not.toContain('/index/*');
    const apiActions = apiStatements.flatMap((s) => asArray(s.Action));
    expect(apiActions).toEqual(
      expect.arrayContaining(['dynamodb:Query', 'dynamodb:PutItem', 's3:PutObject']),
    );
  });

  it('let the API sign, read and remove evidence objects in the evidence bucket only', () => {
    const evidence = logicalId(main.evidence.bucket);
    const onEvidence = statementsOf(logicalId(main.apiFunction.role!)).filter((s) =>
      JSON.stringify(s.Resource).includes(evidence),
    );
    expect(onEvidence.flatMap((s) => asArray(s.Action)).sort()).toEqual(
      ['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject'].sort(),
    );
  });

  it('let the API invoke the publish and job functions and nothing else', () => {
    const invoke = statementsOf(logicalId(main.apiFunction.role!)).filter((s) =>
      asArray(s.Action).includes('lambda:InvokeFunction'),
    );
    expect(invoke).toEqual([
      expect.objectContaining({
        Resource: [
          { 'Fn::GetAtt': [logicalId(main.jobs.publish), 'Arn'] },
          { 'Fn::GetAtt': [logicalId(main.jobs.runner), 'Arn'] },
        ],
      }),
    ]);
  });

  it('let the job function run 15 minutes, write exports/ and read imports/ of the evidence bucket only', () => {
    expect(resourceOf(main.jobs.runner).Properties.Timeout).toBe(900);
    const evidence = logicalId(main.evidence.bucket);
    const onEvidence = statementsOf(logicalId(main.jobs.runner.role!))
      .filter((s) => JSON.stringify(s.Resource).includes(evidence))
      .map((s) => ({ actions: asArray(s.Action), resource: JSON.stringify(s.Resource) }));
    expect(onEvidence.map((s) => s.actions.join()).sort()).toEqual([
      's3:GetObject',
      's3:ListBucket',
      's3:PutObject',
    ]);
    expect(onEvidence.find((s) => s.actions.includes('s3:PutObject'))?.resource).toContain('/exports/*');
    expect(onEvidence.find((s) => s.actions.includes('s3:GetObject'))?.resource).toContain('/imports/*');
    const variables = resourceOf(main.jobs.runner).Properties.Environment.Variables;
    expect(Object.keys(variables).sort()).toEqual(
      ['EVIDENCE_BUCKET', 'POWERTOOLS_SERVICE_NAME', 'PUBLISH_FUNCTION_NAME', 'STAGE', 'TABLE_NAME'].sort(),
    );
  });

  it('let the job function invoke the publish function and itself (a results job’s parts) and nothing else', () => {
    const invoked = statementsOf(logicalId(main.jobs.runner.role!))
      .filter((s) => asArray(s.Action).includes('lambda:InvokeFunction'))
      .flatMap((s) => asArray(s.Resource));
    expect(invoked).toEqual(
      expect.arrayContaining([
        { 'Fn::GetAtt': [logicalId(main.jobs.publish), 'Arn'] },
        { 'Fn::GetAtt': [logicalId(main.jobs.runner), 'Arn'] },
      ]),
    );
    expect(invoked).toHaveLength(2);
  });

  it('let the publish function invalidate its own distribution only', () => {
    const invalidation = statementsOf(logicalId(main.jobs.publish.role!)).filter((s) =>
      asArray(s.Action).includes('cloudfront:CreateInvalidation'),
    );
    expect(invalidation).toHaveLength(1);
    expect(JSON.stringify(invalidation[0]?.Resource)).toContain(logicalId(main.web.distribution));
  });

  it('run the reminders daily at 01:00 UTC (09:00 in China)', () => {
    appTemplate.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 1 * * ? *)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(main.jobs.reminders), 'Arn'] } })],
    });
  });
});

describe('the HTTP API', () => {
  const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);

  it('routes /api/{proxy+} and the public paths to the API function', () => {
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(
      ['ANY /api/{proxy+}', ...PUBLIC_PATHS.map((p) => `GET ${p}`)].sort(),
    );
  });

  it('requires a Cognito ID token on every route except health, openapi.json and docs', () => {
    const [[authorizerId]] = [ofType('AWS::ApiGatewayV2::Authorizer').map(([id]) => id)] as [string[]];
    for (const route of routes) {
      if (PUBLIC_PATHS.some((p) => route.RouteKey === `GET ${p}`)) {
        expect(route.AuthorizationType).toBe('NONE');
      } else {
        expect(route.AuthorizationType).toBe('JWT');
        expect(route.AuthorizerId).toEqual({ Ref: authorizerId });
      }
    }
    appTemplate.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalId(main.auth!.client) }],
        Issuer: Match.anyValue(),
      },
    });
  });

  it('logs every request and throttles the stage', () => {
    appTemplate.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
    });
  });
});

describe('sign-in', () => {
  it('is a user pool administrators fill, with strong passwords, optional MFA and threat protection', () => {
    appTemplate.hasResource('AWS::Cognito::UserPool', {
      Properties: Match.objectLike({
        AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
        UsernameAttributes: ['email'],
        MfaConfiguration: 'OPTIONAL',
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        UserPoolTier: 'PLUS',
        Schema: Match.arrayWith([
          {
            AttributeDataType: 'String',
            Mutable: true,
            Name: 'unitId',
            StringAttributeConstraints: Match.anyValue(),
          },
        ]),
      }),
      DeletionPolicy: 'Retain',
    });
  });

  it('has one group per role', () => {
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName);
    expect(groups.sort()).toEqual(['admin', 'inspector', 'leader', 'rater', 'reporter', 'unit_head']);
  });

  it('lets the web app sign in with code and PKCE but never write custom:unitId', () => {
    const client = resourceOf(main.auth!.client).Properties;
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
    expect(client.ReadAttributes).toContain('custom:unitId');
    expect(client.WriteAttributes).not.toContain('custom:unitId');
    expect(JSON.stringify(client.CallbackURLs)).toContain(logicalId(main.web.distribution));
  });
});

describe('the web front', () => {
  const distribution = () => resourceOf(main.web.distribution).Properties.DistributionConfig;

  it('serves the private bucket through Origin Access Control, over HTTPS, with security headers', () => {
    const config = distribution();
    expect(config.DefaultRootObject).toBe('index.html');
    const s3Origin = config.Origins.find((o: CfnJson) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'],
    });
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    // The managed SecurityHeadersPolicy.
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toBe('67f7725c-6f97-4210-82d7-5512b31e9d03');
    appTemplate.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
      }),
    });
    appTemplate.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(main.web.bucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: Match.objectLike({ StringEquals: Match.anyValue() }),
          }),
        ]),
      },
    });
  });

  it('forwards /api/* uncached with every viewer header except Host', () => {
    const [api] = distribution().CacheBehaviors;
    expect(api.PathPattern).toBe('/api/*');
    expect(api.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // CachingDisabled
    expect(api.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // AllViewerExceptHostHeader
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['POST', 'PUT', 'DELETE', 'PATCH']));
    expect(api.ViewerProtocolPolicy).toBe('https-only');
  });

  it('logs viewer requests', () => {
    expect(distribution().Logging.Prefix).toBe('cloudfront/');
  });

  it('deploys the web build with its config.json and keeps the published rankings', () => {
    appTemplate.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: logicalId(main.web.bucket) },
      Exclude: ['rankings/*'],
      DistributionPaths: ['/*'],
    });
    const [deployment] = Object.values(appTemplate.findResources('Custom::CDKBucketDeployment'));
    const sources =
      (deployment?.Properties.SourceObjectKeys as string[] | undefined)?.map(assetContent) ?? [];
    expect(sources.some((content) => content.includes('index.html'))).toBe(true);
    expect(sources.some((content) => content.includes('config.json'))).toBe(true);
    // The web front signs in at Cognito's managed login (authorization code + PKCE, web/src/oidc.ts).
    const signIn = JSON.stringify(main.resolve(main.web.siteConfig?.signIn));
    expect(main.web.siteConfig?.signIn).toMatchObject({
      redirectPath: '/auth/callback',
      scopes: 'openid profile email',
    });
    expect(signIn).toContain(logicalId(main.auth!.client)); // the client id
    expect(signIn).toContain('ProviderURL'); // the pool's issuer
    expect(signIn).toContain('/oauth2/authorize');
    expect(signIn).toContain('/oauth2/token');
    expect(JSON.stringify(deployment?.Properties.SourceMarkers)).toContain(logicalId(main.auth!.client));
  });

  it('outputs the site URL, the user pool and client ids and the API URL', () => {
    for (const name of ['SiteUrl', 'UserPoolId', 'UserPoolClientId', 'ApiUrl'])
      appTemplate.hasOutput(name, {});
  });
});

describe('alarms', () => {
  const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
  const alarmOn = (namespace: string, metric: string, dimension: unknown) =>
    alarms.find(
      (a) =>
        a.Namespace === namespace &&
        a.MetricName === metric &&
        JSON.stringify(a.Dimensions).includes(JSON.stringify(dimension)),
    );

  it('watch the API function errors and throttles and the HTTP API 5xx, and notify the topic', () => {
    const api = { Ref: logicalId(main.apiFunction) };
    const found = [
      alarmOn('AWS/Lambda', 'Errors', api),
      alarmOn('AWS/Lambda', 'Throttles', api),
      alarmOn('AWS/ApiGateway', '5xx', { Ref: logicalId(main.gateway.httpApi) }),
    ];
    for (const alarm of found) {
      expect(alarm).toBeDefined();
      expect(alarm?.AlarmActions).toEqual([{ Ref: logicalId(main.alarms.topic) }]);
    }
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding in either stack', () => {
    // Act: the pack the app registers, run again directly over the synthesized tree.
    const report = new AwsSolutionsChecks().validateScope(app);

    // Assess
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual(
      [],
    );
    for (const stack of [data, main]) {
      expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual(
        [],
      );
    }
  });

  it('leaves nothing unacknowledged in the validation report of the synth', () => {
    const report = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as {
      pluginReports: Array<{ pluginName: string; conclusion: string; violations: unknown[] }>;
    };
    for (const plugin of report.pluginReports) {
      expect({ plugin: plugin.pluginName, violations: plugin.violations }).toEqual({
        plugin: plugin.pluginName,
        violations: [],
      });
    }
  });
});
