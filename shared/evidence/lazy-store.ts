/**
 * An evidence store made on its first use. The API's Lambda loads the S3 client (and the presigned
 * POST and file-type code behind it) only when a request touches a file, not at every cold start.
 */
import type { EvidenceStore } from './store';

export const lazyEvidenceStore = (load: () => Promise<EvidenceStore>): EvidenceStore => {
  let store: Promise<EvidenceStore> | undefined;
  const get = (): Promise<EvidenceStore> => {
    // A failed load is not remembered: the next request tries again.
    store ??= load().catch((error: unknown) => {
      store = undefined;
      throw error;
    });
    return store;
  };
  return {
    presignUpload: async (policy) => (await get()).presignUpload(policy),
    presignDownload: async (request) => (await get()).presignDownload(request),
    inspect: async (key) => (await get()).inspect(key),
    remove: async (key) => (await get()).remove(key),
    putObject: async (key, bytes, contentType) => (await get()).putObject(key, bytes, contentType),
    readObject: async (key) => (await get()).readObject(key),
  };
};
