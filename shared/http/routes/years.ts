/** Appraisal years and their state machine. */

import { OpenAPIHono, z } from '@hono/zod-openapi';
import { createYear, getYear, listYears, updateYearSettings } from '../../db/year-repo';
import { carryOverSettings, defaultSettings, settingsProblems } from '../../domain/years/new-year';
import { ValidationError } from '../../errors';
import { ReadinessSchema, YearMoveRefusalSchema } from '../../schemas/readiness';
import { YearMoveBodySchema, YearSchema, YearSettingsSchema, YearStateSchema } from '../../schemas/year';
import { moveYear, readinessOf } from '../../years/move-year';
import type { AppEnv } from '../env';
import { body, errorResponse, json, YearParams } from '../openapi';
import { protectedRoute } from '../route';

const listYearsRoute = protectedRoute('years.read', {
  method: 'get',
  path: '/years',
  summary: '考核年度列表',
  responses: {
    200: { description: '年度', content: { 'application/json': { schema: z.array(YearSchema) } } },
  },
});
const TitleSchema = z.string().trim().min(2, '请填写年度名称').max(60, '年度名称不超过 60 字');
const NewYearSchema = z.strictObject({
  year: z.number().int().min(2000, '年度须在 2000–2100 之间').max(2100, '年度须在 2000–2100 之间'),
  title: TitleSchema.optional(),
  /** Omitted: last year's weights, caps and windows, moved to the new year. */
  settings: YearSettingsSchema.optional(),
});
const createYearRoute = protectedRoute('years.write', {
  method: 'post',
  path: '/years',
  summary: '新建考核年度（未给设置时沿用上一年度的权重、上限和季度窗口；首个年度用常规设置）',
  request: { ...body(NewYearSchema) },
  responses: {
    201: { description: '已创建', content: { 'application/json': { schema: YearSchema } } },
    409: errorResponse('年度已存在'),
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
  summary: '推进年度状态：开始考核、进入集中评分（需确认；进入结果公示、发布最终结果为后台任务）',
  request: {
    params: YearParams,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: YearMoveBodySchema.extend({
            // The moves that compute the whole year are jobs (routes/jobs.ts): 进入结果公示 is
            // POST …/jobs/publicity, 发布最终结果 POST …/jobs/publication.
            to: YearStateSchema.exclude(['publicity', 'published'], {
              error: (issue) =>
                issue.input === 'publicity'
                  ? '进入结果公示须通过后台任务进行（年度状态）：POST /api/years/{year}/jobs/publicity'
                  : issue.input === 'published'
                    ? '发布最终结果须通过发布任务进行（年度状态）'
                    : '此处只能推进到“考核进行中”或“集中评分”（年度状态）',
            }),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: '已推进', content: { 'application/json': { schema: YearSchema } } },
    409: json(
      YearMoveRefusalSchema,
      '状态不符、版本冲突、仍有未完成事项（NOT_READY）或提醒未确认（WARNINGS_UNACKNOWLEDGED），附检查清单',
    ),
  },
});
const readinessRoute = protectedRoute('years.write', {
  method: 'get',
  path: '/years/{year}/transitions/{to}/readiness',
  summary: '推进年度前的检查清单：阻止项、提醒与已完成项',
  request: { params: YearParams.extend({ to: YearStateSchema }) },
  responses: {
    200: json(ReadinessSchema, '检查清单'),
    409: json(YearMoveRefusalSchema, '该状态不是年度的下一步'),
  },
});
const YearSettingsUpdateSchema = YearSettingsSchema.extend({
  version: z.number().int().min(1),
  /** Omitted: the title stays. */
  title: TitleSchema.optional(),
});
const updateSettingsRoute = protectedRoute('years.write', {
  method: 'put',
  path: '/years/{year}/settings',
  summary: '修改年度设置（权重、上限、季度窗口；仅限年初设置阶段）',
  request: { params: YearParams, ...body(YearSettingsUpdateSchema) },
  responses: {
    200: json(YearSchema, '已保存'),
    404: errorResponse('年度不存在'),
    409: errorResponse('年度已不在年初设置阶段，或版本冲突'),
  },
});

export const yearRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listYearsRoute, async (c) => c.json(await listYears(c.get('deps').db), 200))
  .openapi(createYearRoute, async (c) => {
    const { db, now } = c.get('deps');
    const input = c.req.valid('json');
    const previous = (await listYears(db)).find((y) => y.year < input.year);
    const settings =
      input.settings ?? (previous ? carryOverSettings(previous, input.year) : defaultSettings(input.year));
    const problems = settingsProblems(settings);
    if (problems.length > 0) throw new ValidationError('年度设置有误', problems);
    const by = c.get('principal').userId;
    const created = await createYear(db, {
      year: input.year,
      title: input.title ?? `${input.year}年度卫生健康目标责任考核`,
      state: 'setup',
      ...settings,
      history: [{ state: 'setup', at: now().toISOString(), by }],
    });
    return c.json(created, 201);
  })
  .openapi(getYearRoute, async (c) => c.json(await getYear(c.get('deps').db, c.req.valid('param').year), 200))
  .openapi(readinessRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year, to } = c.req.valid('param');
    return c.json(await readinessOf(db, year, to, now()), 200);
  })
  .openapi(advanceYearRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { to, version, acknowledgements } = c.req.valid('json');
    const year = await moveYear(db, now(), {
      year: c.req.valid('param').year,
      to,
      version,
      by: c.get('principal').userId,
      acknowledgements,
    });
    return c.json(year, 200);
  })
  .openapi(updateSettingsRoute, async (c) => {
    const { version, title, ...settings } = c.req.valid('json');
    const problems = settingsProblems(settings, 'body');
    if (problems.length > 0) throw new ValidationError('年度设置有误', problems);
    const year = await updateYearSettings(
      c.get('deps').db,
      c.req.valid('param').year,
      { settings, title },
      version,
    );
    return c.json(year, 200);
  });
