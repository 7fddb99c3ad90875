/**
 * Satisfaction surveys (满意度测评): per-unit results imported from xlsx/csv or entered one by one.
 * The rate becomes the verified value of the unit's satisfaction indicator for the period.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { listAgreements } from '../../db/agreement-repo';
import { listPeriodSurveys, saveSurveyResults } from '../../db/survey-repo';
import { PERIOD_NAMES } from '../../domain/agreements/in-force';
import { satisfactionRate, validateSurveyRows } from '../../domain/inspections/survey';
import { NotFoundError, ValidationError } from '../../errors';
import {
  SurveyEntrySchema,
  SurveyImportSchema,
  type SurveyResult,
  SurveyResultSchema,
} from '../../schemas/inspection';
import { type Period, PeriodSchema } from '../../schemas/year';
import { MAX_IMPORT_BODY_BYTES } from '../body-limit';
import type { AppEnv } from '../env';
import { readUploadRows } from '../guards';
import { json, YearParams } from '../openapi';
import { protectedRoute } from '../route';

const listRoute = protectedRoute('surveys.read', {
  method: 'get',
  path: '/years/{year}/surveys',
  summary: '满意度测评结果（某季度各单位；可只看一个指标）',
  request: {
    params: YearParams,
    query: z.strictObject({
      period: PeriodSchema.default('Q4'),
      code: z.string().trim().min(1).max(16).optional(),
    }),
  },
  responses: { 200: json(z.array(SurveyResultSchema), '测评结果') },
});
const importRoute = protectedRoute('surveys.write', {
  method: 'post',
  path: '/years/{year}/surveys/import',
  'x-body-limit': MAX_IMPORT_BODY_BYTES,
  summary: '导入满意度测评（xlsx 或 csv：单位编号、调查人数、满意人数）；全部无误才导入',
  request: {
    params: YearParams,
    body: { content: { 'application/json': { schema: SurveyImportSchema } }, required: true },
  },
  responses: { 200: json(z.array(SurveyResultSchema), '已导入') },
});
const enterRoute = protectedRoute('surveys.write', {
  method: 'put',
  path: '/years/{year}/units/{unitId}/surveys/{period}',
  summary: '录入一个单位的满意度测评结果',
  request: {
    params: YearParams.extend({ unitId: z.string().min(1).max(48), period: PeriodSchema }),
    body: { content: { 'application/json': { schema: SurveyEntrySchema } }, required: true },
  },
  responses: { 200: json(SurveyResultSchema, '已保存') },
});

/** Units whose agreement has the indicator `code` (the survey's target leaf), with its periods. */
const leafHolders = async (db: AppEnv['Variables']['deps']['db'], year: number, code: string) => {
  const holders = new Map<string, readonly string[]>();
  for (const a of await listAgreements(db, year)) {
    const leaf = a.dimensions.flatMap((d) => d.leaves).find((l) => l.code === code);
    if (leaf) holders.set(a.unitId, leaf.periods);
  }
  return holders;
};

/** A survey result only counts in a period its indicator is assessed in (e.g. 3.3 in Q4 only). */
const notAssessedIn = (code: string, period: Period, path: string) =>
  new ValidationError(`指标 ${code} 不在${PERIOD_NAMES[period]}考核`, [
    { path, message: `指标 ${code} 不在${PERIOD_NAMES[period]}考核，请选择其考核期` },
  ]);

export const surveyRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => {
    const { db } = c.get('deps');
    const { year } = c.req.valid('param');
    const { period, code } = c.req.valid('query');
    return c.json(await listPeriodSurveys(db, year, period, code), 200);
  })
  .openapi(importRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year } = c.req.valid('param');
    const { period, code, fileBase64 } = c.req.valid('json');
    const holders = await leafHolders(db, year, code);
    const known = new Set([...holders].filter(([, periods]) => periods.includes(period)).map(([id]) => id));
    if (holders.size > 0 && known.size === 0) throw notAssessedIn(code, period, 'body.period');
    const { rows, problems } = validateSurveyRows(await readUploadRows(fileBase64), known);
    if (problems.length > 0) {
      const first = problems[0];
      throw new ValidationError(
        `文件有 ${problems.length} 处错误，未导入任何内容。第一处：第 ${first?.row} 行 ${first?.column} 列，${first?.message}`,
        problems.map((p) => ({ path: `row ${p.row} column ${p.column}`, message: p.message })),
      );
    }
    const at = now().toISOString();
    const enteredBy = c.get('principal').userId;
    const results: SurveyResult[] = rows.map((r) => ({
      ...r,
      period,
      code,
      rate: satisfactionRate(r.satisfied, r.respondents),
      enteredBy,
      at,
    }));
    await saveSurveyResults(db, year, results);
    return c.json(results, 200);
  })
  .openapi(enterRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year, unitId, period } = c.req.valid('param');
    const { code, respondents, satisfied } = c.req.valid('json');
    if (satisfied > respondents)
      throw new ValidationError('满意人数不能多于调查人数', [
        { path: 'body.satisfied', message: '满意人数不能多于调查人数' },
      ]);
    const periods = (await leafHolders(db, year, code)).get(unitId);
    if (!periods) throw new NotFoundError(`该单位责任书中的指标 ${code}`);
    if (!periods.includes(period)) throw notAssessedIn(code, period, 'param.period');
    const result: SurveyResult = {
      unitId,
      period,
      code,
      respondents,
      satisfied,
      rate: satisfactionRate(satisfied, respondents),
      enteredBy: c.get('principal').userId,
      at: now().toISOString(),
    };
    await saveSurveyResults(db, year, [result]);
    return c.json(result, 200);
  });
