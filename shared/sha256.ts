/** SHA-256 for hashes that identify content (published snapshots, signed agreements). Node only. */
import { createHash } from 'node:crypto';

/**
 * Lower-case hex SHA-256 of a text's UTF-8 bytes, e.g. of `canonicalJson(results)`.
 * @example sha256Hex('') // 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 */
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
