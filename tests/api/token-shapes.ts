/**
 * The shapes of ID token the API accepts, for tests that must hold for each: Cognito's (the local
 * dev sign-in issues the same: `cognito:groups`, `custom:unitId`), a bureau OIDC provider's roles
 * and unit claims, and an OIDC provider that carries no roles, matched to the user record bound to
 * the token's staff number. Each gives the app's verifier and issues a token for a seeded user.
 */
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import {
  localVerifier,
  type OidcSettings,
  oidcVerifier,
  type TokenVerifier,
} from '../../shared/auth/verifier';
import type { Db } from '../../shared/db/client';
import { bindSignInId } from '../../shared/db/sign-in-id-repo';
import { createDevSigner } from '../../shared/http/dev-sign-in';
import type { User } from '../../shared/schemas/org';

export const TOKEN_SHAPES = ['cognito', 'oidc-claims', 'oidc-user-records'] as const;
export type TokenShape = (typeof TOKEN_SHAPES)[number];

export interface TokenSource {
  verifier: TokenVerifier;
  issue: (db: Db, user: User) => Promise<string>;
}

const OIDC: OidcSettings = {
  issuer: 'https://idp.example.gov.cn/realms/kaoping',
  audience: 'kaoping-web',
  jwksUri: 'https://idp.example.gov.cn/realms/kaoping/protocol/openid-connect/certs',
  rolesClaim: 'kaoping_roles',
  unitClaim: 'kaoping_unit',
  rolesFrom: 'claims',
  userClaim: 'sub',
};

/** An OIDC provider's signer and the verifier of its tokens (the JWKS served from memory). */
const oidcSource = async (shape: 'oidc-claims' | 'oidc-user-records'): Promise<TokenSource> => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' }] };
  const byRecords = shape === 'oidc-user-records';
  const settings: OidcSettings = byRecords ? { ...OIDC, rolesFrom: 'users', userClaim: 'staff_no' } : OIDC;
  // The library's own cache, its fetch answered from memory instead of the IdP's HTTPS endpoint.
  const body = new TextEncoder().encode(JSON.stringify(jwks));
  const verifier = oidcVerifier(settings, {
    jwksCache: new SimpleJwksCache({ fetcher: { fetch: async () => body.buffer as ArrayBuffer } }),
  });
  return {
    verifier,
    issue: async (db, user) => {
      const staffNo = `GH-${user.id}`;
      if (byRecords) await bindSignInId(db, user.id, staffNo);
      // The IdP's subject is its own: the principal's user id must come from Kaoping's record.
      return new SignJWT({
        name: user.name,
        staff_no: staffNo,
        ...(byRecords
          ? {}
          : { kaoping_roles: user.roles, ...(user.unitId ? { kaoping_unit: user.unitId } : {}) }),
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
        .setSubject(byRecords ? `idp-${user.id}` : user.id)
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey);
    },
  };
};

export const tokenSource = async (shape: TokenShape): Promise<TokenSource> => {
  if (shape !== 'cognito') return oidcSource(shape);
  const signer = await createDevSigner();
  return { verifier: localVerifier(signer.jwks), issue: (_db, user) => signer.issue(user) };
};
