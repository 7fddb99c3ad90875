/** The Map-based LRU cache the function bundles use in place of mnemonist's behaves as mnemonist's does. */
import LRUCache from 'mnemonist/lru-cache.js';
import { describe, expect, it } from 'vitest';
import { LRU_CACHE_STUB } from '../../../infra/constructs/bundle';

type Cache = {
  has(k: string): boolean;
  peek(k: string): unknown;
  get(k: string): unknown;
  set(k: string, v: unknown): unknown;
  clear(): void;
};

describe('the LRU cache stub of the function bundles', () => {
  it('answers has, peek, get, set and clear as mnemonist’s LRUCache, evicting the least recently used', async () => {
    // Prepare
    const { default: Stub } = (await import(
      `data:text/javascript,${encodeURIComponent(LRU_CACHE_STUB)}`
    )) as { default: new (capacity: number) => Cache };
    const caches: Cache[] = [new Stub(3), new (LRUCache as unknown as new (c: number) => Cache)(3)];
    const ops: Array<[keyof Cache, string?, number?]> = [
      ['set', 'a', 1],
      ['set', 'b', 2],
      ['set', 'c', 3],
      ['get', 'a'],
      ['set', 'd', 4],
      ['has', 'b'],
      ['peek', 'c'],
      ['set', 'e', 5],
      ['has', 'c'],
      ['get', 'a'],
      ['set', 'a', 6],
      ['set', 'f', 7],
      ['get', 'd'],
      ['get', 'e'],
      ['clear'],
      ['has', 'a'],
    ];
    // Act
    const answers = caches.map((cache) =>
      ops.map(([op, key, value]) => {
        const out = (cache[op] as (k?: string, v?: number) => unknown).call(cache, key, value);
        return op === 'set' ? undefined : out;
      }),
    );
    // Assess
    expect(answers[0]).toEqual(answers[1]);
  });
});
