/**
 * A real OpenID Connect provider (the `oidc-provider` package) run in the test process, standing in
 * for a bureau's IdP: its own login and consent pages, discovery, JWKS, the authorization-code flow
 * with PKCE required for the public web client, and ID tokens carrying the roles and unit claims.
 * Keys rotate by replacing the provider behind the same issuer (a new instance with the new key).
 */
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import { freePort } from '../../scripts/lib/dynamodb-local';
import type { SignInConfig } from '../../shared/auth/sign-in-config';
import type { OidcSettings } from '../../shared/auth/verifier';

export const CLIENT_ID = 'kaoping-web';
export const ROLES_CLAIM = 'kaoping_roles';
export const UNIT_CLAIM = 'kaoping_unit';
export const STAFF_NUMBER_CLAIM = 'staff_no';

/** What the provider says about an account: its login name is the subject. */
export type AccountClaims = Record<string, unknown> & { name: string };

export interface TestIdp {
  issuer: string;
  /** The web front's config.json part for this provider. */
  signIn: SignInConfig;
  /** The API's settings for this provider (claims mode; spread to change). */
  settings: OidcSettings;
  /** Starts serving once the web front's origin (the redirect URI) is known. */
  listen: (webOrigin: string) => Promise<void>;
  /** How long the next ID tokens live (seconds). */
  setIdTokenSeconds: (seconds: number) => void;
  /** Publishes a new signing key, retiring the current one (a fresh provider behind the same issuer). */
  rotateKey: () => Promise<void>;
  /** A token of the right issuer, audience and claims, signed by a key the provider never published. */
  forgeToken: (subject: string) => Promise<string>;
  stop: () => Promise<void>;
}

const newSigningKey = async (kid: string): Promise<JWK> => {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
};

/** Starts the provider's configuration; `listen` serves it (the redirect URI must be known first). */
export const createTestIdp = async (accounts: Record<string, AccountClaims>): Promise<TestIdp> => {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  let idTokenSeconds = 3600;
  let keyNumber = 1;
  let key = await newSigningKey(`key-${keyNumber}`);
  let provider: Provider | undefined;
  let redirectUri = '';

  const configure = (): Configuration => ({
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: 'none',
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [key] },
    // The claims of the asked scopes go into the ID token, as the API reads it.
    conformIdTokenClaims: false,
    claims: { openid: ['sub'], profile: ['name', ROLES_CLAIM, UNIT_CLAIM, STAFF_NUMBER_CLAIM] },
    scopes: ['openid', 'profile'],
    pkce: { required: () => true },
    ttl: { IdToken: () => idTokenSeconds, AccessToken: 3600, Session: 3600, Grant: 3600, Interaction: 600 },
    findAccount: async (_ctx, sub) => {
      const claims = accounts[sub];
      return claims ? { accountId: sub, claims: async () => ({ sub, ...claims }) } : undefined;
    },
    clientBasedCORS: (_ctx, origin) => new URL(redirectUri).origin === origin,
    features: { devInteractions: { enabled: true } },
    renderError: async (ctx, out) => {
      ctx.type = 'text/plain';
      ctx.body = `oidc error: ${JSON.stringify(out)}`;
    },
  });

  const server: Server = createServer((req, res) => {
    if (!provider) return res.writeHead(503).end();
    provider.callback()(req, res);
  });
  const start = () => {
    provider = new Provider(issuer, configure());
  };

  return {
    issuer,
    signIn: { issuer, clientId: CLIENT_ID, scopes: 'openid profile', redirectPath: '/auth/callback' },
    settings: {
      issuer,
      audience: CLIENT_ID,
      jwksUri: `${issuer}/jwks`,
      rolesClaim: ROLES_CLAIM,
      unitClaim: UNIT_CLAIM,
      rolesFrom: 'claims',
      userClaim: 'sub',
    },
    listen: async (webOrigin) => {
      redirectUri = `${webOrigin}/auth/callback`;
      start();
      await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
    },
    setIdTokenSeconds: (seconds) => {
      idTokenSeconds = seconds;
    },
    rotateKey: async () => {
      keyNumber += 1;
      key = await newSigningKey(`key-${keyNumber}`);
      start();
    },
    forgeToken: async (subject) => {
      const { privateKey } = await generateKeyPair('RS256');
      return new SignJWT({ ...accounts[subject] })
        .setProtectedHeader({ alg: 'RS256', kid: 'not-published' })
        .setSubject(subject)
        .setIssuer(issuer)
        .setAudience(CLIENT_ID)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey);
    },
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
};
