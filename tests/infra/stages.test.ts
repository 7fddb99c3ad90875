/**
 * How the app varies with its context: stage names, trusted origins, the optional web build. These
 * apps skip esbuild bundling and CloudFormation's checks (kaoping-app.test.ts covers both), so each
 * synthesizes in about a second; cdk-nag still runs, as in every synth.
 */
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { type BuildAppOptions, buildApp } from '../../infra/build-app';
import { readConfig } from '../../infra/config';

const MISSING_DIST = join(import.meta.dirname, 'no-such-web-dist');

/** A quick app: no bundling (`aws:cdk:bundling-stacks` empty) and no built-in template validation. */
const quickApp = (context: Record<string, unknown> = {}, options: BuildAppOptions = {}) =>
  buildApp({
    webDistDir: MISSING_DIST,
    builtinCloudFormationValidation: false,
    context: { 'aws:cdk:bundling-stacks': [], ...context },
    ...options,
  });

describe('the stage', () => {
  it('defaults to dev and names the stacks after it', () => {
    const { data, main } = quickApp();
    expect([data.stackName, main.stackName]).toEqual(['Kaoping-dev-Data', 'Kaoping-dev-App']);
  });

  it('is taken from -c stage=…', () => {
    const { data, main } = quickApp({ stage: 'prod' });
    expect([data.stackName, main.stackName]).toEqual(['Kaoping-prod-Data', 'Kaoping-prod-App']);
  });

  it('refuses a name that cannot be part of a stack name and a Cognito domain', () => {
    expect(() => readConfig(new App({ context: { stage: 'Prod_1' } }))).toThrow(/Stage "Prod_1"/);
  });

  it('trusts the local development origin outside production only', () => {
    expect(readConfig(new App({ context: { stage: 'dev' } })).localOrigins).toEqual([
      'http://localhost:5173',
    ]);
    expect(readConfig(new App({ context: { stage: 'prod' } })).localOrigins).toEqual([]);
    expect(
      readConfig(new App({ context: { localOrigins: 'https://a.test, https://b.test' } })).localOrigins,
    ).toEqual(['https://a.test', 'https://b.test']);
  });

  it('keeps localhost out of the production client and CORS rules', () => {
    const template = JSON.stringify(Template.fromStack(quickApp({ stage: 'prod' }).main).toJSON());
    expect(template).not.toContain('localhost');
  });

  it('subscribes the alarm e-mail when one is given', () => {
    Template.fromStack(quickApp({ alarmEmail: 'ops@example.org' }).main).hasResourceProperties(
      'AWS::SNS::Subscription',
      { Protocol: 'email', Endpoint: 'ops@example.org' },
    );
  });
});

describe('multi-factor sign-in', () => {
  it('is optional unless -c mfa=required, which Cognito applies to the whole pool', () => {
    const mfaOf = (context: Record<string, string>) =>
      Template.fromStack(quickApp(context).main).findResources('AWS::Cognito::UserPool');
    expect(Object.values(mfaOf({}))[0]?.Properties.MfaConfiguration).toBe('OPTIONAL');
    expect(Object.values(mfaOf({ mfa: 'required' }))[0]?.Properties).toMatchObject({
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
    expect(() => readConfig(new App({ context: { mfa: 'always' } }))).toThrow(/mfa/);
  });
});

describe('the profile', () => {
  const china = {
    oidcIssuer: 'https://idp.example.gov.cn',
    oidcAudience: 'kaoping-web',
    webDomain: 'kaoping.example.gov.cn',
    iamCertificateId: 'ASCAEXAMPLE',
    icpNumber: '京ICP备00000000号',
  };

  it('is China for an AWS China region and global elsewhere, unless -c profile=… says otherwise', () => {
    expect(readConfig(new App({ context: china }), 'cn-northwest-1').profile).toBe('china');
    expect(readConfig(new App(), 'ap-northeast-1').profile).toBe('global');
    expect(readConfig(new App(), undefined).profile).toBe('global');
    expect(readConfig(new App({ context: { ...china, profile: 'china' } }), undefined).profile).toBe('china');
    expect(() => readConfig(new App({ context: { profile: 'cn' } }))).toThrow(/Profile "cn"/);
  });

  it('refuses China without the identity provider, the ICP-filed domain and its certificate', () => {
    for (const key of Object.keys(china)) {
      const { [key as keyof typeof china]: _, ...rest } = china;
      expect(() => readConfig(new App({ context: rest }), 'cn-north-1'), key).toThrow(key);
    }
  });

  it('replaces Cognito by an OIDC provider in a global region when one is given', () => {
    const config = readConfig(
      new App({ context: { oidcIssuer: 'https://idp.example.org/', oidcAudience: 'web' } }),
      'eu-west-1',
    );
    expect(config.oidc).toEqual({
      issuer: 'https://idp.example.org/',
      audience: 'web',
      jwksUri: 'https://idp.example.org/.well-known/jwks.json',
      rolesClaim: 'roles',
      unitClaim: 'unit_id',
      rolesFrom: 'claims',
      userClaim: 'sub',
      scopes: 'openid profile email',
    });
    expect(() => readConfig(new App({ context: { oidcIssuer: 'http://idp.example.org' } }))).toThrow(/https/);
    expect(() =>
      readConfig(
        new App({
          context: { oidcIssuer: 'https://idp.example.org', oidcAudience: 'web', oidcRolesFrom: 'ldap' },
        }),
      ),
    ).toThrow(/oidcRolesFrom/);
    const template = Template.fromStack(
      quickApp({ oidcIssuer: 'https://idp.example.org', oidcAudience: 'web' }).main,
    );
    template.resourceCountIs('AWS::Cognito::UserPool', 0);
  });
});

describe('without a web build', () => {
  it('synthesizes without a site deployment, cdk-nag satisfied', () => {
    // Act: Template.fromStack synthesizes; unacknowledged cdk-nag errors would throw here.
    const template = Template.fromStack(quickApp().main);

    // Assess
    template.resourceCountIs('Custom::CDKBucketDeployment', 0);
    template.resourceCountIs('AWS::CloudFront::Distribution', 1);
  });
});
