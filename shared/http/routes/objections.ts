/** Objections during publicity (公示与申诉): file, list, decide. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { seesEveryUnit } from '../../auth/visibility';
import { getAgreement } from '../../db/agreement-repo';
import {
  decideObjection,
  fileObjection,
  getObjection,
  listUnitObjections,
  listYearObjections,
} from '../../db/objection-repo';
import { getUnit, listUnitUsers } from '../../db/org-repo';
import { getYear } from '../../db/year-repo';
import { publicityClosesAt, shanghaiTime } from '../../domain/results/publicity';
import { ConflictError, ForbiddenError, ValidationError } from '../../errors';
import {
  inboxState,
  ObjectionDecisionSchema,
  ObjectionInboxStateSchema,
  ObjectionInputSchema,
  ObjectionSchema,
} from '../../schemas/objection';
import type { AppEnv } from '../env';
import { json, YearParams } from '../openapi';
import { protectedRoute } from '../route';

const fileRoute = protectedRoute('objections.write', {
  method: 'post',
  path: '/years/{year}/objections',
  summary: '对某项指标得分提出申诉（公示期内）',
  request: {
    params: YearParams,
    body: { required: true, content: { 'application/json': { schema: ObjectionInputSchema } } },
  },
  responses: { 201: json(ObjectionSchema, '已提交'), 409: json(z.any(), '不在公示期') },
});
const listRoute = protectedRoute('objections.read', {
  method: 'get',
  path: '/years/{year}/objections',
  summary: '申诉列表（单位只看本单位）；可按处理状态（待处理、待重新评分、已重新计算、不成立）和单位筛选',
  request: {
    params: YearParams,
    query: z.strictObject({
      state: ObjectionInboxStateSchema.optional(),
      unitId: z.string().min(1).max(48).optional(),
    }),
  },
  responses: { 200: json(z.array(ObjectionSchema), '申诉') },
});
const decideRoute = protectedRoute('objections.resolve', {
  method: 'post',
  path: '/years/{year}/units/{unitId}/objections/{objectionId}/decision',
  summary: '处理申诉：成立（重新评分）或不成立（说明理由）',
  request: {
    params: YearParams.extend({ unitId: z.string().min(1).max(48), objectionId: z.string().min(1).max(40) }),
    body: { required: true, content: { 'application/json': { schema: ObjectionDecisionSchema } } },
  },
  responses: { 200: json(ObjectionSchema, '已处理'), 409: json(z.any(), '已处理或版本冲突') },
});

export const objectionRoutes = new OpenAPIHono<AppEnv>()
  .openapi(fileRoute, async (c) => {
    const { db, now } = c.get('deps');
    const principal = c.get('principal');
    const { year } = c.req.valid('param');
    const input = c.req.valid('json');
    if (!principal.unitId) throw new ForbiddenError('只有单位负责人可以为本单位申诉');
    const yearItem = await getYear(db, year);
    const closes = publicityClosesAt(yearItem);
    if (yearItem.state !== 'publicity' || !closes) {
      throw new ConflictError('结果尚未公示，暂不能申诉', { state: yearItem.state }, 'NOT_IN_PUBLICITY');
    }
    if (now() >= closes) {
      throw new ConflictError(
        `公示期已于 ${shanghaiTime(closes)} 结束，不能再申诉`,
        { closesAt: closes.toISOString() },
        'WINDOW_CLOSED',
      );
    }
    const agreement = await getAgreement(db, year, principal.unitId);
    const leaf = agreement?.dimensions.flatMap((d) => d.leaves).find((l) => l.code === input.code);
    if (!leaf)
      throw new ValidationError('指标不存在', [
        { path: 'body.code', message: `本单位责任书中没有指标 ${input.code}` },
      ]);
    const unit = await getUnit(db, principal.unitId);
    const objection = await fileObjection(db, {
      year,
      unitId: unit.id,
      unitName: unit.name,
      code: leaf.code,
      leafName: leaf.name,
      reason: input.reason,
      evidence: input.evidence,
      filedBy: principal.userId,
      filedAt: now().toISOString(),
    });
    return c.json(objection, 201);
  })
  .openapi(listRoute, async (c) => {
    const { db } = c.get('deps');
    const principal = c.get('principal');
    const { year } = c.req.valid('param');
    const { state, unitId } = c.req.valid('query');
    const all = seesEveryUnit(principal)
      ? await listYearObjections(db, year)
      : principal.unitId
        ? await listUnitObjections(db, year, principal.unitId)
        : [];
    return c.json(
      all.filter((o) => (!state || inboxState(o) === state) && (!unitId || o.unitId === unitId)),
      200,
    );
  })
  .openapi(decideRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year, unitId, objectionId } = c.req.valid('param');
    const body = c.req.valid('json');
    const objection = await getObjection(db, year, unitId, objectionId);
    const users = await listUnitUsers(db, unitId);
    const decided = await decideObjection(
      db,
      objection,
      {
        state: body.decision,
        by: c.get('principal').userId,
        at: now(),
        reason: body.reason,
        expectedVersion: body.version,
      },
      users.map((u) => u.id),
    );
    return c.json(decided, 200);
  });
