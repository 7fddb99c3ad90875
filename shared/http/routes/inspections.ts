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
  decideInspection,
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
} from '../../db/inspection-repo';
import { getUnit, getUser } from '../../db/org-repo';
import { validateChecklistRows } from '../../domain/inspections/checklist-rows';
import { isOverdue, shanghaiDate } from '../../domain/inspections/dates';
import { recusalReason, resolveFindings } from '../../domain/inspections/findings';
import type { RowProblem } from '../../domain/inspections/survey';
import { ConflictError, ForbiddenError, ValidationError } from '../../errors';
import type { DeductionRecord, VetoRecord } from '../../schemas/facts';
import {
  ChecklistCodeSchema,
  ChecklistItemInputSchema,
  ChecklistItemSchema,
  DecisionSchema,
  type Inspection,
  InspectionInputSchema,
  InspectionSchema,
  InspectionStateSchema,
  type Rectification,
  RectificationAnswerSchema,
  RectificationReviewSchema,
  RectificationSchema,
  RectificationStateSchema,
} from '../../schemas/inspection';
import { MAX_IMPORT_BODY_BYTES } from '../body-limit';
import type { AppEnv } from '../env';
import { readUploadRows } from '../guards';
import { body, json, YearParams } from '../openapi';
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
  responses: { 200: json(ChecklistItemSchema, '已保存'), 409: json(z.any(), '编号重复或版本冲突') },
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
  responses: { 201: json(InspectionSchema, '已提交'), 404: json(z.any(), '单位或责任书不存在') },
});
const getInspectionRoute = protectedRoute('inspections.read', {
  method: 'get',
  path: '/years/{year}/units/{unitId}/inspections/{inspectionId}',
  summary: '检查记录详情',
  request: { params: InspectionParams },
  responses: { 200: json(InspectionSchema, '检查记录'), 404: json(z.any(), '不存在') },
});
const decideInspectionRoute = protectedRoute('inspections.approve', {
  method: 'post',
  path: '/years/{year}/units/{unitId}/inspections/{inspectionId}/decision',
  summary: '审核检查记录：通过时写入扣分、一票否决提议和整改通知',
  request: { params: InspectionParams, ...body(DecisionSchema) },
  responses: { 200: json(InspectionSchema, '已审核'), 409: json(z.any(), '已处理或版本冲突') },
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
  responses: { 200: json(RectificationSchema, '已报告'), 409: json(z.any(), '状态不符或版本冲突') },
});
const reviewRectificationRoute = protectedRoute('rectifications.review', {
  method: 'post',
  path: '/years/{year}/units/{unitId}/rectifications/{rectificationId}/review',
  summary: '检查组审核整改：销号（close）或退回（return）',
  request: { params: RectificationParams, ...body(RectificationReviewSchema) },
  responses: { 200: json(RectificationSchema, '已审核'), 409: json(z.any(), '状态不符或版本冲突') },
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
    const members = await Promise.all(team.map((id) => getUser(db, id)));
    members.forEach((m, k) => {
      if (!m?.roles.includes('inspector'))
        throw new ValidationError('检查组成员须为检查组用户', [
          { path: 'body.team', message: `${team[k]} 不是检查组成员` },
        ]);
    });
    for (const m of members) {
      const reason = m && recusalReason(m, unit.id, unit.name);
      if (reason) throw new ForbiddenError(reason);
    }
    if (input.date > shanghaiDate(now()))
      throw new ValidationError('检查日期不能晚于今天', [
        { path: 'body.date', message: '检查日期不能晚于今天' },
      ]);
    if (!input.date.startsWith(String(year)))
      throw new ValidationError('检查日期不在该考核年度内', [
        { path: 'body.date', message: `应为 ${year} 年内的日期` },
      ]);
    const [checklist, leafCodes] = await Promise.all([
      listChecklist(db, year),
      deductionLeafCodes(db, year, unit.id),
    ]);
    const { findings, problems } = resolveFindings(input.findings, checklist, leafCodes);
    if (problems.length > 0) throw new ValidationError('检查发现有误', problems);
    const inspection: Inspection = {
      id: `ins-${input.date.replaceAll('-', '')}-${randomUUID().slice(0, 8)}`,
      year,
      unitId: unit.id,
      kind: input.kind,
      date: input.date,
      team,
      findings,
      summary: input.summary,
      state: 'submitted',
      recordedBy: p.userId,
      recordedAt: now().toISOString(),
      version: 1,
    };
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
    if (inspection.state !== 'submitted')
      throw new ConflictError('该检查记录已审核，不能重复处理', { state: inspection.state }, 'WRONG_STATE');
    if (decision === 'reject' && !reason)
      throw new ValidationError('退回须说明理由', [{ path: 'body.reason', message: '请填写理由' }]);
    const at = now().toISOString();
    const decided: Inspection = {
      ...inspection,
      state: decision === 'approve' ? 'approved' : 'rejected',
      decidedBy: p.userId,
      decidedAt: at,
      ...(reason ? { decisionReason: reason } : {}),
    };
    const source = (n: number, text: string) =>
      `${inspection.kind} ${inspection.date}：${text}（${inspection.id}#${n}）`;
    const approved = decision === 'approve';
    const deductions: DeductionRecord[] = approved
      ? inspection.findings
          .filter((f) => !f.veto && f.pointsCents > 0)
          .map((f) => ({
            id: `${inspection.id}-${f.n}`,
            unitId,
            code: f.leafCode,
            pointsCents: f.pointsCents,
            source: source(f.n, f.itemText),
            state: 'approved',
          }))
      : [];
    const vetoes: (VetoRecord & Record<string, unknown>)[] = approved
      ? inspection.findings
          .filter((f) => f.veto)
          .map((f) => ({
            id: `v-${inspection.id}-${f.n}`,
            unitId,
            category: f.vetoCategory ?? '违纪违法案件',
            reason: source(f.n, `${f.itemText}${f.note ? `，${f.note}` : ''}`),
            state: 'proposed',
            proposedBy: inspection.recordedBy,
            proposedAt: at,
            evidence: `检查记录 ${inspection.id}`,
          }))
      : [];
    const rectifications: Rectification[] = approved
      ? inspection.findings.flatMap((f) =>
          f.rectifyBy
            ? [
                {
                  id: `${inspection.id}-${f.n}`,
                  year,
                  unitId,
                  inspectionId: inspection.id,
                  n: f.n,
                  itemText: f.itemText,
                  note: f.note,
                  dueDate: f.rectifyBy,
                  pointsCents: f.pointsCents,
                  state: 'open' as const,
                  team: inspection.team,
                  history: [{ action: 'opened' as const, by: p.userId, at, note: '' }],
                  version: 1,
                },
              ]
            : [],
        )
      : [];
    await decideInspection(db, decided, version, { deductions, vetoes, rectifications });
    if (approved) await notifyInspectionApproved(db, decided, rectifications, now());
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
    if (current.state !== 'open')
      throw new ConflictError(
        current.state === 'closed' ? '该整改已销号' : '整改情况已报告，等待检查组审核',
        { state: current.state },
        'WRONG_STATE',
      );
    const next: Rectification = {
      ...current,
      state: 'answered',
      answer,
      history: [
        ...current.history,
        { action: 'answered', by: p.userId, at: now().toISOString(), note: answer },
      ],
    };
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
    if (current.state !== 'answered')
      throw new ConflictError('单位尚未报告整改情况，或已销号', { state: current.state }, 'WRONG_STATE');
    if (decision === 'return' && note.length < 2)
      throw new ValidationError('退回须说明理由', [{ path: 'body.note', message: '请填写退回理由' }]);
    const next: Rectification = {
      ...current,
      state: decision === 'close' ? 'closed' : 'open',
      history: [
        ...current.history,
        { action: decision === 'close' ? 'closed' : 'returned', by: p.userId, at: now().toISOString(), note },
      ],
    };
    const v = await saveRectification(db, next, version);
    await notifyRectificationReviewed(db, next, { decision, note }, now());
    return c.json({ ...next, version: v }, 200);
  });
