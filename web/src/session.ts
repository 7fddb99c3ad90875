/**
 * Who is signed in. The only file that knows how sign-in works: where the site's /config.json names
 * a provider (AWS: Cognito or the bureau's OpenID Connect IdP), the authorization-code flow with
 * PKCE (oidc.ts); locally, the dev picker trades a user id for a token.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SignInConfig } from '../../shared/auth/sign-in-config';
import { ApiError, api, type DevUser, getToken, type Me, onUnauthorized, setToken, TOKEN_KEY } from './api';
import { completeSignIn, isProviderCallback, loadSignInConfig, SignInError } from './oidc';
import { navigate } from './router';

export type SessionState =
  | { status: 'restoring' }
  | { status: 'signed-out'; notice?: string }
  | { status: 'signed-in'; user: Me };

let state: SessionState = { status: 'restoring' };
const listeners = new Set<(s: SessionState) => void>();
const setState = (next: SessionState) => {
  state = next;
  for (const listener of listeners) listener(next);
};

export const useSession = (): SessionState => {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    listeners.add(setCurrent);
    setCurrent(state);
    return () => {
      listeners.delete(setCurrent);
    };
  }, []);
  return current;
};

export const signOut = (notice?: string): void => {
  setToken(null);
  setState(notice ? { status: 'signed-out', notice } : { status: 'signed-out' });
};

onUnauthorized((error) => signOut(error.message || '登录已失效，请重新登录'));

/**
 * Another tab of this browser signed in or out: follow it (the `storage` event fires only in the
 * other tabs). A sign-out there signs this tab out; a sign-in there is checked with /api/me here.
 */
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== TOKEN_KEY && event.key !== null) return;
    if (!getToken()) {
      if (state.status !== 'signed-out') setState({ status: 'signed-out' });
      return;
    }
    void restoreSession();
  });
}

/** The site's sign-in configuration, fetched once per page load. */
let signInConfig: Promise<SignInConfig | undefined> | undefined;
const siteSignIn = (): Promise<SignInConfig | undefined> => {
  signInConfig ??= loadSignInConfig().catch((error: unknown) => {
    signInConfig = undefined; // a network failure is retried by the next caller
    throw error;
  });
  return signInConfig;
};

/** Back from the provider (its redirect path): the code becomes this browser's token. */
const finishProviderSignIn = async (): Promise<string | undefined> => {
  const config = await siteSignIn().catch(() => undefined);
  if (!config || !isProviderCallback(config)) return undefined;
  try {
    const token = await completeSignIn(config);
    if (token) setToken(token);
    return undefined;
  } catch (error) {
    setToken(null);
    return error instanceof SignInError ? error.message : '登录未完成，请重新登录';
  } finally {
    // completeSignIn moved the address off the callback; the router follows.
    navigate(location.pathname + location.search, { replace: true });
  }
};

/**
 * On page load: back from the provider, the code is traded for a token first; a token from earlier
 * in this browser is still good if /api/me accepts it.
 */
export const restoreSession = async (): Promise<void> => {
  const failure = await finishProviderSignIn();
  if (failure) return signOut(failure);
  if (!getToken()) return setState({ status: 'signed-out' });
  try {
    setState({ status: 'signed-in', user: await api.me() });
  } catch (error) {
    // 401 already signed us out through onUnauthorized; anything else: start over cleanly.
    if (state.status === 'restoring') signOut(error instanceof ApiError ? error.message : undefined);
  }
};

export type SignInOptions = { kind: 'dev'; users: DevUser[] } | { kind: 'provider'; config: SignInConfig };

/** The configured provider when the site names one, else the local dev picker. */
export const loadSignInOptions = async (): Promise<SignInOptions> => {
  const config = await siteSignIn();
  if (config) return { kind: 'provider', config };
  try {
    const users = await api.dev.users();
    if (Array.isArray(users)) return { kind: 'dev', users };
  } catch (error) {
    if (!(error instanceof ApiError && (error.status === 404 || error.code === 'NOT_JSON'))) throw error;
  }
  throw new ApiError(0, 'CLIENT', '本站未配置统一身份认证（config.json 中没有 signIn），请联系系统管理员');
};

export const signInAsDevUser = async (userId: string): Promise<void> => {
  const { idToken } = await api.dev.signIn(userId);
  setToken(idToken);
  setState({ status: 'signed-in', user: await api.me() });
};
