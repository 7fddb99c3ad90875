/**
 * The rater consistency report (issue 21, docs/rater-consistency.md): within the live limit of the
 * results page computed in the request from the scenario the engine scores; above it the latest
 * `consistency` job's stored report. The admin and leaders see every rater; a rater sees their own
 * line. Its workbook is an export job (`POST …/jobs/consistency-export`).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { raterLinesVisibleTo } from '../../auth/visibility';
import { readConsistencyReport } from '../../results/consistency-report';
import { ConsistencyReportSchema } from '../../schemas/consistency';
import { PeriodSchema } from '../../schemas/year';
import type { AppEnv } from '../env';
import { json, YearParams } from '../openapi';
import { protectedRoute } from '../route';

const consistencyRoute = protectedRoute('consistency.read', {
  method: 'get',
  path: '/years/{year}/consistency',
  summary:
    '评分一致性：评分人宽严、指标评分一致程度、去掉某评分人后结果的变化（市级规模的年度为最近一次后台计算的结果）',
  request: { params: YearParams, query: z.strictObject({ period: PeriodSchema.optional() }) },
  responses: { 200: json(ConsistencyReportSchema, '评分一致性报告') },
});

export const consistencyRoutes = new OpenAPIHono<AppEnv>().openapi(consistencyRoute, async (c) => {
  const { year } = c.req.valid('param');
  const { db, liveResultsMaxUnits } = c.get('deps');
  const report = await readConsistencyReport(
    db,
    year,
    c.req.valid('query').period ?? null,
    raterLinesVisibleTo(c.get('principal')),
    liveResultsMaxUnits,
  );
  return c.json(report, 200);
});
