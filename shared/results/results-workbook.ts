/** The results as an xlsx workbook: one ranking sheet per category and one sheet of every leaf. */

import { PERIOD_NAMES } from '../domain/agreements/in-force';
import { formatPoints } from '../domain/scoring';
import type { Results } from '../schemas/results';

const points = (cents: number) => Number(formatPoints(cents));

export const resultsWorkbook = async (results: Results): Promise<Buffer> => {
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  book.creator = '考评 Kaoping';
  for (const category of results.categories) {
    const sheet = book.addWorksheet(category.name.slice(0, 31));
    const dimensions = category.units[0]?.dimensions.map((d) => d.name) ?? [];
    sheet.addRow([
      `${results.year}年度 ${category.name} 考核结果（截至${PERIOD_NAMES[results.asOfPeriod]}）`,
    ]);
    sheet.addRow(['名次', '单位', ...dimensions, '基础分', '加分', '减分', '最终得分', '等级', '一票否决']);
    sheet.getRow(2).font = { bold: true };
    for (const u of category.units) {
      sheet.addRow([
        u.rank,
        u.unitName,
        ...u.dimensions.map((d) => points(d.subtotalCents)),
        points(u.baseCents),
        points(u.bonusAppliedCents),
        points(u.penaltyAppliedCents),
        points(u.finalCents),
        u.grade,
        u.vetoed ? (u.vetoReason ?? '是') : '',
      ]);
    }
    sheet.columns.forEach((col, i) => {
      col.width = i === 1 ? 30 : 12;
    });
  }
  const leaves = book.addWorksheet('指标得分明细');
  leaves.addRow(['类别', '单位', '一级指标', '指标编码', '指标名称', '分值', '得分', '计分说明']);
  leaves.getRow(1).font = { bold: true };
  for (const category of results.categories) {
    for (const u of category.units) {
      for (const l of u.leaves) {
        leaves.addRow([
          category.name,
          u.unitName,
          l.dimension,
          l.code,
          l.name,
          points(l.wCents),
          points(l.annualCents),
          l.explanation,
        ]);
      }
    }
  }
  leaves.columns.forEach((col, i) => {
    col.width = i === 7 ? 80 : i === 1 || i === 4 ? 24 : 12;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
};
