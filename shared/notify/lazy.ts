/**
 * Outside delivery's dependencies loaded by the first request that uses them, so the SSM, SES and
 * SMTP clients stay out of the API's cold start (as the evidence store does, shared/evidence/lazy-store.ts).
 */
import type { NotifyDeps } from './deps';

export const lazyNotifyDeps = (load: () => Promise<NotifyDeps>): NotifyDeps => {
  let loaded: Promise<NotifyDeps> | undefined;
  const deps = () => {
    loaded ??= load();
    return loaded;
  };
  return {
    secrets: {
      get: async (name) => (await deps()).secrets.get(name),
      put: async (name, value) => (await deps()).secrets.put(name, value),
      remove: async (name) => (await deps()).secrets.remove(name),
    },
    transport: {
      post: async (url, body) => (await deps()).transport.post(url, body),
      email: async (message) => (await deps()).transport.email(message),
    },
  };
};
