import { describe, expect, it, vi } from 'vitest';
import { lazyEvidenceStore } from '../../../shared/evidence/lazy-store';
import type { EvidenceStore } from '../../../shared/evidence/store';

const fakeStore = (): EvidenceStore => ({
  presignUpload: async ({ key }) => ({ url: `https://up/${key}`, fields: {}, expiresAt: 'later' }),
  presignDownload: async ({ key }) => ({ url: `https://down/${key}`, expiresAt: 'later' }),
  inspect: async () => ({ size: 1, sha256: 'ab', detectedMime: null }),
  remove: async () => {},
  putObject: async () => {},
  readObject: async () => undefined,
});

describe('an evidence store made on first use', () => {
  it('is not made until a request needs it, then made once for every later request', async () => {
    const load = vi.fn(async () => fakeStore());
    const store = lazyEvidenceStore(load);
    expect(load).not.toHaveBeenCalled();
    const [download] = await Promise.all([
      store.presignDownload({
        key: 'k',
        fileName: 'f',
        contentType: 'text/plain',
        inline: true,
        expiresInSeconds: 60,
      }),
      store.inspect('k'),
    ]);
    await store.remove('k');
    expect(download.url).toBe('https://down/k');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries again on the next request when making it failed', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('no network')).mockResolvedValue(fakeStore());
    const store = lazyEvidenceStore(load);
    await expect(store.inspect('k')).rejects.toThrow('no network');
    await expect(store.inspect('k')).resolves.toEqual({ size: 1, sha256: 'ab', detectedMime: null });
    expect(load).toHaveBeenCalledTimes(2);
  });
});
