/**
 * A tiny history-based router: the current path as state, `navigate` to move, and a pattern
 * matcher for paths with parameters (`/units/:unitId/edit`). Enough for a dozen pages.
 */
import { useEffect, useState } from 'preact/hooks';
import { confirmLeave } from './leave-guard';

type Listener = () => void;
const listeners = new Set<Listener>();
const notify = () => {
  for (const listener of listeners) listener();
};
window.addEventListener('popstate', notify);

/** Moves to a path inside the app without reloading the page (asking first if a save failed). */
export const navigate = (to: string, options: { replace?: boolean } = {}): void => {
  if (!options.replace && !confirmLeave()) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.scrollTo(0, 0);
  notify();
};

/** The current path; re-renders the caller when it changes. */
export const usePath = (): string => {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const listener = () => setPath(location.pathname);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return path;
};

/** Matches `/units/:unitId/edit` against a path; returns the decoded parameters or null. */
export const matchPath = (pattern: string, path: string): Record<string, string> | null => {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const actual = have[i] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return null;
  }
  return params;
};
