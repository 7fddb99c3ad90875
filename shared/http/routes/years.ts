/** Appraisal years and their state machine. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { advanceYear, getYear, listYears } from '../../db/year-repo';
import { freezeDraft } from '../../publication/drafts';
import { YearSchema, YearStateSchema } from '../../schemas/year';
import type { AppEnv } from '../env';
import { YearParams } from '../openapi';
import { protectedRoute } from '../route';

const listYearsRoute = protectedRoute('years.read', {
  method: 'get',
  path: '/years',
  summary: '考核年度列表',
  responses: {
    200: { description: '年度', content: { 'application/json': { schema: z.array(YearSchema) } } },
  },
});
const getYearRoute = protectedRoute('years.read', {
  method: 'get',
  path: '/years/{year}',
  summary: '考核年度详情',
  request: { params: YearParams },
  responses: { 200: { description: '年度', content: { 'application/json': { schema: YearSchema } } } },
});
const advanceYearRoute = protectedRoute('years.write', {
  method: 'post',
  path: '/years/{year}/transitions',
  summary: '推进年度状态（需确认）',
  request: {
    params: YearParams,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.strictObject({ to: YearStateSchema, version: z.number().int().min(1) }),
        },
      },
    },
  },
  responses: {
    200: { description: '已推进', content: { 'application/json': { schema: YearSchema } } },
    409: { description: '状态不符或版本冲突', content: { 'application/json': { schema: z.any() } } },
  },
});

export const yearRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listYearsRoute, async (c) => c.json(await listYears(c.get('deps').db), 200))
  .openapi(getYearRoute, async (c) => c.json(await getYear(c.get('deps').db, c.req.valid('param').year), 200))
  .openapi(advanceYearRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { to, version } = c.req.valid('json');
    const by = c.get('principal').userId;
    const year = await advanceYear(db, c.req.valid('param').year, to, version, by, now());
    // Publicity is opened on a frozen draft (version 1); objections are weighed against it.
    if (to === 'publicity') await freezeDraft(db, { year: year.year, by, at: now(), reason: '开始公示' });
    return c.json(year, 200);
  });
