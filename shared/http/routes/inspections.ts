/**
 * Integrity and work-style inspections (明查暗访, issue 7): the year's checklist, inspection records
 * (an inspector records, the admin approves: approval writes the approved deductions, veto proposals
 * and rectification orders in one transaction) and rectification (整改) answers and reviews.
 */

import { randomUUID } from 'node:crypto';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  assertMayAskAbout,
  assertOwnUnit,
  canReadInspection,
  canReadRectification,
  isOnTeam,
  isUnitMember,
  seesEveryUnit,
} from '../../auth/visibility';
import { requireAgreement } from '../../db/agreement-repo';
import { notifyInspectionApproved, notifyRectificationReviewed } from '../../db/event-notes';
import {
  createInspection,
  getInspection,
  getRectification,
  importChecklist,
  listChecklist,
  listInspections,
  listRectificationsByState,
  listUnitInspections,
  listUnitRectifications,
  saveChecklistItem,
  saveRectification,
  decideInspection as writeInspectionDecision,
} from '../../db/inspection-repo';
import { getUnit, getUser } from '../../db/org-repo';
import { validateChecklistRows } from '../../domain/inspections/checklist-rows';
import { isOverdue, shanghaiDate } from '../../domain/inspections/dates';
import {
  answerRectification,
  assertInspectionDate,
  assertTeam,
  decideInspection,
  recordInspection,
  reviewRectification,
} from '../../domain/inspections/decision';
import { resolveFindings } from '../../domain/inspections/findings';
import type { RowProblem } from '../../domain/inspections/survey';
import { ForbiddenError, ValidationError } from '../../errors';
import {
  ChecklistCodeSchema,
  ChecklistItemInputSchema,
  ChecklistItemSchema,
  DecisionSchema,
  InspectionInputSchema,
  InspectionSchema,
  InspectionStateSchema,
  RectificationAnswerSchema,
  RectificationReviewSchema,
  RectificationSchema,
  RectificationStateSchema,
} from '../../schemas/inspection';
import { afterCommit } from '../after-commit';
import { MAX_IMPORT_BODY_BYTES } from '../body-limit';
import type { AppEnv } from '../env';
import { readUploadRows } from '../guards';
import { body, errorResponse, json, YearParams } from '../openapi';
import { protectedRoute } from '../route';

const UnitParams = YearParams.extend({ unitId: z.string().min(1).max(48) });
const InspectionParams = UnitParams.extend({
  inspectionId: z.string().regex(/^ins-[a-z0-9-]{4,40}$/, '检查记录编号格式不正确'),
});
const RectificationParams = UnitParams.extend({
  rectificationId: z.string().regex(/^ins-[a-z0-9-]{4,40}-\d{1,3}$/, '整改编号格式不正确'),
});
const ImportBodySchema = z.strictObject({
  fileBase64: z.string().min(1, '不能为空').max(3_000_000, '文件超过 2 MB'),
  fileName: z.string().max(200).optional(),
});

const listChecklistRoute = protectedRoute('checklist.read', {
  method: 'get',
  path: '/years/{year}/checklist',
  summary: '检查清单（明查暗访检查项）',
  request: { params: YearParams },
  responses: { 200: json(z.array(ChecklistItemSchema), '检查项') },
});
const saveChecklistItemRoute = protectedRoute('checklist.write', {
  method: 'put',
  path: '/years/{year}/checklist/{code}',
  summary: '新增或修改检查项（修改时带 version）',
  request: {
    params: YearParams.extend({ code: ChecklistCodeSchema }),
    ...body(
      ChecklistItemInputSchema.omit({ code: true }).extend({ version: z.number().int().min(1).optional() }),
    ),
  },
  responses: { 200: json(ChecklistItemSchema, '已保存'), 409: errorResponse('编号重复或版本冲突') },
});
const importChecklistRoute = protectedRoute('checklist.write', {
  method: 'post',
  path: '/years/{year}/checklist/import',
  'x-body-limit': MAX_IMPORT_BODY_BYTES,
  summary: '从 Excel 导入检查清单：全部无误才导入，否则逐项列出错误的行和列',
  request: { params: YearParams, ...body(ImportBodySchema) },
  responses: { 200: json(z.array(ChecklistItemSchema), '已导入') },
});
const listInspectionsRoute = protectedRoute('inspections.read', {
  method: 'get',
  path: '/years/{year}/inspections',
  summary: '检查记录：管理员看全部，检查组成员看本人参加的，单位看本单位已审核的',
  request: { params: YearParams, query: z.strictObject({ state: InspectionStateSchema.optional() }) },
  responses: { 200: json(z.array(InspectionSchema), '检查记录') },
});
const createInspectionRoute = protectedRoute('inspections.write', {
  method: 'post',
  path: '/years/{year}/inspections',
  summary: '录入并提交检查记录（有隶属关系的检查组成员须回避）',
  request: { params: YearParams, ...body(InspectionInputSchema) },
  responses: { 201: json(InspectionSchema, '已提交'), 404: errorResponse('单位或责任书不存在') },
});
const getInspectionRoute = protectedRoute('inspections.read', {
  method: 'get',
  path: '/years/{year}/units/{unitId}/inspections/{inspectionId}',
  summary: '检查记录详情',
  request: { params: InspectionParams },
  responses: { 200: json(InspectionSchema, '检查记录'), 404: errorResponse('不存在') },
});
const decideInspectionRoute = protectedRoute('inspections.approve', {
  method: 'post',
  path: '/years/{year}/units/{unitId}/inspections/{inspectionId}/decision',
  summary: '审核检查记录：通过时写入扣分、一票否决提议和整改通知',
  request: { params: InspectionParams, ...body(DecisionSchema) },
  responses: { 200: json(InspectionSchema, '已审核'), 409: errorResponse('已处理或版本冲突') },
});
const listRectificationsRoute = protectedRoute('rectifications.read', {
  method: 'get',
  path: '/years/{year}/rectifications',
  summary: '整改通知：单位看本单位的；overdue=true 只列逾期未整改的',
  request: {
    params: YearParams,
    query: z.strictObject({
      state: RectificationStateSchema.optional(),
      overdue: z.enum(['true', 'false']).optional(),
    }),
  },
  responses: {
    200: json(z.array(RectificationSchema.extend({ overdue: z.boolean() })), '整改通知'),
  },
});
const answerRectificationRoute = protectedRoute('rectifications.answer', {
  method: 'post',
  path: '/years/{year}/units/{unitId}/rectifications/{rectificationId}/answer',
  summary: '单位报告整改情况',
  request: { params: RectificationParams, ...body(RectificationAnswerSchema) },
  responses: { 200: json(RectificationSchema, '已报告'), 409: errorResponse('状态不符或版本冲突') },
});
const reviewRectificationRoute = protectedRoute('rectifications.review', {
  method: 'post',
  path: '/years/{year}/units/{unitId}/rectifications/{rectificationId}/review',
  summary: '检查组审核整改：销号（close）或退回（return）',
  request: { params: RectificationParams, ...body(RectificationReviewSchema) },
  responses: { 200: json(RectificationSchema, '已审核'), 409: errorResponse('状态不符或版本冲突') },
});

/** The unit's `deduction` leaf codes from its agreement (the leaves inspections deduct from). */
const deductionLeafCodes = async (db: AppEnv['Variables']['deps']['db'], year: number, unitId: string) => {
  const agreement = await requireAgreement(db, year, unitId);
  return new Set(
    agreement.dimensions
      .flatMap((d) => d.leaves)
      .filter((l) => l.rule.type === 'deduction')
      .map((l) => l.code),
  );
};

const rowProblemsError = (problems: RowProblem[]) =>
  new ValidationError(
    `文件有 ${problems.length} 处错误，未导入任何内容。第一处：第 ${problems[0]?.row} 行 ${problems[0]?.column} 列，${problems[0]?.message}`,
    problems.map((p) => ({ path: `row ${p.row} column ${p.column}`, message: p.message })),
  );

export const inspectionRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listChecklistRoute, async (c) =>
    c.json(await listChecklist(c.get('deps').db, c.req.valid('param').year), 200),
  )
  .openapi(saveChecklistItemRoute, async (c) => {
    const { db } = c.get('deps');
    const { year, code } = c.req.valid('param');
    const { version, ...rest } = c.req.valid('json');
    const item = { code, ...rest };
    const next = await saveChecklistItem(db, year, item, version);
    return c.json({ ...item, version: next }, 200);
  })
  .openapi(importChecklistRoute, async (c) => {
    const { db } = c.get('deps');
    const { year } = c.req.valid('param');
    const { items, problems } = validateChecklistRows(await readUploadRows(c.req.valid('json').fileBase64));
    if (problems.length > 0) throw rowProblemsError(problems);
    await importChecklist(db, year, items);
    return c.json(await listChecklist(db, year), 200);
  })
  .openapi(listInspectionsRoute, async (c) => {
    const { db } = c.get('deps');
    const { year } = c.req.valid('param');
    const { state } = c.req.valid('query');
    const p = c.get('principal');
    // Several roles read the union: the team's records and, as a unit member, the unit's approved ones.
    const found = (
      seesEveryUnit(p) || p.roles.includes('inspector')
        ? await listInspections(db, year)
        : p.unitId
          ? await listUnitInspections(db, year, p.unitId)
          : []
    ).filter((i) => canReadInspection(p, i));
    return c.json(state ? found.filter((i) => i.state === state) : found, 200);
  })
  .openapi(createInspectionRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year } = c.req.valid('param');
    const input = c.req.valid('json');
    const p = c.get('principal');
    const unit = await getUnit(db, input.unitId);
    const team = [...new Set([p.userId, ...input.team])];
    assertTeam(team, await Promise.all(team.map((id) => getUser(db, id))), unit);
    assertInspectionDate(input.date, year, shanghaiDate(now()));
    const [checklist, leafCodes] = await Promise.all([
      listChecklist(db, year),
      deductionLeafCodes(db, year, unit.id),
    ]);
    const { findings, problems } = resolveFindings(input.findings, checklist, leafCodes);
    if (problems.length > 0) throw new ValidationError('检查发现有误', problems);
    const inspection = recordInspection({
      ...input,
      year,
      unitId: unit.id,
      team,
      findings,
      actor: p,
      at: now(),
      suffix: randomUUID().slice(0, 8),
    });
    await createInspection(db, inspection);
    return c.json(inspection, 201);
  })
  .openapi(getInspectionRoute, async (c) => {
    const { year, unitId, inspectionId } = c.req.valid('param');
    const p = c.get('principal');
    // Unit roles: refuse a foreign unit before reading, so nothing about it leaks.
    assertMayAskAbout(p, unitId);
    const inspection = await getInspection(c.get('deps').db, year, unitId, inspectionId);
    if (!canReadInspection(p, inspection))
      throw new ForbiddenError(
        isUnitMember(p, unitId) ? '检查记录审核通过后才向单位公开' : '无权查看该检查记录',
      );
    return c.json(inspection, 200);
  })
  .openapi(decideInspectionRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year, unitId, inspectionId } = c.req.valid('param');
    const { decision, reason, version } = c.req.valid('json');
    const p = c.get('principal');
    const inspection = await getInspection(db, year, unitId, inspectionId);
    const { decided, facts } = decideInspection(inspection, { decision, reason }, p, now());
    await writeInspectionDecision(db, decided, version, facts);
    if (decision === 'approve')
      await afterCommit(c.get('deps').logger, 'notify inspection approved', () =>
        notifyInspectionApproved(db, decided, facts.rectifications, now()),
      );
    return c.json({ ...decided, version: version + 1 }, 200);
  })
  .openapi(listRectificationsRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year } = c.req.valid('param');
    const { state, overdue } = c.req.valid('query');
    const p = c.get('principal');
    const today = shanghaiDate(now());
    // Several roles read the union: the team's orders and, as a unit member, the unit's own.
    const fromIndex =
      seesEveryUnit(p) || p.roles.includes('inspector')
        ? (
            await Promise.all(
              (state ? [state] : RectificationStateSchema.options).map((s) =>
                listRectificationsByState(db, year, s),
              ),
            )
          ).flat()
        : [];
    const own = p.unitId && !seesEveryUnit(p) ? await listUnitRectifications(db, year, p.unitId) : [];
    const found = [...new Map([...fromIndex, ...own].map((r) => [r.id, r])).values()].filter(
      (r) => canReadRectification(p, r) && (!state || r.state === state),
    );
    const withFlag = found
      .map((r) => ({ ...r, overdue: isOverdue(r, today) }))
      .filter((r) => overdue !== 'true' || r.overdue)
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
    return c.json(withFlag, 200);
  })
  .openapi(answerRectificationRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year, unitId, rectificationId } = c.req.valid('param');
    const { answer, version } = c.req.valid('json');
    const p = c.get('principal');
    assertOwnUnit(p, unitId, '只能报告本单位的整改情况');
    const current = await getRectification(db, year, unitId, rectificationId);
    const next = answerRectification(current, answer, p, now());
    const v = await saveRectification(db, next, version);
    return c.json({ ...next, version: v }, 200);
  })
  .openapi(reviewRectificationRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year, unitId, rectificationId } = c.req.valid('param');
    const { decision, note, version } = c.req.valid('json');
    const p = c.get('principal');
    const current = await getRectification(db, year, unitId, rectificationId);
    if (!isOnTeam(p, current.team)) throw new ForbiddenError('只有该次检查的检查组成员可以审核整改');
    const next = reviewRectification(current, { decision, note }, p, now());
    const v = await saveRectification(db, next, version);
    await afterCommit(c.get('deps').logger, 'notify rectification reviewed', () =>
      notifyRectificationReviewed(db, next, { decision, note }, now()),
    );
    return c.json({ ...next, version: v }, 200);
  });
