/**
 * Sign-in at the configured OpenID Connect provider (Cognito's managed login or the bureau's own
 * IdP): the authorization-code flow with PKCE (RFC 7636), through oauth4webapi so no protocol or
 * crypto step is hand-written. The browser keeps the code verifier, state and nonce in
 * sessionStorage between leaving for the provider and coming back to the redirect path; the ID
 * token it gets is the bearer token the API verifies (signature, issuer, audience, expiry).
 */
import * as oauth from 'oauth4webapi';
import { readSignInConfig, type SignInConfig } from '../../shared/auth/sign-in-config';

/** What the browser remembers while the user is at the provider (this tab only). */
const PENDING_KEY = 'kaoping.signIn.pending';

interface PendingSignIn {
  verifier: string;
  state: string;
  nonce: string;
  /** Where the user was when sent to sign in; the callback returns there. */
  returnTo: string;
}

/** The sign-in configuration the site serves at /config.json, or undefined (locally: the dev picker). */
export const loadSignInConfig = async (): Promise<SignInConfig | undefined> => {
  const response = await fetch('/config.json', { headers: { accept: 'application/json' } });
  if (!response.ok || !response.headers.get('content-type')?.includes('json')) return undefined;
  return readSignInConfig(await response.json());
};

/** Plain HTTP only for a provider on this machine (the tests' in-process provider), never deployed. */
const requestOptions = (config: SignInConfig) => {
  const { protocol, hostname } = new URL(config.issuer);
  const local = protocol === 'http:' && (hostname === 'localhost' || hostname === '127.0.0.1');
  return { [oauth.allowInsecureRequests]: local };
};

/** The provider's endpoints: given in the config (Cognito), else from its discovery document. */
const authorizationServer = async (config: SignInConfig): Promise<oauth.AuthorizationServer> => {
  if (config.authorizationEndpoint && config.tokenEndpoint) {
    return {
      issuer: config.issuer,
      authorization_endpoint: config.authorizationEndpoint,
      token_endpoint: config.tokenEndpoint,
    };
  }
  const issuer = new URL(config.issuer);
  const response = await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...requestOptions(config) });
  return oauth.processDiscoveryResponse(issuer, response);
};

const redirectUri = (config: SignInConfig) => new URL(config.redirectPath, location.origin).href;

/** Sends the browser to the provider's sign-in page with a fresh PKCE challenge, state and nonce. */
export const startSignIn = async (config: SignInConfig): Promise<void> => {
  const server = await authorizationServer(config);
  const pending: PendingSignIn = {
    verifier: oauth.generateRandomCodeVerifier(),
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    returnTo: location.pathname === config.redirectPath ? '/' : location.pathname + location.search,
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(server.authorization_endpoint ?? `${config.issuer}/authorize`);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: redirectUri(config),
    response_type: 'code',
    scope: config.scopes,
    code_challenge: await oauth.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  }).toString();
  location.assign(url.href);
};

/** A failed sign-in, in words for the user (the provider's own code kept for the support desk). */
export class SignInError extends Error {
  override name = 'SignInError';
}

const describeFailure = (error: unknown): string => {
  if (error instanceof oauth.AuthorizationResponseError) {
    return error.error === 'access_denied'
      ? '登录已取消或被拒绝，请重新登录'
      : `统一身份认证未完成登录（${error.error}），请重新登录`;
  }
  if (error instanceof oauth.ResponseBodyError) {
    return `统一身份认证拒绝了登录（${error.error}），请重新登录`;
  }
  return '登录未完成，请重新登录';
};

/** The provider sent the browser back: the redirect path with a code (or an error) in its query. */
export const isProviderCallback = (config: SignInConfig): boolean => {
  const params = new URLSearchParams(location.search);
  return location.pathname === config.redirectPath && (params.has('code') || params.has('error'));
};

/**
 * Back from the provider (`isProviderCallback`): checks the provider's answer (state), trades the code and the PKCE verifier
 * for tokens, checks the ID token's claims (issuer, audience, nonce, expiry) and returns it. Returns
 * undefined on any other page load; throws a SignInError with a Chinese message when the sign-in failed.
 */
export const completeSignIn = async (config: SignInConfig): Promise<string | undefined> => {
  if (!isProviderCallback(config)) return undefined;
  const saved = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const callback = new URL(location.href);
  let pending: PendingSignIn | undefined;
  try {
    pending = saved ? (JSON.parse(saved) as PendingSignIn) : undefined;
  } catch {
    pending = undefined;
  }
  // The callback URL carries a one-time code: never leave it in the address bar or the history.
  history.replaceState(null, '', pending?.returnTo ?? '/');
  if (!pending) throw new SignInError('登录已过期或在其他窗口中开始，请重新登录');
  try {
    const server = await authorizationServer(config);
    const client: oauth.Client = { client_id: config.clientId };
    const params = oauth.validateAuthResponse(server, client, callback, pending.state);
    const response = await oauth.authorizationCodeGrantRequest(
      server,
      client,
      oauth.None(),
      params,
      redirectUri(config),
      pending.verifier,
      requestOptions(config),
    );
    const result = await oauth.processAuthorizationCodeResponse(server, client, response, {
      expectedNonce: pending.nonce,
      requireIdToken: true,
    });
    if (!result.id_token) throw new SignInError('统一身份认证未返回身份令牌');
    return result.id_token;
  } catch (error) {
    throw error instanceof SignInError ? error : new SignInError(describeFailure(error));
  }
};
