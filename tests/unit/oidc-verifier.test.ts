/**
 * The API's verification of an OpenID Connect provider's ID tokens (AWS China, or a bureau's own
 * IdP): signature against the provider's JWKS served over HTTP, issuer, audience, expiry, key
 * rotation, and the configured role and unit claims mapped to the principal.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalFromClaims } from '../../shared/auth/roles';
import { type OidcSettings, oidcSettingsFromEnv, oidcVerifier } from '../../shared/auth/verifier';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
interface SigningKey {
  kid: string;
  pair: KeyPair;
}

const newKey = async (kid: string): Promise<SigningKey> => ({ kid, pair: await generateKeyPair('RS256') });
const publicJwk = async (key: SigningKey): Promise<JWK> => ({
  ...(await exportJWK(key.pair.publicKey)),
  kid: key.kid,
  alg: 'RS256',
  use: 'sig',
});

/** The keys the provider publishes right now; a test rotates by replacing them. */
let published: SigningKey[] = [];
let server: Server;
let settings: OidcSettings;
/** The library's own cache, fetching over plain HTTP from the local provider. */
const localJwksCache = () =>
  new SimpleJwksCache({
    fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() },
  });

beforeAll(async () => {
  server = createServer(async (_req, res) => {
    const keys = await Promise.all(published.map(publicJwk));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/kaoping`;
  settings = {
    issuer,
    audience: 'kaoping-web',
    jwksUri: `${issuer}/protocol/openid-connect/certs`,
    rolesClaim: 'kaoping_roles',
    unitClaim: 'kaoping_unit',
    rolesFrom: 'claims',
    userClaim: 'sub',
  };
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const token = (
  key: SigningKey,
  claims: Record<string, unknown> = {},
  options: { expires?: string; audience?: string; issuer?: string } = {},
) =>
  new SignJWT({ name: '王芳', kaoping_roles: ['reporter', 'superuser'], kaoping_unit: 'u-1', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setSubject('staff-0042')
    .setIssuer(options.issuer ?? settings.issuer)
    .setAudience(options.audience ?? settings.audience)
    .setIssuedAt()
    .setExpirationTime(options.expires ?? '1h')
    .sign(key.pair.privateKey);

describe('the OIDC verifier', () => {
  it("maps the configured role and unit claims to the principal, dropping roles Kaoping doesn't know", async () => {
    const key = await newKey('k1');
    published = [key];

    const claims = await oidcVerifier(settings, { jwksCache: localJwksCache() }).verify(await token(key));

    expect(principalFromClaims(claims)).toEqual({
      userId: 'staff-0042',
      name: '王芳',
      roles: ['reporter'],
      unitId: 'u-1',
    });
  });

  it('reads roles given as one space-separated string', async () => {
    const key = await newKey('k2');
    published = [key];
    const claims = await oidcVerifier(settings, { jwksCache: localJwksCache() }).verify(
      await token(key, { kaoping_roles: 'admin leader' }),
    );
    expect(principalFromClaims(claims).roles).toEqual(['admin', 'leader']);
  });

  it('picks up a rotated key and refuses a token signed by a key the provider does not publish', async () => {
    const verifier = oidcVerifier(settings, { jwksCache: localJwksCache() });
    const old = await newKey('old');
    published = [old];
    await verifier.verify(await token(old));

    const rotated = await newKey('new');
    published = [rotated];
    await expect(verifier.verify(await token(rotated))).resolves.toMatchObject({ sub: 'staff-0042' });

    const stranger = await newKey('stranger');
    await expect(verifier.verify(await token(stranger))).rejects.toThrow();
  });

  it('passes on only the configured sign-in claim when roles come from user records', async () => {
    const key = await newKey('k4');
    published = [key];
    const verifier = oidcVerifier(
      { ...settings, rolesFrom: 'users', userClaim: 'employee_number' },
      { jwksCache: localJwksCache() },
    );

    const claims = await verifier.verify(await token(key, { employee_number: 31007 }));

    expect(claims).toEqual({ sub: 'staff-0042', name: '王芳', 'kaoping:signInId': '31007' });
  });

  it('refuses an expired token, another audience and another issuer', async () => {
    const key = await newKey('k3');
    published = [key];
    const verifier = oidcVerifier(settings, { jwksCache: localJwksCache() });
    await expect(verifier.verify(await token(key, {}, { expires: '-1m' }))).rejects.toThrow();
    await expect(verifier.verify(await token(key, {}, { audience: 'another-app' }))).rejects.toThrow();
    await expect(
      verifier.verify(await token(key, {}, { issuer: 'https://elsewhere.example' })),
    ).rejects.toThrow();
  });
});

describe('the OIDC settings from the environment CDK sets', () => {
  it('are absent without an issuer (Cognito is used) and default the JWKS and claims', () => {
    expect(oidcSettingsFromEnv({})).toBeUndefined();
    expect(oidcSettingsFromEnv({ OIDC_ISSUER: 'https://idp.example/', OIDC_AUDIENCE: 'web' })).toEqual({
      issuer: 'https://idp.example/',
      audience: 'web',
      jwksUri: 'https://idp.example/.well-known/jwks.json',
      rolesClaim: 'roles',
      unitClaim: 'unit_id',
      rolesFrom: 'claims',
      userClaim: 'sub',
    });
    expect(
      oidcSettingsFromEnv({
        OIDC_ISSUER: 'https://idp.example',
        OIDC_AUDIENCE: 'web',
        OIDC_ROLES_FROM: 'users',
        OIDC_USER_CLAIM: 'employee_number',
      }),
    ).toMatchObject({ rolesFrom: 'users', userClaim: 'employee_number' });
  });
});
