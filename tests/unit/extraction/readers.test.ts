import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractValues } from '../../../shared/domain/extraction';
import { decodeText, NoTextError, readSummaryText } from '../../../shared/extraction-readers';

const DIR = join(import.meta.dirname, '../../fixtures/extraction');
const file = (path: string) => new Uint8Array(readFileSync(join(DIR, path)));
const INDICATORS = [
  { code: 'A1', name: '孕产妇系统管理率', measure: 'rate' as const, keywords: ['系统管理率'] },
  { code: 'A2', name: '新农合参合率', measure: 'rate' as const, keywords: ['参合率'] },
];

describe('readSummaryText', () => {
  it('reads a Word summary, and what it proposes ignores the plan under 下一步工作计划', async () => {
    const text = await readSummaryText('工作总结.docx', file('files/summary.docx'));
    expect(text).toContain('孕产妇系统管理率92.93%');
    const result = extractValues(text, INDICATORS);
    expect(result.A1?.value).toBe(92.93);
    expect(result.A1?.candidates.map((c) => c.status)).toEqual(['achieved', 'planned']);
    expect(result.A2?.value).toBe(96.5);
  });

  it('reads the text layer of a PDF', async () => {
    const text = await readSummaryText('summary.PDF', file('files/summary.pdf'));
    expect(extractValues(text, INDICATORS).A1?.value).toBe(92.93);
  });

  it('says plainly that a scanned PDF or an image has no text', async () => {
    await expect(readSummaryText('scan.pdf', file('files/scanned.pdf'))).rejects.toThrow(/^未找到文字/);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await expect(readSummaryText('photo.png', png)).rejects.toThrow(NoTextError);
  });

  it('refuses a damaged Word file with a message, not a stack', async () => {
    await expect(readSummaryText('a.docx', new Uint8Array([1, 2, 3]))).rejects.toThrow(
      '无法读取该文件（Word 文档已损坏或格式不符）',
    );
  });
});

describe('decodeText', () => {
  it('detects GB18030/GBK bytes that are not UTF-8', () => {
    const bytes = file('synthetic/gb18030.txt');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(decodeText(bytes)).toContain('孕产妇系统管理率92.93%');
  });

  it('reads UTF-8 with and without a byte-order mark, and UTF-16 with one', () => {
    const utf8 = new TextEncoder().encode('参合率92%');
    expect(decodeText(utf8)).toBe('参合率92%');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe('参合率92%');
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(new Uint16Array([...'参合率'].map((c) => c.charCodeAt(0))).buffer),
    ]);
    expect(decodeText(utf16)).toBe('参合率');
  });
});
