/**
 * Token verification. In AWS: Cognito ID tokens, or the ID tokens of the bureau's OpenID Connect
 * provider (always in AWS China), through aws-jwt-verify. Locally: the same library
 * verifies RS256 tokens of the same shape signed by the dev sign-in, against its cached JWKS.
 * Each verifier remembers the tokens it verified until they expire (token-cache.ts).
 */
import { CognitoJwtVerifier, JwtRsaVerifier, JwtVerifier } from 'aws-jwt-verify';
import { type Jwks, type JwksCache, SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { IdTokenClaims } from './roles';
import { cacheVerifiedTokens } from './token-cache';

export interface TokenVerifier {
  verify(token: string): Promise<IdTokenClaims>;
}

export const cognitoVerifier = (userPoolId: string, clientId: string): TokenVerifier => {
  const verifier = CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: 'id' });
  return cacheVerifiedTokens({
    verify: async (token) => (await verifier.verify(token)) as unknown as IdTokenClaims,
  });
};

export const LOCAL_ISSUER = 'http://localhost/kaoping-local';
export const LOCAL_AUDIENCE = 'kaoping-local-web';

/** Verifies tokens issued by the local dev sign-in (the JWKS never leaves the process). */
export const localVerifier = (jwks: Jwks): TokenVerifier => {
  const verifier = JwtRsaVerifier.create({
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
    jwksUri: `${LOCAL_ISSUER}/.well-known/jwks.json`,
  });
  verifier.cacheJwks(jwks);
  return cacheVerifiedTokens({
    verify: async (token) => (await verifier.verify(token)) as unknown as IdTokenClaims,
  });
};

export interface OidcSettings {
  readonly issuer: string;
  /** The client id the tokens are issued to. */
  readonly audience: string;
  readonly jwksUri: string;
  /** The claim listing Kaoping role names (a list, or one space- or comma-separated string). */
  readonly rolesClaim: string;
  /** The claim carrying the unit id of unit roles. */
  readonly unitClaim: string;
  /**
   * Where roles and unit come from: the token's claims, or (`users`, for an IdP that cannot carry
   * them) the Kaoping user record whose 统一身份认证账号 equals the token's `userClaim`.
   */
  readonly rolesFrom: 'claims' | 'users';
  /** The claim matched against a user record's sign-in id (`sub`, or a staff number claim). */
  readonly userClaim: string;
}

export const ROLES_FROM = ['claims', 'users'] as const;

/** Reads the OIDC settings CDK gives the API function, or undefined when Cognito is used. */
export const oidcSettingsFromEnv = (env: NodeJS.ProcessEnv = process.env): OidcSettings | undefined => {
  const { OIDC_ISSUER: issuer, OIDC_AUDIENCE: audience } = env;
  if (!issuer || !audience) return undefined;
  return {
    issuer,
    audience,
    jwksUri: env.OIDC_JWKS_URI || `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`,
    rolesClaim: env.OIDC_ROLES_CLAIM || 'roles',
    unitClaim: env.OIDC_UNIT_CLAIM || 'unit_id',
    rolesFrom: env.OIDC_ROLES_FROM === 'users' ? 'users' : 'claims',
    userClaim: env.OIDC_USER_CLAIM || 'sub',
  };
};

/**
 * A JWKS cache that fetches over plain HTTP: for a provider on this machine only (the tests' and a
 * developer's local IdP); the default cache of aws-jwt-verify insists on HTTPS, as deployments must.
 */
export const localHttpJwksCache = (): JwksCache =>
  new SimpleJwksCache({ fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() } });

const asRoleList = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
};

/**
 * Verifies ID tokens of a generic OpenID Connect provider (signature against its JWKS, issuer,
 * audience, expiry) and maps its claims to the shape the rest of the app reads: the configured roles
 * claim becomes `cognito:groups`, the unit claim `custom:unitId`. Unknown roles are dropped later by
 * `principalFromClaims`, as for Cognito. With `rolesFrom: 'users'` the token's roles are ignored and
 * only the sign-in id (`kaoping:signInId`) is passed on, for `resolvePrincipal` to look up.
 */
export const oidcVerifier = (
  settings: OidcSettings,
  options: { jwksCache?: JwksCache } = {},
): TokenVerifier => {
  // The default cache fetches the JWKS over HTTPS only; tests give one that reads a local provider.
  const jwksCache = options.jwksCache ?? new SimpleJwksCache();
  const verifier = JwtVerifier.create(
    { issuer: settings.issuer, audience: settings.audience, jwksUri: settings.jwksUri },
    { jwksCache },
  );
  /** Whether the token's key is still in the provider's JWKS as the library last fetched it. */
  const keyStillPublished = (token: string) => {
    try {
      const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'));
      jwksCache.getCachedJwk(settings.jwksUri, { header, payload: {} } as never);
      return true;
    } catch {
      return false;
    }
  };
  return cacheVerifiedTokens(
    {
      verify: async (token) => {
        const payload = (await verifier.verify(token)) as Record<string, unknown>;
        if (settings.rolesFrom === 'users') {
          const signInId = payload[settings.userClaim];
          return {
            sub: String(payload.sub),
            ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
            'kaoping:signInId':
              typeof signInId === 'string' || typeof signInId === 'number' ? `${signInId}` : '',
          };
        }
        const unit = payload[settings.unitClaim];
        return {
          sub: String(payload.sub),
          ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
          'cognito:groups': asRoleList(payload[settings.rolesClaim]),
          ...(typeof unit === 'string' && unit ? { 'custom:unitId': unit } : {}),
        };
      },
    },
    { stillTrusted: keyStillPublished },
  );
};
