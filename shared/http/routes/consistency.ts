/**
 * The rater consistency report (issue 21, docs/rater-consistency.md): computed from the same scenario the
 * results route scores, by key and index reads only. The admin and leaders see every rater; a rater
 * sees their own line.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { raterLinesVisibleTo } from '../../auth/visibility';
import { listUsers } from '../../db/org-repo';
import { loadScenario } from '../../db/results-repo';
import { getYear } from '../../db/year-repo';
import { buildConsistencyReport, thresholdsOf } from '../../domain/consistency';
import { parseScenario } from '../../domain/scoring';
import { ConsistencyReportSchema } from '../../schemas/consistency';
import { PeriodSchema } from '../../schemas/year';
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

export const consistencyRoutes = new OpenAPIHono<AppEnv>().openapi(consistencyRoute, async (c) => {
  const { year } = c.req.valid('param');
  const { period } = c.req.valid('query');
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
  return c.json({ ...report, raters }, 200);
});
