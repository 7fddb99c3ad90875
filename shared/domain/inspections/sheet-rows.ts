/** Reads the data rows (below the header row) of an uploaded xlsx or csv file as cell values. */
import type ExcelJS from 'exceljs';
import { parseCsv } from './survey';

/** xlsx files are zip archives: they start with `PK`. */
const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;

const cellValue = (value: ExcelJS.CellValue): unknown => {
  if (value && typeof value === 'object') {
    if ('result' in value) return value.result;
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return value.text;
  }
  return value;
};

/** The first worksheet's rows after the header; undefined when the bytes are neither xlsx nor text csv. */
export const readSheetRows = async (bytes: Uint8Array): Promise<unknown[][] | undefined> => {
  if (!isZip(bytes)) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (text.includes('\u0000')) return undefined;
    return parseCsv(text).slice(1);
  }
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    return undefined;
  }
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const rows: unknown[][] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Array.from({ length: 6 }, (_, k) => cellValue(row.getCell(k + 1).value)));
  }
  return rows;
};
