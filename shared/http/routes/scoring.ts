/**
 * Committee scoring (考核评分): the rater's queue, score writes (verified values and ratings) with
 * the engine's live score, finalizing and reopening a rater's sheet, the append-only audit trail
 * and the admin's progress view. Returning an item to the unit is the submissions' review
 * (`…/items/{code}/review`): one transition, one route, one audit entry.
 */

import { OpenAPIHono, z } from '@hono/zod-openapi';
import { assertAssignedRater, withoutRecusals } from '../../auth/assignments';
import type { Principal } from '../../auth/roles';
import { auditVisibleTo, queueOwnerFor } from '../../auth/visibility';
import {
  getSheet,
  listPeriodAssignments,
  listRaterAssignments,
  listSheets,
  writeSheet,
} from '../../db/assignment-repo';
import { auditEntry, listAudit } from '../../db/audit-repo';
import type { Db } from '../../db/client';
import { notifySheetReopened } from '../../db/event-notes';
import { getUnitsOf, listUnits, listUsers } from '../../db/org-repo';
import { countedScoringProgress } from '../../db/progress-counts';
import { countRaterQueue, pageRaterAssignments } from '../../db/queue-pages';
import { computedLive } from '../../db/results-run-repo';
import {
  getRating,
  getScoringLeaf,
  getVerification,
  loadUnitPeriods,
  type ScoreRecord,
  writeScore,
} from '../../db/score-repo';
import { readScore } from '../../domain/scoring-workflow';
import { finalizeSheet, reopenSheet } from '../../domain/scoring-workflow/sheet';
import { assignedRaterIds, raterQueue, scoringProgress } from '../../domain/scoring-workflow/unit-period';
import { NotFoundError, SheetFinalizedError, StaleVersionError, ValidationError } from '../../errors';
import type { RatingRecord, Verification } from '../../schemas/facts';
import type { Leaf } from '../../schemas/scenario';
import {
  type Assignment,
  AuditEntrySchema,
  type QueuePage,
  QueuePageSchema,
  QueueSchema,
  RaterSheetSchema,
  ScoreResultSchema,
  ScoreWriteSchema,
  ScoringProgressSchema,
} from '../../schemas/scoring';
import { type Period, PeriodSchema } from '../../schemas/year';
import { afterCommit } from '../after-commit';
import type { AppEnv } from '../env';
import { body, errorResponse, json, pathInteger } from '../openapi';
import { cursorQuery, encodeCursor, PageSizeQuery, QueuePositionSchema } from '../page-cursor';
import { protectedRoute } from '../route';

const Year = pathInteger(2000, 2100);
const Id = z.string().min(1).max(48);
const PeriodParams = z.object({ year: Year, period: PeriodSchema });
const ScoreParams = z.object({
  year: Year,
  unitId: Id,
  period: PeriodSchema,
  code: z.string().min(1).max(16),
});

const queueRoute = protectedRoute('scores.read', {
  method: 'get',
  path: '/years/{year}/periods/{period}/scoring-queue',
  summary: '评分任务：本人本期分派的指标及状态（待评 / 已评 / 已退回），可按单位、指标筛选',
  request: {
    params: PeriodParams,
    query: z.strictObject({
      unitId: Id.optional(),
      code: z.string().max(16).optional(),
      raterId: Id.optional(),
    }),
  },
  responses: { 200: json(QueueSchema, '评分任务') },
});
const queuePageRoute = protectedRoute('scores.read', {
  method: 'get',
  path: '/years/{year}/periods/{period}/scoring-queue-pages',
  summary: '评分任务（按单位分页）：本人本期分派的指标，一页若干单位；首页附分派与已评总数',
  request: {
    params: PeriodParams,
    query: z.strictObject({
      raterId: Id.optional(),
      pageSize: PageSizeQuery,
      cursor: cursorQuery(QueuePositionSchema).optional(),
    }),
  },
  responses: { 200: json(QueuePageSchema, '评分任务的一页') },
});
const scoreRoute = protectedRoute('scores.write', {
  method: 'put',
  path: '/years/{year}/units/{unitId}/periods/{period}/scores/{code}',
  summary: '核定或评分一项指标（带版本号；返回引擎计算的得分与计分说明）',
  request: { params: ScoreParams, ...body(ScoreWriteSchema) },
  responses: {
    200: json(ScoreResultSchema, '已保存'),
    409: errorResponse('版本冲突或评分表已定稿'),
  },
});
const finalizeRoute = protectedRoute('scores.finalize', {
  method: 'post',
  path: '/years/{year}/periods/{period}/sheet/finalize',
  summary: '定稿本人本期评分表（定稿后不能再修改）',
  request: {
    params: PeriodParams,
    ...body(z.strictObject({ confirm: z.literal(true, { error: '定稿前须确认（confirm: true）' }) })),
  },
  responses: { 200: json(RaterSheetSchema, '已定稿'), 409: errorResponse('已定稿，或仍有未评分的项') },
});
const reopenRoute = protectedRoute('scores.reopen', {
  method: 'post',
  path: '/years/{year}/periods/{period}/raters/{raterId}/sheet/reopen',
  summary: '重新开放成员已定稿的评分表（须写明原因）',
  request: {
    params: PeriodParams.extend({ raterId: Id }),
    ...body(z.strictObject({ reason: z.string().trim().min(2, '请填写重新开放的原因').max(500) })),
  },
  responses: { 200: json(RaterSheetSchema, '已重新开放'), 409: errorResponse('未定稿') },
});
const auditRoute = protectedRoute('audit.read', {
  method: 'get',
  path: '/years/{year}/units/{unitId}/audit',
  summary: '单位评分记录（审计，只读，按时间先后）；考核组成员只看分派给本人的指标，不含其他成员的评分',
  request: {
    params: z.object({ year: Year, unitId: Id }),
    query: z.strictObject({ code: z.string().max(16).optional(), period: PeriodSchema.optional() }),
  },
  responses: { 200: json(z.array(AuditEntrySchema), '审计记录') },
});
const progressRoute = protectedRoute('assignments.read', {
  method: 'get',
  path: '/years/{year}/periods/{period}/scoring-progress',
  summary: '评分进度：按成员、按指标统计已评 / 待评 / 已退回，评分差异预警',
  request: { params: PeriodParams },
  responses: { 200: json(ScoringProgressSchema, '评分进度') },
});

const scoringLeaf = async (db: Db, p: z.infer<typeof ScoreParams>): Promise<Leaf> => {
  const leaf = await getScoringLeaf(db, p.year, p.unitId, p.period, p.code);
  if (!leaf) throw new NotFoundError(`本期指标 ${p.code}`);
  return leaf;
};

const assertSheetOpen = async (db: Db, year: number, raterId: string, period: Period) => {
  const sheet = await getSheet(db, year, raterId, period);
  if (sheet.state === 'finalized') throw new SheetFinalizedError(sheet);
};

/** The queue of these assignments (less recusals): their units' periods, names and the rater's sheet. */
const queueOf = async (
  db: Db,
  q: { year: number; period: Period; raterId: string },
  listed: readonly Assignment[],
  unitNames: (unitIds: string[]) => Promise<readonly { id: string; name: string }[]>,
) => {
  const { year, period, raterId } = q;
  const assignments = await withoutRecusals(db, raterId, listed);
  const unitIds = [...new Set(assignments.map((a) => a.unitId))];
  const [units, sheet, names] = await Promise.all([
    loadUnitPeriods(db, year, period, unitIds),
    getSheet(db, year, raterId, period),
    unitNames(unitIds),
  ]);
  return raterQueue({ year, period, raterId, sheet, assignments, units, unitNames: names });
};

/** A rater's queue of a period (their assignments less recusals), optionally of one unit or code. */
const loadQueue = async (
  db: Db,
  q: {
    year: number;
    period: Period;
    raterId: string;
    unitId?: string | undefined;
    code?: string | undefined;
  },
) => {
  const listed = await listRaterAssignments(db, q.year, q.raterId, q.period, q.unitId);
  return queueOf(
    db,
    q,
    listed.filter((a) => !q.code || a.code === q.code),
    () => listUnits(db),
  );
};

/** A page of a rater's queue by units: only the page's units are read; the totals on the first page. */
const loadQueuePage = async (
  db: Db,
  q: { year: number; period: Period; raterId: string; pageSize: number; afterUnitId?: string | undefined },
): Promise<QueuePage> => {
  const { year, period, raterId } = q;
  const page = await pageRaterAssignments(db, { ...q, units: q.pageSize });
  const [queue, totals] = await Promise.all([
    queueOf(db, q, page.assignments, (unitIds) => getUnitsOf(db, unitIds)),
    q.afterUnitId ? null : countRaterQueue(db, year, raterId, period),
  ]);
  return { ...queue, next: page.next && encodeCursor({ unitId: page.next }), totals };
};

const withoutVersion = <T extends { version?: number }>({ version: _version, ...rest }: T) => rest;

const auditBase = (principal: Principal, at: string) => ({
  by: principal.userId,
  byName: principal.name,
  at,
});

export const scoringRoutes = new OpenAPIHono<AppEnv>()
  .openapi(queueRoute, async (c) => {
    const { db } = c.get('deps');
    const { year, period } = c.req.valid('param');
    const q = c.req.valid('query');
    const principal = c.get('principal');
    // A rater reads their own queue; the admin may read anyone's.
    const raterId = queueOwnerFor(principal, q.raterId);
    return c.json(await loadQueue(db, { year, period, raterId, unitId: q.unitId, code: q.code }), 200);
  })
  .openapi(queuePageRoute, async (c) => {
    const { db } = c.get('deps');
    const { year, period } = c.req.valid('param');
    const q = c.req.valid('query');
    // As the whole queue: a rater reads their own pages; a cursor only says where in them to start.
    const raterId = queueOwnerFor(c.get('principal'), q.raterId);
    const page = await loadQueuePage(db, {
      year,
      period,
      raterId,
      pageSize: q.pageSize,
      afterUnitId: q.cursor?.unitId,
    });
    return c.json(page, 200);
  })
  .openapi(scoreRoute, async (c) => {
    const { db, now } = c.get('deps');
    const p = c.req.valid('param');
    const input = c.req.valid('json');
    const principal = c.get('principal');
    const [, leaf] = await Promise.all([assertAssignedRater(db, principal, p), scoringLeaf(db, p)]);
    const reading = readScore(leaf, input, principal.userId);
    if (!reading.ok) throw new ValidationError('评分有误', reading.details);
    const { fields, computed } = reading;
    const [, current] = await Promise.all([
      assertSheetOpen(db, p.year, principal.userId, p.period),
      fields.kind === 'rating'
        ? getRating(db, p.year, p.unitId, p.period, p.code, principal.userId)
        : getVerification(db, p.year, p.unitId, p.period, p.code),
    ]);
    if ((current?.version ?? 0) !== input.version)
      throw new StaleVersionError(current?.version ?? 0, current ?? null);
    const at = now().toISOString();
    const base = {
      unitId: p.unitId,
      period: p.period,
      code: p.code,
      raterId: principal.userId,
      comment: input.comment,
      at,
    };
    const { kind, ...stored } = fields;
    const score: ScoreRecord =
      kind === 'rating'
        ? { kind, record: { ...base, ...stored, version: input.version + 1 } as RatingRecord }
        : { kind, record: { ...base, ...stored, version: input.version + 1 } as Verification };
    const entry = auditEntry({
      year: p.year,
      unitId: p.unitId,
      period: p.period,
      code: p.code,
      kind: kind === 'rating' ? 'rate' : 'verify',
      ...auditBase(principal, at),
      old: current ? withoutVersion(current) : null,
      new: { ...stored, comment: input.comment, raterId: principal.userId },
      reason: input.comment,
    });
    await writeScore(db, p.year, score, input.version, principal.userId, entry);
    return c.json({ kind, record: { ...score.record }, version: input.version + 1, computed }, 200);
  })
  .openapi(finalizeRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year, period } = c.req.valid('param');
    const principal = c.get('principal');
    const [sheet, assignments, queue] = await Promise.all([
      getSheet(db, year, principal.userId, period),
      listRaterAssignments(db, year, principal.userId, period),
      loadQueue(db, { year, period, raterId: principal.userId }),
    ]);
    const unscored = queue.items.filter((i) => i.state === 'pending');
    const { next, entries } = finalizeSheet(sheet, assignments, principal, now(), unscored);
    await writeSheet(db, sheet, next, entries.map(auditEntry));
    return c.json(next, 200);
  })
  .openapi(reopenRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year, period, raterId } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const principal = c.get('principal');
    const [sheet, assignments] = await Promise.all([
      getSheet(db, year, raterId, period),
      listRaterAssignments(db, year, raterId, period),
    ]);
    const { next, entries } = reopenSheet(sheet, assignments, reason, principal, now());
    await writeSheet(db, sheet, next, entries.map(auditEntry));
    await afterCommit(c.get('deps').logger, 'notify sheet reopened', () =>
      notifySheetReopened(db, { year, raterId, period }, reason, now()),
    );
    return c.json(next, 200);
  })
  .openapi(auditRoute, async (c) => {
    const { db } = c.get('deps');
    const { year, unitId } = c.req.valid('param');
    const { code, period } = c.req.valid('query');
    const visible = await auditVisibleTo(db, c.get('principal'), year, unitId);
    const entries = await listAudit(db, year, unitId, code);
    return c.json(visible(period ? entries.filter((e) => e.period === period) : entries), 200);
  })
  .openapi(progressRoute, async (c) => {
    const { db, liveResultsMaxUnits } = c.get('deps');
    const { year, period } = c.req.valid('param');
    // A municipal year: each rater's counts by counting Queries, not every unit's period read.
    if (!(await computedLive(db, year, liveResultsMaxUnits))) {
      return c.json(await countedScoringProgress(db, year, period), 200);
    }
    const assignments = await listPeriodAssignments(db, year, period);
    const [units, users, sheets] = await Promise.all([
      loadUnitPeriods(
        db,
        year,
        period,
        assignments.map((a) => a.unitId),
      ),
      listUsers(db),
      listSheets(db, year, period, assignedRaterIds(assignments)),
    ]);
    return c.json(scoringProgress({ year, period, assignments, units, users, sheets }), 200);
  });
