/** The distance 自评 − 审定 as an xlsx workbook: one sheet by indicator row, one by unit, one by indicator. */
import { PERIOD_NAMES } from '../domain/agreements/in-force';
import { formatPoints } from '../domain/scoring';
import type { DistanceReport } from '../schemas/review-stages';

const points = (cents: number) => Number(formatPoints(cents));

export const distanceWorkbook = async (report: DistanceReport): Promise<Buffer> => {
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  book.creator = '考评 Kaoping';
  const sheet = (name: string, header: string[], rows: (string | number)[][]) => {
    const s = book.addWorksheet(name);
    s.addRow([`${report.year}年度 自评与审定差距（自评 − 审定）`]);
    s.addRow(header);
    s.getRow(2).font = { bold: true };
    for (const row of rows) s.addRow(row);
    s.columns.forEach((col, i) => {
      col.width = i < 2 ? 28 : 12;
    });
  };
  sheet(
    '明细',
    ['单位', '指标', '考核期', '自评', '审定', '差距'],
    report.rows.map((r) => [
      r.unitName,
      `${r.code} ${r.name}`,
      PERIOD_NAMES[r.period],
      points(r.selfCents),
      points(r.finalCents),
      points(r.distanceCents),
    ]),
  );
  sheet(
    '按单位',
    ['单位', '审定项数', '自评偏高项数', '合计差距'],
    report.byUnit.map((u) => [u.unitName, u.items, u.overclaimed, points(u.distanceCents)]),
  );
  sheet(
    '按指标',
    ['指标', '审定项数', '自评偏高项数', '合计差距'],
    report.byIndicator.map((i) => [`${i.code} ${i.name}`, i.items, i.overclaimed, points(i.distanceCents)]),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
};
