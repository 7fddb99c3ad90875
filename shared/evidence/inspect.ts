/**
 * Reads an uploaded object's bytes once: the SHA-256 of all of them and the file type detected from
 * the first few megabytes (file-type reads magic numbers, and the entry names of a zip container to
 * tell DOCX from XLSX).
 */
import { createHash } from 'node:crypto';
import type { StoredObjectFacts } from './store';

/** Bytes kept for type detection: a DOCX/XLSX names its parts in the first entries of the zip. */
const SAMPLE_BYTES = 4 * 1024 * 1024;

export const inspectBytes = async (chunks: AsyncIterable<Uint8Array>): Promise<StoredObjectFacts> => {
  const hash = createHash('sha256');
  const sample: Uint8Array[] = [];
  let sampled = 0;
  let size = 0;
  for await (const chunk of chunks) {
    hash.update(chunk);
    size += chunk.byteLength;
    if (sampled < SAMPLE_BYTES) {
      const part = chunk.subarray(0, SAMPLE_BYTES - sampled);
      sample.push(part);
      sampled += part.byteLength;
    }
  }
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(Buffer.concat(sample));
  return { size, sha256: hash.digest('hex'), detectedMime: detected?.mime ?? null };
};
