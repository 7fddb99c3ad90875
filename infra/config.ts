/** Deployment settings read from the CDK context (`-c key=value` or cdk.json), checked once. */
import type { App } from 'aws-cdk-lib';
import { DEFAULT_SCOPES } from '../shared/auth/sign-in-config';
import type { OidcSettings } from '../shared/auth/verifier';

export interface DeployConfig {
  /** `dev` unless `-c stage=…`; part of every stack name, so stages can share an account. */
  readonly stage: string;
  /** Where alarms are e-mailed (`-c alarmEmail=ops@example.org`); no subscription when absent. */
  readonly alarmEmail: string | undefined;
  /** Extra browser origins (comma-separated `-c localOrigins=…`) allowed to sign in and upload. */
  readonly localOrigins: readonly string[];
  /**
   * `-c mfa=required`: every Cognito user must sign in with a TOTP app. Cognito requires MFA per
   * pool, not per group, so admins cannot be singled out; `optional` (default) lets each user opt in.
   */
  readonly mfa: 'optional' | 'required';
  /** `global` (Cognito, CloudFront with OAC and an edge function) or `china` (see docs/deploy.md). */
  readonly profile: DeployProfile;
  /** The bureau's OpenID Connect provider; required in China, replaces Cognito when given elsewhere. */
  readonly oidc: OidcConfig | undefined;
  /** China only: the ICP-filed domain the web front is served on and its certificate in IAM. */
  readonly china: ChinaSite | undefined;
}

export type DeployProfile = 'global' | 'china';

/**
 * The bureau's OpenID Connect provider, from context: `-c oidcIssuer=…` (its tokens' `iss`),
 * `oidcAudience` (`aud`), `oidcJwksUri` (default the issuer's `/.well-known/jwks.json`),
 * `oidcRolesClaim` (default `roles`), `oidcUnitClaim` (default `unit_id`), `oidcRolesFrom=users` when the
 * IdP cannot carry roles (default `claims`), `oidcUserClaim` (default `sub`) and `oidcScopes` (default
 * `openid profile email`, what the web front asks for). The API reads the same settings (OidcSettings).
 */
export interface OidcConfig extends OidcSettings {
  readonly scopes: string;
}

export interface ChinaSite {
  /** `-c webDomain=kaoping.example.gov.cn`: ICP-filed, its CNAME pointed at the distribution. */
  readonly domain: string;
  /** `-c iamCertificateId=ASCA…`: the domain's certificate uploaded to IAM (CloudFront in China). */
  readonly iamCertificateId: string;
  /** `-c icpNumber=京ICP备…号`: shown in the site footer as the law requires. */
  readonly icpNumber: string;
}

/** Stage names end up in stack names and Cognito domain prefixes: lower-case letters and digits. */
const STAGE_PATTERN = /^[a-z][a-z0-9]{1,11}$/;

/** Vite's dev server: where the web app runs during development. */
const DEFAULT_LOCAL_ORIGIN = 'http://localhost:5173';

const contextString = (app: App, key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context ${key} must be a string`);
  return value;
};

/** `-c profile=china|global`; without it, China when the target region is one of AWS China's. */
const readProfile = (app: App, region: string | undefined): DeployProfile => {
  const profile = contextString(app, 'profile') ?? (region?.startsWith('cn-') ? 'china' : 'global');
  if (profile !== 'global' && profile !== 'china') {
    throw new Error(`Profile "${profile}" must be global or china`);
  }
  return profile;
};

const requiredIn = (app: App, key: string, profile: string): string => {
  const value = contextString(app, key);
  if (!value) throw new Error(`Context ${key} is required for the ${profile} profile (see docs/deploy.md)`);
  return value;
};

const readOidc = (app: App, profile: DeployProfile): OidcConfig | undefined => {
  const issuer =
    profile === 'china' ? requiredIn(app, 'oidcIssuer', profile) : contextString(app, 'oidcIssuer');
  if (!issuer) return undefined;
  if (!issuer.startsWith('https://')) throw new Error(`Context oidcIssuer must be an https URL`);
  return {
    issuer,
    audience: requiredIn(app, 'oidcAudience', 'OIDC'),
    jwksUri: contextString(app, 'oidcJwksUri') ?? `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`,
    rolesClaim: contextString(app, 'oidcRolesClaim') ?? 'roles',
    unitClaim: contextString(app, 'oidcUnitClaim') ?? 'unit_id',
    rolesFrom: readRolesFrom(app),
    userClaim: contextString(app, 'oidcUserClaim') ?? 'sub',
    scopes: contextString(app, 'oidcScopes') ?? DEFAULT_SCOPES,
  };
};

const readRolesFrom = (app: App): OidcConfig['rolesFrom'] => {
  const value = contextString(app, 'oidcRolesFrom') ?? 'claims';
  if (value !== 'claims' && value !== 'users')
    throw new Error(`Context oidcRolesFrom must be claims or users`);
  return value;
};

/** Reads and validates the deployment settings of `app` (`region`: the target, when known). */
export const readConfig = (
  app: App,
  region: string | undefined = process.env.CDK_DEFAULT_REGION,
): DeployConfig => {
  const stage = contextString(app, 'stage') ?? 'dev';
  if (!STAGE_PATTERN.test(stage)) {
    throw new Error(`Stage "${stage}" must be 2-12 lower-case letters or digits, starting with a letter`);
  }
  const origins = contextString(app, 'localOrigins');
  const profile = readProfile(app, region);
  const mfa = contextString(app, 'mfa') ?? 'optional';
  if (mfa !== 'optional' && mfa !== 'required') throw new Error(`Context mfa must be optional or required`);
  return {
    mfa,
    profile,
    oidc: readOidc(app, profile),
    china:
      profile === 'china'
        ? {
            domain: requiredIn(app, 'webDomain', profile),
            iamCertificateId: requiredIn(app, 'iamCertificateId', profile),
            icpNumber: requiredIn(app, 'icpNumber', profile),
          }
        : undefined,
    stage,
    alarmEmail: contextString(app, 'alarmEmail'),
    // The development origin is trusted outside production only.
    localOrigins: origins
      ? origins.split(',').map((o) => o.trim())
      : stage === 'prod'
        ? []
        : [DEFAULT_LOCAL_ORIGIN],
  };
};

/** `Kaoping-dev-Data`: the CloudFormation stack name of one part in one stage. */
export const stackName = (stage: string, part: string): string => `Kaoping-${stage}-${part}`;
