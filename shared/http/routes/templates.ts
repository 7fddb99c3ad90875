/**
 * Indicator templates: one per category and year, edited as a tree, copied from last year, and
 * round-tripped through the Excel workbook (export → edit → import).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  copyTemplate,
  importTemplateWorkbook,
  listTemplates,
  requireTemplate,
  saveTemplate,
  templateView,
  viewContext,
  workbookFor,
} from '../../db/template-repo';
import { AppError, ValidationError } from '../../errors';
import { TemplateSummarySchema, TemplateViewSchema, TemplateWriteSchema } from '../../schemas/template';
import { MAX_IMPORT_BODY_BYTES } from '../body-limit';
import type { AppEnv } from '../env';
import { body, json, YearParams } from '../openapi';
import { protectedRoute } from '../route';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Workbooks the API reads directly (a county's templates are a few dozen kilobytes). */
export const MAX_WORKBOOK_BYTES = 2 * 1024 * 1024;

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
  responses: { 200: json(TemplateViewSchema, '模板'), 404: json(z.any(), '尚未建立') },
});
const putRoute = protectedRoute('templates.write', {
  method: 'put',
  path: '/years/{year}/templates/{categoryId}',
  summary: '保存指标模板（不带 version 为新建；有问题也可保存，但不能用于生成责任书）',
  request: { params: TemplateParams, ...body(TemplateWriteSchema) },
  responses: { 200: json(TemplateViewSchema, '已保存'), 409: json(z.any(), '已存在或版本冲突') },
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
  responses: { 200: json(TemplateViewSchema, '已复制'), 404: json(z.any(), '往年模板不存在') },
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
const importRoute = protectedRoute('templates.write', {
  method: 'post',
  path: '/years/{year}/template-workbook',
  'x-body-limit': MAX_IMPORT_BODY_BYTES,
  summary: '导入指标模板工作簿：整本无误才导入，否则逐项列出错误所在的工作表、行和列',
  request: {
    params: YearParams,
    body: {
      required: false,
      description: 'xlsx 文件：原始内容，或 JSON 中的 base64',
      content: {
        'application/json': {
          schema: z.strictObject({
            fileBase64: z
              .string()
              .min(1, '不能为空')
              .max(Math.ceil((MAX_WORKBOOK_BYTES * 4) / 3) + 4, '文件超过 2 MB'),
            fileName: z.string().max(200).optional(),
          }),
        },
        [XLSX]: { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
  },
  responses: {
    200: json(z.object({ templates: z.array(TemplateSummarySchema) }), '已导入'),
    413: json(z.any(), '文件过大'),
  },
});

/** The workbook's bytes from either body form, refusing what is too large to read here. */
const workbookBytes = async (request: Request, parsed: { fileBase64?: string }): Promise<Uint8Array> => {
  const tooLarge = () => new AppError(413, 'PAYLOAD_TOO_LARGE', '文件超过 2 MB，请删除多余内容后再导入');
  let bytes: Uint8Array;
  if ((request.headers.get('content-type') ?? '').startsWith(XLSX)) {
    if (Number(request.headers.get('content-length') ?? 0) > MAX_WORKBOOK_BYTES) throw tooLarge();
    bytes = new Uint8Array(await request.arrayBuffer());
  } else {
    bytes = new Uint8Array(Buffer.from(parsed.fileBase64 ?? '', 'base64'));
  }
  if (bytes.length > MAX_WORKBOOK_BYTES) throw tooLarge();
  if (bytes.length === 0)
    throw new ValidationError('请选择要导入的文件', [{ path: 'body.fileBase64', message: '文件为空' }]);
  return bytes;
};

export const templateRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => {
    const { db } = c.get('deps');
    const { year } = c.req.valid('param');
    const [templates, context] = await Promise.all([listTemplates(db, year), viewContext(db, year)]);
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
    const [template, context] = await Promise.all([
      requireTemplate(db, year, categoryId),
      viewContext(db, year),
    ]);
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
    return c.json(templateView(saved, await viewContext(db, year)), 200);
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
    return c.json(templateView(copied, await viewContext(db, year)), 200);
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
  })
  .openapi(importRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year } = c.req.valid('param');
    const parsed = c.req.valid('json');
    const bytes = await workbookBytes(c.req.raw, typeof parsed === 'object' ? parsed : {});
    const templates = await importTemplateWorkbook(db, { year, data: bytes, actor: c.var.actor, at: now() });
    return c.json(
      {
        templates: templates.map(({ dimensions: _d, unitTargets: _u, problems, ...summary }) => ({
          ...summary,
          problemCount: problems.length,
        })),
      },
      200,
    );
  });
