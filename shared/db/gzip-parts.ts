/**
 * Computed records too large for one item (400 KB): the value's JSON gzip-compressed and cut in
 * parts of at most `PART_BYTES`, each part an item of its own, read back in key order.
 */
import { gunzipSync, gzipSync } from 'node:zlib';

export const PART_BYTES = 300_000;

/** The value's gzip-compressed JSON in parts of at most PART_BYTES. */
export const gzipParts = (value: unknown): Buffer[] => {
  const packed = gzipSync(Buffer.from(JSON.stringify(value)));
  const parts: Buffer[] = [];
  for (let at = 0; at < packed.length; at += PART_BYTES) parts.push(packed.subarray(at, at + PART_BYTES));
  return parts;
};

/** The value back from its parts' data, in order. */
export const fromGzipParts = <T>(parts: readonly { data: Uint8Array }[]): T =>
  JSON.parse(gunzipSync(Buffer.concat(parts.map((p) => Buffer.from(p.data)))).toString('utf8')) as T;
