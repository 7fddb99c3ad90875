/**
 * The rater consistency report (issue 21, docs/rater-consistency.md): computed from the same scenario the
 * results route scores, by key and index reads only. The admin and leaders see every rater; a rater
 * sees their own line.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { raterLinesVisibleTo } from '../../auth/visibility';
import { listUsers } from '../../db/org-repo';
import { loadScenario } from '../../db/results-repo';
import { getYear } from '../../db/year-repo';
import { buildConsistencyReport, thresholdsOf } from '../../domain/consistency';
import { parseScenario } from '../../domain/scoring';
import { ConsistencyReportSchema } from '../../schemas/consistency';
import { type Period, PeriodSchema } from '../../schemas/year';
import type { AppEnv } from '../env';
import { json, YearParams } from '../openapi';
import { protectedRoute } from '../route';

const consistencyRoute = protectedRoute('consistency.read', {
  method: 'get',
  path: '/years/{year}/consistency',
  summary: '评分一致性：评分人宽严、指标评分一致程度、去掉某评分人后结果的变化',
  request: { params: YearParams, query: z.strictObject({ period: PeriodSchema.optional() }) },
  responses: { 200: json(ConsistencyReportSchema, '评分一致性报告') },
});

const exportRoute = protectedRoute('consistency.read', {
  method: 'get',
  path: '/years/{year}/consistency/export',
  summary: '导出评分一致性报告（xlsx）',
  request: { params: YearParams, query: z.strictObject({ period: PeriodSchema.optional() }) },
  responses: { 200: { description: 'xlsx 工作簿' } },
});

/** The report as the principal may read it, with the raters' names and the year's thresholds. */
const reportFor = async (c: Context<AppEnv>, year: number, period: Period | undefined) => {
  const principal = c.get('principal');
  const db = c.get('deps').db;
  const lines = raterLinesVisibleTo(principal);
  const onlyRater = lines === 'all' ? undefined : lines;
  const [stored, users, settings] = await Promise.all([
    loadScenario(db, year),
    listUsers(db),
    getYear(db, year),
  ]);
  const report = buildConsistencyReport(parseScenario(stored), {
    thresholds: thresholdsOf(settings.consistency),
    ...(period ? { period } : {}),
    ...(onlyRater ? { onlyRater } : {}),
  });
  const names = new Map(users.map((u) => [u.id, u.name]));
  const raters = report.raters.map((r) => ({ ...r, raterName: names.get(r.raterId) ?? r.raterId }));
  return { ...report, raters };
};

export const consistencyRoutes = new OpenAPIHono<AppEnv>()
  .openapi(consistencyRoute, async (c) => {
    const { year } = c.req.valid('param');
    return c.json(await reportFor(c, year, c.req.valid('query').period), 200);
  })
  .openapi(exportRoute, async (c) => {
    const { year } = c.req.valid('param');
    const { period } = c.req.valid('query');
    // Imported on call: the workbook code and ExcelJS stay out of the API's start-up bundle.
    const { consistencyWorkbook } = await import('../../results/consistency-workbook');
    const buffer = await consistencyWorkbook(await reportFor(c, year, period));
    return c.body(new Uint8Array(buffer), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="consistency-${year}-${period ?? 'year'}.xlsx"`,
    });
  });
