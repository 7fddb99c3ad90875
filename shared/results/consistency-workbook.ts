/**
 * The rater consistency report as an xlsx workbook (docs/rater-consistency.md): one sheet of raters,
 * one of indicators, one of the units whose grade or rank changes without a rater. ExcelJS is imported
 * on call, so it stays out of the API's start-up bundle.
 */
import type { ConsistencyReportView } from '../schemas/consistency';

/** Hundredths of a percent as a number of percent (1234 → 12.34). */
const percent = (bp: number) => bp / 100;
/** Integer cents as points (exact to two decimals). */
const points = (cents: number) => cents / 100;
const FLAGS = { lenient: '偏宽', harsh: '偏严' } as const;

export const consistencyWorkbook = async (report: ConsistencyReportView): Promise<Buffer> => {
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  book.creator = '考评 Kaoping';
  const scope = `${report.year}年度${report.period ? ` ${report.period}` : '全年'}`;
  const names = new Map(report.raters.map((r) => [r.raterId, r.raterName]));

  const raters = book.addWorksheet('评分人');
  raters.addRow([
    `${scope} 评分一致性：宽严偏差阈值 ±${percent(report.thresholds.leniencyBp)}%，最少共同评分 ${report.thresholds.minCoRatedItems} 项`,
  ]);
  raters.addRow([
    '评分人',
    '评分项数',
    '共同评分项数',
    '平均分（占分值 %）',
    '宽严偏差（%）',
    '偏差离散度（%）',
    '满分占比（%）',
    '极端分占比（%）',
    '提示',
  ]);
  raters.getRow(2).font = { bold: true };
  for (const r of report.raters) {
    raters.addRow([
      r.raterName,
      r.itemsRated,
      r.coRatedItems,
      percent(r.meanMarkBp),
      percent(r.leniencyBp),
      percent(r.leniencySpreadBp),
      percent(r.fullMarksShareBp),
      percent(r.extremesShareBp),
      r.flag ? `评分尺度偏差（${FLAGS[r.flag]}）` : '',
    ]);
  }

  const indicators = book.addWorksheet('指标评分一致程度');
  indicators.addRow([
    '指标编码',
    '指标名称',
    '评分项数',
    '单位数',
    '评分人数',
    '平均极差（%）',
    '一致项占比（%）',
    '分歧最大的单位',
  ]);
  indicators.getRow(1).font = { bold: true };
  for (const i of report.indicators) {
    indicators.addRow([
      i.code,
      i.name,
      i.items,
      i.units,
      i.raters,
      percent(i.meanRangeBp),
      percent(i.agreementShareBp),
      i.widest.map((w) => `${w.unitName}（${w.period}，${percent(w.rangeBp)}%）`).join('；'),
    ]);
  }

  const changes = book.addWorksheet('去掉评分人后的变化');
  changes.addRow(['去掉评分人', '单位', '得分', '去掉后得分', '名次', '去掉后名次', '等级', '去掉后等级']);
  changes.getRow(1).font = { bold: true };
  for (const s of report.sensitivity) {
    for (const c of s.changes) {
      changes.addRow([
        names.get(s.raterId) ?? s.raterId,
        c.unitName,
        points(c.finalCents),
        points(c.finalCentsWithout),
        c.rank,
        c.rankWithout,
        c.grade,
        c.gradeWithout,
      ]);
    }
  }
  for (const sheet of [raters, indicators, changes]) {
    sheet.columns.forEach((col, i) => {
      col.width = i === 0 || i === 1 ? 20 : 14;
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
};
