/**
 * Indicator templates: one per category and year, edited as a tree, copied from last year, and
 * exported as the Excel workbook; the workbook's import is a job (routes/jobs.ts).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  copyTemplate,
  listTemplates,
  requireTemplate,
  saveTemplate,
  templateView,
  viewContext,
  workbookFor,
} from '../../db/template-repo';
import { TemplateSummarySchema, TemplateViewSchema, TemplateWriteSchema } from '../../schemas/template';
import type { AppEnv } from '../env';
import { body, errorResponse, json, YearParams } from '../openapi';
import { protectedRoute } from '../route';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const TemplateParams = YearParams.extend({ categoryId: z.string().min(1).max(48) });

const listRoute = protectedRoute('templates.read', {
  method: 'get',
  path: '/years/{year}/templates',
  summary: '本年度各类别的指标模板（概要）',
  request: { params: YearParams },
  responses: { 200: json(z.array(TemplateSummarySchema), '模板概要') },
});
const getRoute = protectedRoute('templates.read', {
  method: 'get',
  path: '/years/{year}/templates/{categoryId}',
  summary: '一个类别的指标模板，含分值合计和全部校验问题',
  request: { params: TemplateParams },
  responses: { 200: json(TemplateViewSchema, '模板'), 404: errorResponse('尚未建立') },
});
const putRoute = protectedRoute('templates.write', {
  method: 'put',
  path: '/years/{year}/templates/{categoryId}',
  summary: '保存指标模板（不带 version 为新建；有问题也可保存，但不能用于生成责任书）',
  request: { params: TemplateParams, ...body(TemplateWriteSchema) },
  responses: { 200: json(TemplateViewSchema, '已保存'), 409: errorResponse('已存在或版本冲突') },
});
const copyRoute = protectedRoute('templates.write', {
  method: 'post',
  path: '/years/{year}/templates/{categoryId}/copy',
  summary: '以往年模板为起点建立本年度模板',
  request: {
    params: TemplateParams,
    ...body(
      z.strictObject({
        fromYear: z.number().int().min(2000).max(2100),
        /** Present: replace this version of an existing template; absent: the template must not exist. */
        version: z.number().int().min(1).optional(),
      }),
    ),
  },
  responses: { 200: json(TemplateViewSchema, '已复制'), 404: errorResponse('往年模板不存在') },
});
const exportRoute = protectedRoute('templates.read', {
  method: 'get',
  path: '/years/{year}/template-workbook',
  summary: '下载指标模板工作簿（blank=true 为带示例行的空白导入表）',
  request: {
    params: YearParams,
    query: z.strictObject({
      categoryId: z.string().min(1).max(48).optional(),
      blank: z.enum(['true', 'false']).optional(),
    }),
  },
  responses: {
    200: {
      description: 'Excel 工作簿',
      content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
  },
});
export const templateRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => {
    const { db } = c.get('deps');
    const { year } = c.req.valid('param');
    const templates = await listTemplates(db, year);
    const context = await viewContext(db, year, templates);
    return c.json(
      templates
        .map((t) => templateView(t, context))
        .map(({ dimensions: _d, unitTargets: _u, problems, ...summary }) => ({
          ...summary,
          problemCount: problems.length,
        })),
      200,
    );
  })
  .openapi(getRoute, async (c) => {
    const { db } = c.get('deps');
    const { year, categoryId } = c.req.valid('param');
    const template = await requireTemplate(db, year, categoryId);
    const context = await viewContext(db, year, [template]);
    return c.json(templateView(template, context), 200);
  })
  .openapi(putRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year, categoryId } = c.req.valid('param');
    const { version, ...input } = c.req.valid('json');
    const saved = await saveTemplate(
      db,
      { year, categoryId, ...input },
      { ...(version === undefined ? {} : { expectedVersion: version }), actor: c.var.actor, at: now() },
    );
    return c.json(templateView(saved, await viewContext(db, year, [saved])), 200);
  })
  .openapi(copyRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year, categoryId } = c.req.valid('param');
    const { fromYear, version } = c.req.valid('json');
    const copied = await copyTemplate(db, {
      year,
      categoryId,
      fromYear,
      expectedVersion: version,
      actor: c.var.actor,
      at: now(),
    });
    return c.json(templateView(copied, await viewContext(db, year, [copied])), 200);
  })
  .openapi(exportRoute, async (c) => {
    const { db } = c.get('deps');
    const { year } = c.req.valid('param');
    const { categoryId, blank } = c.req.valid('query');
    const { bytes, fileName } = await workbookFor(db, { year, categoryId, blank: blank === 'true' });
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': XLSX,
      'content-disposition': `attachment; filename="template-${year}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    });
  });
