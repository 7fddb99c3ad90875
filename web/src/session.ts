/**
 * Who is signed in. The only file that knows how sign-in works: locally the dev picker trades a
 * user id for a token; in AWS (the dev routes answer 404) the user goes to the hosted sign-in.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, type DevUser, getToken, type Me, onUnauthorized, setToken, TOKEN_KEY } from './api';

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

/** On page load: a token from earlier in this browser is still good if /api/me accepts it. */
export const restoreSession = async (): Promise<void> => {
  if (!getToken()) return setState({ status: 'signed-out' });
  try {
    setState({ status: 'signed-in', user: await api.me() });
  } catch (error) {
    // 401 already signed us out through onUnauthorized; anything else: start over cleanly.
    if (state.status === 'restoring') signOut(error instanceof ApiError ? error.message : undefined);
  }
};

/** Where the deployed app sends users to sign in (Cognito hosted UI, behind the API). */
export const HOSTED_SIGN_IN_URL = '/auth/login';

export type SignInOptions = { kind: 'dev'; users: DevUser[] } | { kind: 'hosted'; url: string };

/** The dev picker when the local sign-in exists, the hosted sign-in otherwise. */
export const loadSignInOptions = async (): Promise<SignInOptions> => {
  try {
    const users = await api.dev.users();
    return Array.isArray(users) ? { kind: 'dev', users } : { kind: 'hosted', url: HOSTED_SIGN_IN_URL };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.code === 'NOT_JSON')) {
      return { kind: 'hosted', url: HOSTED_SIGN_IN_URL };
    }
    throw error;
  }
};

export const signInAsDevUser = async (userId: string): Promise<void> => {
  const { idToken } = await api.dev.signIn(userId);
  setToken(idToken);
  setState({ status: 'signed-in', user: await api.me() });
};
