/** The template import job: reads the uploaded workbook from the bucket and imports it whole or not at all. */
import { importTemplateWorkbook } from '../../db/template-repo';
import { ValidationError } from '../../errors';
import { importKey, type JobHandler } from '../context';

export const runTemplateImportJob: JobHandler = async (ctx, job, report) => {
  const { sha256, byName } = job.params as { sha256: string; byName: string };
  await report(10, '读取工作簿');
  const data = await ctx.files.readObject(importKey(sha256));
  if (!data) throw new ValidationError('上传的工作簿已不在，请重新导入', []);
  await report(30, '检查并导入');
  const templates = await importTemplateWorkbook(ctx.db, {
    year: job.year as number,
    data,
    actor: { userId: job.startedBy, name: byName },
    at: ctx.now(),
  });
  return {
    summary: `已导入 ${templates.length} 个类别的指标模板：${templates.map((t) => t.categoryName).join('、')}`,
    link: `/templates?year=${job.year}`,
  };
};
