/**
 * Rater assignments (admin): assign raters to an indicator of a period for units or a whole
 * category, list them, and move one to another rater. A rater affiliated with a unit is never
 * assigned to it (回避).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { listAgreements } from '../../db/agreement-repo';
import { createAssignments, getAssignment, listPeriodAssignments, reassign } from '../../db/assignment-repo';
import { auditEntry } from '../../db/audit-repo';
import type { Db } from '../../db/client';
import { listUsers } from '../../db/org-repo';
import { getRating } from '../../db/score-repo';
import { contentInPeriod, isScored, PERIOD_NAMES } from '../../domain/agreements/in-force';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { User } from '../../schemas/org';
import {
  type Assignment,
  AssignmentSchema,
  AssignResultSchema,
  AssignWriteSchema,
  ReassignWriteSchema,
} from '../../schemas/scoring';
import { PeriodSchema } from '../../schemas/year';
import type { AppEnv } from '../env';
import { body, errorResponse, json, YearParams } from '../openapi';
import { protectedRoute } from '../route';

const listRoute = protectedRoute('assignments.read', {
  method: 'get',
  path: '/years/{year}/assignments',
  summary: '考核组成员分派（按考核期，可按单位、指标、成员筛选）',
  request: {
    params: YearParams,
    query: z.strictObject({
      period: PeriodSchema,
      unitId: z.string().max(48).optional(),
      code: z.string().max(16).optional(),
      raterId: z.string().max(48).optional(),
    }),
  },
  responses: { 200: json(z.array(AssignmentSchema), '分派') },
});
const assignRoute = protectedRoute('assignments.write', {
  method: 'post',
  path: '/years/{year}/assignments',
  summary: '分派考核组成员评分（指定单位或整个类别；与单位有关联的成员须回避）',
  request: { params: YearParams, ...body(AssignWriteSchema) },
  responses: { 200: json(AssignResultSchema, '已分派'), 409: errorResponse('须回避') },
});
const reassignRoute = protectedRoute('assignments.write', {
  method: 'post',
  path: '/years/{year}/assignments/reassign',
  summary: '改派：把一项分派转给另一位成员（已评的分留在审计记录中）',
  request: { params: YearParams, ...body(ReassignWriteSchema) },
  responses: {
    200: json(AssignmentSchema, '已改派'),
    404: errorResponse('分派不存在'),
    409: errorResponse('须回避'),
  },
});

/** The rater as a user who holds the rater role; refuses anyone else. */
const raterOf = (users: readonly User[], raterId: string, path: string): User => {
  const user = users.find((u) => u.id === raterId);
  if (!user?.roles.includes('rater')) {
    throw new ValidationError(`${raterId} 不是考核组成员`, [{ path, message: '请选择考核组成员' }]);
  }
  return user;
};

/** 回避: a rater affiliated with a unit never scores it. */
export const assertNotAffiliated = (
  rater: Pick<User, 'id' | 'name' | 'affiliatedUnitIds'>,
  unitId: string,
) => {
  if (rater.affiliatedUnitIds.includes(unitId)) {
    throw new ConflictError(
      `${rater.name}与该单位有关联，须回避，不能分派其评分该单位`,
      { raterId: rater.id, unitId },
      'CONFLICT_OF_INTEREST',
    );
  }
};

/** The signed agreements of the units (or the category) that assess `code` in `period`. */
const unitsAssessing = async (db: Db, year: number, input: z.infer<typeof AssignWriteSchema>) => {
  const agreements = (await listAgreements(db, year, input.categoryId)).filter(isScored);
  const wanted = input.unitIds ? new Set(input.unitIds) : undefined;
  const chosen = wanted ? agreements.filter((a) => wanted.has(a.unitId)) : agreements;
  if (wanted && chosen.length !== wanted.size) {
    const missing = [...wanted].filter((id) => !chosen.some((a) => a.unitId === id));
    throw new ValidationError('部分单位没有已签订的目标责任书', [
      { path: 'body.unitIds', message: `没有已签订的责任书：${missing.join('、')}` },
    ]);
  }
  const assessing = chosen.filter((a) =>
    (contentInPeriod(a, input.period) ?? []).some((d) =>
      d.leaves.some((l) => l.code === input.code && l.periods.includes(input.period)),
    ),
  );
  if (assessing.length === 0) {
    throw new ValidationError(`${PERIOD_NAMES[input.period]}没有单位考核指标 ${input.code}`, [
      { path: 'body.code', message: '该考核期没有单位考核此指标' },
    ]);
  }
  return assessing.map((a) => a.unitId);
};

export const assignmentRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => {
    const { year } = c.req.valid('param');
    const q = c.req.valid('query');
    const all = await listPeriodAssignments(c.get('deps').db, year, q.period, q.unitId);
    return c.json(
      all.filter((a) => (!q.code || a.code === q.code) && (!q.raterId || a.raterId === q.raterId)),
      200,
    );
  })
  .openapi(assignRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year } = c.req.valid('param');
    const input = c.req.valid('json');
    const users = await listUsers(db);
    const raters = input.raterIds.map((id, i) => raterOf(users, id, `body.raterIds.${i}`));
    const unitIds = await unitsAssessing(db, year, input);
    // Refused as a whole: an assignment that breaks 回避 is never half-written.
    for (const rater of raters) for (const unitId of unitIds) assertNotAffiliated(rater, unitId);
    const at = now().toISOString();
    const by = c.get('principal').userId;
    const assignments: Assignment[] = raters.flatMap((r) =>
      unitIds.map((unitId) => ({
        year,
        period: input.period,
        unitId,
        code: input.code,
        raterId: r.id,
        assignedBy: by,
        assignedAt: at,
        version: 1,
      })),
    );
    const result = await createAssignments(db, assignments);
    return c.json({ ...result, assignments }, 200);
  })
  .openapi(reassignRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year } = c.req.valid('param');
    const input = c.req.valid('json');
    const principal = c.get('principal');
    const users = await listUsers(db);
    const to = raterOf(users, input.toRaterId, 'body.toRaterId');
    assertNotAffiliated(to, input.unitId);
    const from = await getAssignment(db, { year, ...input, raterId: input.fromRaterId });
    if (!from) throw new NotFoundError('原分派');
    const rating = await getRating(db, year, input.unitId, input.period, input.code, input.fromRaterId);
    const at = now().toISOString();
    const moved: Assignment = {
      ...from,
      raterId: to.id,
      assignedBy: principal.userId,
      assignedAt: at,
      version: 1,
    };
    const entry = auditEntry({
      year,
      unitId: input.unitId,
      period: input.period,
      code: input.code,
      kind: 'reassign',
      by: principal.userId,
      byName: principal.name,
      at,
      old: { raterId: from.raterId, ...(rating ? { rating } : {}) },
      new: { raterId: to.id },
      reason: input.reason,
    });
    await reassign(db, from, moved, rating, entry);
    return c.json(moved, 200);
  });
