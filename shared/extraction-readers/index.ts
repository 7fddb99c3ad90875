/**
 * Text of a work summary from the file a unit uploads: .docx (mammoth), .pdf with a text layer (unpdf,
 * pdf.js inside), .txt in UTF-8 or GB18030/GBK. A scanned PDF or an image has no text to read (no OCR
 * here): `NoTextError` says so plainly. The heavy readers are loaded with `import()` on first use, so
 * they stay out of the API's start-up bundle (infra/constructs/bundle.ts puts them in chunks/).
 */
import { decodeText, NoTextError } from './text';

export { decodeText, NoTextError };

/** The summary file types read, by extension. */
export type SummaryKind = 'docx' | 'pdf' | 'txt';

export const NO_TEXT_MESSAGE =
  '未找到文字：该文件没有可读取的文字层（扫描件或图片），请上传 Word、带文字的 PDF 或文本文件，或直接粘贴文字';

/** The kind of a summary file from its name, or undefined when it is not one that can be read. */
export const summaryKindOf = (fileName: string): SummaryKind | undefined => {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return extension === 'docx' || extension === 'pdf' || extension === 'txt' ? extension : undefined;
};

const readDocx = async (bytes: Uint8Array): Promise<string> => {
  const mammoth = await import('mammoth');
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  return value;
};

const readPdf = async (bytes: Uint8Array): Promise<string> => {
  const { extractText, getDocumentProxy } = await import('unpdf');
  // pdf.js takes ownership of the buffer it is given: pass a copy.
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text;
};

/** The text of a summary file; `NoTextError` when it has none (a scan, an image, an unknown type). */
export const readSummaryText = async (fileName: string, bytes: Uint8Array): Promise<string> => {
  const kind = summaryKindOf(fileName);
  if (!kind) throw new NoTextError(NO_TEXT_MESSAGE);
  let text: string;
  try {
    text =
      kind === 'docx' ? await readDocx(bytes) : kind === 'pdf' ? await readPdf(bytes) : decodeText(bytes);
  } catch (error) {
    if (error instanceof NoTextError) throw error;
    throw new NoTextError(
      `无法读取该文件（${kind === 'docx' ? 'Word 文档' : kind === 'pdf' ? 'PDF' : '文本'}已损坏或格式不符）`,
    );
  }
  // A scanned PDF has pages but no characters (pdf.js answers whitespace).
  if (!/[\p{L}\p{N}]/u.test(text)) throw new NoTextError(NO_TEXT_MESSAGE);
  return text;
};
