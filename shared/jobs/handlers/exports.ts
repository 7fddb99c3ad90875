/** The export jobs: the results workbook and the reporting-progress workbook, written to the bucket. */
import { loadScenario } from '../../db/results-repo';
import { progressIn } from '../../domain/jobs/job';
import { computeResults, parseScenario } from '../../domain/scoring';
import { progressWorkbook } from '../../domain/submissions/progress-workbook';
import { PERIOD_LABELS } from '../../http/guards';
import { loadProgress } from '../../http/routes/submissions';
import { resultsWorkbook } from '../../results/results-workbook';
import type { Period } from '../../schemas/year';
import { type JobHandler, saveExport } from '../context';

export const runResultsExportJob: JobHandler = async (ctx, job, report) => {
  const year = job.year as number;
  const { asOf } = job.params as { asOf?: Period };
  await report(5, '读取各单位数据');
  let pending = Promise.resolve();
  const scenario = await loadScenario(ctx.db, year, (done, total) => {
    pending = pending.then(() => report(progressIn(5, 70, done, total), `已读取 ${done}/${total} 个单位`));
  });
  await pending;
  await report(75, '计算结果');
  const results = computeResults(parseScenario(scenario), asOf ? { asOfPeriod: asOf } : {});
  await report(85, '生成工作簿');
  const bytes = new Uint8Array(await resultsWorkbook(results));
  const units = results.categories.reduce((n, c) => n + c.units.length, 0);
  return saveExport(ctx, job, {
    bytes,
    fileName: `${year}年度考核结果-${results.asOfPeriod}.xlsx`,
    summary: `已导出 ${units} 个单位的考核结果`,
  });
};

export const runProgressExportJob: JobHandler = async (ctx, job, report) => {
  const year = job.year as number;
  const { period, ...query } = job.params as { period: Period; categoryId?: string; unitId?: string };
  await report(10, '读取上报进度');
  const progress = await loadProgress(ctx.db, year, period, query);
  await report(60, '生成工作簿');
  const title = `${year}年度${PERIOD_LABELS[period]}材料上报进度`;
  const bytes = new Uint8Array(await progressWorkbook(progress, title));
  return saveExport(ctx, job, { bytes, fileName: `${title}.xlsx`, summary: `已导出${title}` });
};
