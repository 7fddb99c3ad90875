/**
 * Plain text files as offices write them: UTF-8 (with or without a byte-order mark), UTF-16 with a
 * mark, or GB18030/GBK (Windows Notepad's "ANSI" on a Chinese system). Detected, not assumed: bytes
 * that are valid UTF-8 are read as UTF-8, anything else as GB18030, and GB18030 text with
 * undecodable bytes (U+FFFD) is refused rather than shown as mojibake.
 */

/** Why a file gave no text: the reporter reads this message as it is. */
export class NoTextError extends Error {
  override name = 'NoTextError';
}

export const decodeText = (bytes: Uint8Array): string => {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const text = new TextDecoder('gb18030').decode(bytes);
    if (text.includes('\uFFFD')) throw new NoTextError('文件编码无法识别（不是 UTF-8 或 GB18030/GBK 文本）');
    return text;
  }
};
