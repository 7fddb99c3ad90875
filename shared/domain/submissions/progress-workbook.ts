/**
 * The progress matrix as an Excel workbook (ExcelJS): one sheet of units × indicators with the status
 * colours of the web page, one section per category headed by that category's own indicator codes
 * and names (a code means different indicators in different categories), times in Beijing time; and
 * one sheet of counts per category. No I/O: data in, bytes out.
 */
import type { Progress } from '../../schemas/submission';
import type { CellStatus } from './progress';
import { ITEM_STATUS_LABELS } from './status';
import { formatBeijing } from './window';

export const CELL_LABELS: Readonly<Record<CellStatus, string>> = { ...ITEM_STATUS_LABELS, missing: '未填报' };

/** Fill colours (ARGB) per status: the same meaning as the web matrix's colours. */
const FILLS: Readonly<Record<CellStatus, string>> = {
  missing: 'FFF3F4F6',
  draft: 'FFFFF4CE',
  submitted: 'FFDBEAFE',
  returned: 'FFFDE2E1',
  resubmitted: 'FFE0E7FF',
  accepted: 'FFDCFCE7',
};

const COUNT_ORDER: readonly CellStatus[] = [
  'missing',
  'draft',
  'submitted',
  'returned',
  'resubmitted',
  'accepted',
];

export const progressWorkbook = async (progress: Progress, title: string): Promise<Buffer> => {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = '考评 Kaoping';
  const sheet = workbook.addWorksheet('上报进度', { views: [{ state: 'frozen', xSplit: 1 }] });
  sheet.addRow([title]);
  sheet.getRow(1).font = { bold: true, size: 13 };
  let widest = 0;
  for (const category of progress.categories) {
    const indicators = category.indicators;
    widest = Math.max(widest, indicators.length);
    sheet.addRow([]);
    sheet.addRow([`${category.categoryName}（${category.units} 个单位）`]).font = { bold: true, size: 12 };
    const header = sheet.addRow([
      '单位',
      '类别',
      ...indicators.map((i) => `${i.code} ${i.name}`),
      ...COUNT_ORDER.map((s) => CELL_LABELS[s]),
      '提交时间（北京时间）',
      '延期至',
    ]);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle' };
    for (const unit of progress.units.filter((u) => u.categoryId === category.categoryId)) {
      const row = sheet.addRow([
        unit.unitName,
        unit.categoryName,
        ...indicators.map((i) => {
          const status = unit.cells[i.code];
          return status ? CELL_LABELS[status] : '—';
        }),
        ...COUNT_ORDER.map((s) => unit.counts[s]),
        unit.submittedAt ? formatBeijing(unit.submittedAt) : '',
        unit.extension?.until ?? '',
      ]);
      indicators.forEach((indicator, index) => {
        const status = unit.cells[indicator.code];
        if (!status) return;
        row.getCell(3 + index).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[status] } };
      });
    }
  }
  sheet.getColumn(1).width = 30;
  sheet.getColumn(2).width = 16;
  for (let i = 0; i < widest + COUNT_ORDER.length + 2; i++) sheet.getColumn(3 + i).width = 14;

  const summary = workbook.addWorksheet('分类汇总');
  summary.addRow(['类别', '单位数', ...COUNT_ORDER.map((s) => CELL_LABELS[s])]).font = { bold: true };
  for (const category of progress.categories) {
    summary.addRow([category.categoryName, category.units, ...COUNT_ORDER.map((s) => category.counts[s])]);
  }
  summary.getColumn(1).width = 24;
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
