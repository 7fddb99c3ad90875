/**
 * Token verification. In AWS: Cognito ID tokens through aws-jwt-verify. Locally: the same library
 * verifies RS256 tokens of the same shape signed by the dev sign-in, against its cached JWKS.
 */
import { CognitoJwtVerifier, JwtRsaVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import type { IdTokenClaims } from './roles';

export interface TokenVerifier {
  verify(token: string): Promise<IdTokenClaims>;
}

export const cognitoVerifier = (userPoolId: string, clientId: string): TokenVerifier => {
  const verifier = CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: 'id' });
  return { verify: async (token) => (await verifier.verify(token)) as unknown as IdTokenClaims };
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
  return { verify: async (token) => (await verifier.verify(token)) as unknown as IdTokenClaims };
};
