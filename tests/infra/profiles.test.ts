/**
 * Every deployment profile synthesizes clean: a global region, and both AWS China regions, each with
 * CloudFormation's built-in validation (does every resource type exist in that region?) and cdk-nag
 * as `cdk synth` runs them. Bundling is skipped (kaoping-app.test.ts covers it), so each synth costs
 * the validation only, about 20 s on a loaded machine.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/build-app';

/** What a bureau in China passes with `-c` (docs/deploy.md, "AWS China regions"). */
const CHINA_CONTEXT = {
  oidcIssuer: 'https://idp.example.gov.cn/realms/kaoping',
  oidcAudience: 'kaoping-web',
  oidcRolesClaim: 'kaoping_roles',
  oidcUnitClaim: 'kaoping_unit',
  webDomain: 'kaoping.example.gov.cn',
  iamCertificateId: 'ASCAEXAMPLEEXAMPLE1',
  icpNumber: '京ICP备00000000号',
};

const PROFILES = [
  { region: 'ap-northeast-1', context: {} },
  { region: 'cn-north-1', context: CHINA_CONTEXT },
  { region: 'cn-northwest-1', context: CHINA_CONTEXT },
] as const;

/** Resource types that do not exist in AWS China (the validation report of the global stacks there). */
const NOT_IN_CHINA = [
  'AWS::Cognito::UserPool',
  'AWS::Cognito::UserPoolClient',
  'AWS::Cognito::UserPoolDomain',
  'AWS::Cognito::UserPoolGroup',
  'AWS::Cognito::ManagedLoginBranding',
  'AWS::CloudFront::Function',
  'AWS::CloudFront::OriginAccessControl',
];

interface Violation {
  ruleName: string;
  description: string;
  violatingConstructs: Array<{ constructPath: string }>;
}
interface ValidationReport {
  pluginReports: Array<{
    pluginName: string;
    violations: Violation[];
    suppressedViolations?: Array<{ ruleName?: string; reason?: string }>;
  }>;
}

/** Synthesizes one profile as `cdk synth` would for that region, without bundling the functions. */
const synthesize = (region: string, context: Record<string, string>) => {
  const saved = { region: process.env.CDK_DEFAULT_REGION, account: process.env.CDK_DEFAULT_ACCOUNT };
  process.env.CDK_DEFAULT_REGION = region;
  process.env.CDK_DEFAULT_ACCOUNT = '123456789012';
  try {
    const built = buildApp({
      webDistDir: join(import.meta.dirname, 'no-such-web-dist'),
      context: { 'aws:cdk:bundling-stacks': [], stage: 'prod', ...context },
    });
    const assembly = built.app.synth();
    const report = JSON.parse(
      readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
    ) as ValidationReport;
    const templates = [built.data, built.main].map((stack) => Template.fromStack(stack).toJSON());
    return { ...built, assembly, report, templates };
  } finally {
    process.env.CDK_DEFAULT_REGION = saved.region;
    process.env.CDK_DEFAULT_ACCOUNT = saved.account;
  }
};

type Synthesized = ReturnType<typeof synthesize>;
const synthesized = new Map<string, Synthesized>();
const synthOf = (region: string, context: Record<string, string>): Synthesized => {
  let result = synthesized.get(region);
  if (!result) {
    result = synthesize(region, context);
    synthesized.set(region, result);
  }
  return result;
};

afterAll(() => {
  for (const { assembly } of synthesized.values())
    rmSync(assembly.directory, { recursive: true, force: true });
});

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation resources are arbitrary JSON.
type Resources = Record<string, { Type: string; Properties: any }>;
const resourcesOf = (s: Synthesized): Resources =>
  Object.assign({}, ...s.templates.map((t) => t.Resources as Resources));
const ofType = (s: Synthesized, type: string) =>
  Object.entries(resourcesOf(s)).filter(([, r]) => r.Type === type);

describe.each(PROFILES)('the $region profile', ({ region, context }) => {
  const china = region.startsWith('cn-');
  // Synthesis (bundling, CloudFormation validation, cdk-nag) took 41 s of a test's 30 on a loaded machine.
  beforeAll(() => {
    synthOf(region, context);
  }, 180_000);

  it('has an empty validation report: no warning, no unacknowledged cdk-nag finding', () => {
    const { report } = synthOf(region, context);
    const findings = report.pluginReports.flatMap((plugin) =>
      plugin.violations.map(
        (v) => `${plugin.pluginName} ${v.ruleName}: ${v.violatingConstructs.map((c) => c.constructPath)}`,
      ),
    );
    expect(findings).toEqual([]);
    for (const suppressed of report.pluginReports.flatMap((p) => p.suppressedViolations ?? [])) {
      expect(suppressed.reason, JSON.stringify(suppressed)).toBeTruthy();
    }
  });

  it('names every ARN by the partition, never with a literal arn:aws:', () => {
    for (const template of synthOf(region, context).templates) {
      expect(JSON.stringify(template)).not.toContain('arn:aws:');
    }
  });

  it(china ? 'uses no resource type AWS China lacks' : 'signs in with Cognito', () => {
    const types = new Set(Object.values(resourcesOf(synthOf(region, context))).map((r) => r.Type));
    for (const type of NOT_IN_CHINA.filter((t) => t.startsWith('AWS::Cognito::UserPool'))) {
      expect(types.has(type), type).toBe(!china);
    }
    if (china) for (const type of NOT_IN_CHINA) expect(types.has(type), type).toBe(false);
  });

  it('keeps every log group at least 180 days and access logs in S3 at least 180 days', () => {
    const s = synthOf(region, context);
    const groups = ofType(s, 'AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(4);
    for (const [id, group] of groups) {
      expect(group.Properties.RetentionInDays, id).toBeGreaterThanOrEqual(180);
    }
    const expirations = ofType(s, 'AWS::S3::Bucket').flatMap(([, b]) =>
      (b.Properties.LifecycleConfiguration?.Rules ?? [])
        .map((rule: { ExpirationInDays?: number }) => rule.ExpirationInDays)
        .filter((days: number | undefined) => days !== undefined),
    );
    for (const days of expirations) expect(days).toBeGreaterThanOrEqual(180);
  });

  it('encrypts the table and the evidence with customer-managed keys that rotate', () => {
    const s = synthOf(region, context);
    const keys = ofType(s, 'AWS::KMS::Key');
    expect(keys).toHaveLength(2);
    for (const [, key] of keys) expect(key.Properties.EnableKeyRotation).toBe(true);
    const [[, table] = []] = ofType(s, 'AWS::DynamoDB::Table');
    expect(table?.Properties.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
    const evidence = ofType(s, 'AWS::S3::Bucket').filter(([, b]) => b.Properties.VersioningConfiguration);
    expect(evidence).toHaveLength(1);
    expect(evidence[0]?.[1].Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toMatchObject({
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' },
      BucketKeyEnabled: true,
    });
  });

  it('blocks public access to every bucket and refuses plain HTTP', () => {
    const s = synthOf(region, context);
    const policies = ofType(s, 'AWS::S3::BucketPolicy');
    for (const [id, bucket] of ofType(s, 'AWS::S3::Bucket')) {
      expect(bucket.Properties.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      const policy = policies.find(([, p]) => p.Properties.Bucket.Ref === id);
      expect(policy?.[1].Properties.PolicyDocument.Statement, id).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it(china ? "trusts the bureau's OIDC issuer in the authorizer and the function" : 'trusts Cognito', () => {
    const s = synthOf(region, context);
    const [[, authorizer] = []] = ofType(s, 'AWS::ApiGatewayV2::Authorizer');
    const apiFunction = s.main.apiFunction.node.defaultChild as CfnElement;
    const environment =
      resourcesOf(s)[s.main.resolve(s.main.getLogicalId(apiFunction)) as string]?.Properties.Environment
        .Variables;
    if (!china) {
      expect(environment).toHaveProperty('USER_POOL_ID');
      return;
    }
    expect(authorizer?.Properties.JwtConfiguration).toEqual({
      Issuer: CHINA_CONTEXT.oidcIssuer,
      Audience: [CHINA_CONTEXT.oidcAudience],
    });
    expect(environment).toMatchObject({
      OIDC_ISSUER: CHINA_CONTEXT.oidcIssuer,
      OIDC_AUDIENCE: CHINA_CONTEXT.oidcAudience,
      OIDC_JWKS_URI: `${CHINA_CONTEXT.oidcIssuer}/.well-known/jwks.json`,
      OIDC_ROLES_CLAIM: 'kaoping_roles',
      OIDC_UNIT_CLAIM: 'kaoping_unit',
      OIDC_ROLES_FROM: 'claims',
      OIDC_USER_CLAIM: 'sub',
    });
    expect(environment).not.toHaveProperty('USER_POOL_ID');
    // The web front signs in at the same IdP, its endpoints from the discovery document; it comes
    // back to / (the default root object): without an edge function /auth/callback would be S3's 403.
    expect(s.main.web.siteConfig?.signIn).toEqual({
      issuer: CHINA_CONTEXT.oidcIssuer,
      clientId: CHINA_CONTEXT.oidcAudience,
      scopes: 'openid profile email',
      redirectPath: '/',
    });
  });

  it(
    china ? 'serves the web on the ICP-filed domain with the IAM certificate' : 'serves the web through OAC',
    () => {
      const [[, distribution] = []] = ofType(synthOf(region, context), 'AWS::CloudFront::Distribution');
      const config = distribution?.Properties.DistributionConfig;
      if (!china) {
        expect(config.Origins[0].OriginAccessControlId).toBeTruthy();
        expect(config.ViewerCertificate?.IamCertificateId).toBeUndefined();
        return;
      }
      expect(config.Aliases).toEqual([CHINA_CONTEXT.webDomain]);
      expect(config.ViewerCertificate).toMatchObject({ IamCertificateId: CHINA_CONTEXT.iamCertificateId });
      expect(config.Origins[0].S3OriginConfig.OriginAccessIdentity).toBeTruthy();
    },
  );
});
