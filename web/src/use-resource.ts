/** Loads data for a page: loading, error or ready, and a `reload` for retry buttons. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; data: T };

export const toApiError = (error: unknown): ApiError =>
  error instanceof ApiError ? error : new ApiError(0, 'CLIENT', '页面出现错误，请刷新后重试');

/** Runs `load` when `deps` change; a late answer for old deps is dropped. */
export const useResource = <T>(load: () => Promise<T>, deps: readonly unknown[]) => {
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setResource({ status: 'loading' });
    load().then(
      (data) => current && setResource({ status: 'ready', data }),
      (error: unknown) => current && setResource({ status: 'error', error: toApiError(error) }),
    );
    return () => {
      current = false;
    };
  }, [...deps, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return [resource, reload, setResource] as const;
};
