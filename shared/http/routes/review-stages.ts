/**
 * Self-assessment (自查自评) and staged review (初审 → 复审 → 审定), docs/review-stages.md: the
 * unit's self scores and their submission, each stage's queue and decision, the offices doing
 * 初审, the distance 自评 − 审定 and the trace of one score (得分反查). Each handler parses,
 * authorizes (`shared/auth/review-stages.ts`), decides in `shared/domain/review-stages/` and writes
 * through `shared/db/review-repo.ts` (versioned, one audit entry per change).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { assertMayActAtStage, assertMayReadReviews, stageActor } from '../../auth/review-stages';
import type { Principal } from '../../auth/roles';
import { assertOwnUnit, assertUnitVisible } from '../../auth/visibility';
import { getAgreement } from '../../db/agreement-repo';
import { assignedAmong } from '../../db/assignment-repo';
import { auditEntry } from '../../db/audit-repo';
import type { Db } from '../../db/client';
import { listFiles } from '../../db/evidence-file-repo';
import { getUnit, getUnitsOf, listUsers } from '../../db/org-repo';
import { loadDistance } from '../../db/review-distance';
import { reviewReturnNotes } from '../../db/review-notes';
import {
  getReview,
  listPeriodReviews,
  listReviewOffices,
  listUnitReviews,
  putReviewOffice,
  writeReviews,
} from '../../db/review-repo';
import { getVerification, loadUnitPeriods } from '../../db/score-repo';
import { listItems } from '../../db/submission-item-repo';
import { getYear } from '../../db/year-repo';
import { scoringLeavesInPeriod } from '../../domain/results/agreement-to-scenario';
import {
  chainText,
  decideStage,
  emptyReview,
  isEnteredRule,
  isSelfAssessed,
  liveSelfScore,
  readSelfScore,
  reviewItems,
  reviewStagesOf,
  submitSelf,
  unitMayEdit,
  withSelfScore,
} from '../../domain/review-stages';
import { wCentsOf } from '../../domain/scoring-workflow';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../../errors';
import {
  DistanceReportSchema,
  REVIEW_STAGES,
  ReviewItemSchema,
  ReviewOfficeSchema,
  ReviewOfficeWriteSchema,
  ReviewStageSchema,
  SelfAssessmentSchema,
  SelfScoreWriteSchema,
  StageDecisionSchema,
  type StageReview,
  StageReviewSchema,
} from '../../schemas/review-stages';
import type { Leaf } from '../../schemas/scenario';
import type { AuditEntry } from '../../schemas/scoring';
import { EvidenceFileSchema } from '../../schemas/submission';
import { PERIODS, type Period, PeriodSchema } from '../../schemas/year';
import { afterCommit } from '../after-commit';
import type { AppEnv } from '../env';
import { body, errorResponse, json, pathInteger } from '../openapi';
import { protectedRoute } from '../route';

const Year = pathInteger(2000, 2100);
const Id = z.string().min(1).max(48);
const Code = z.string().min(1).max(16);
const UnitPeriodParams = z.object({ year: Year, unitId: Id, period: PeriodSchema });
const ItemParams = UnitPeriodParams.extend({ code: Code });

const selfAssessmentRoute = protectedRoute('selfassessment.read', {
  method: 'get',
  path: '/years/{year}/units/{unitId}/periods/{period}/self-assessment',
  summary: '单位自查自评：各指标自评分、自评说明与审核链（自评 → 初审 → 复审 → 审定）',
  request: { params: UnitPeriodParams },
  responses: { 200: json(SelfAssessmentSchema, '自评与审核') },
});
const selfScoreRoute = protectedRoute('selfassessment.write', {
  method: 'put',
  path: '/years/{year}/units/{unitId}/periods/{period}/self-assessment/{code}',
  summary: '填写一项指标的自评分与自评说明（公式类指标的自评分由填报值自动计算；带版本号）',
  request: { params: ItemParams, ...body(SelfScoreWriteSchema) },
  responses: { 200: json(ReviewItemSchema, '已保存'), 409: errorResponse('版本冲突或已提交') },
});
const submitSelfRoute = protectedRoute('selfassessment.submit', {
  method: 'post',
  path: '/years/{year}/units/{unitId}/periods/{period}/self-assessment/submit',
  summary: '提交本单位本期自评（交初审；退回的指标重新提交后从初审开始）',
  request: {
    params: UnitPeriodParams,
    ...body(z.strictObject({ confirm: z.literal(true, { error: '提交前须确认（confirm: true）' }) })),
  },
  responses: { 200: json(SelfAssessmentSchema, '已提交'), 409: errorResponse('尚有指标未自评或无可提交') },
});
const queueRoute = protectedRoute('reviews.read', {
  method: 'get',
  path: '/years/{year}/periods/{period}/review-queue',
  summary: '审核任务：本人可办理的初审 / 复审 / 审定事项（管理员为全部）',
  request: {
    params: z.object({ year: Year, period: PeriodSchema }),
    query: z.strictObject({ stage: ReviewStageSchema.optional() }),
  },
  responses: { 200: json(z.array(ReviewItemSchema), '审核任务') },
});
const decideRoute = protectedRoute('reviews.decide', {
  method: 'post',
  path: '/years/{year}/units/{unitId}/periods/{period}/reviews/{code}',
  summary: '审核一项指标：维持或调整上一环节的得分并转下一环节，或退回单位（带版本号；不能跳过环节）',
  request: { params: ItemParams, ...body(StageDecisionSchema) },
  responses: { 200: json(ReviewItemSchema, '已审核'), 409: errorResponse('环节不符或版本冲突') },
});
const distanceRoute = protectedRoute('reviews.distance', {
  method: 'get',
  path: '/years/{year}/review-distance',
  summary: '自评与审定的差距（自评 − 审定）：按单位、按指标',
  request: { params: z.object({ year: Year }) },
  responses: { 200: json(DistanceReportSchema, '差距') },
});
const officesRoute = protectedRoute('reviewOffices.read', {
  method: 'get',
  path: '/years/{year}/review-offices',
  summary: '各指标的初审科室及其成员',
  request: { params: z.object({ year: Year }) },
  responses: { 200: json(z.array(ReviewOfficeSchema), '初审科室') },
});
const putOfficeRoute = protectedRoute('reviewOffices.write', {
  method: 'put',
  path: '/years/{year}/review-offices/{code}',
  summary: '指定一项指标的初审科室及成员（成员须为考核组成员；带版本号）',
  request: { params: z.object({ year: Year, code: Code }), ...body(ReviewOfficeWriteSchema) },
  responses: { 200: json(ReviewOfficeSchema, '已保存'), 409: errorResponse('版本冲突') },
});
const TraceSchema = z
  .object({
    unitId: z.string(),
    code: z.string(),
    periods: z.array(
      z.object({
        period: PeriodSchema,
        reportedValue: z.union([z.number(), z.string(), z.boolean()]).nullable(),
        narrative: z.string().nullable(),
        verification: z
          .object({ value: z.unknown(), comment: z.string(), raterId: z.string(), at: z.string() })
          .nullable(),
        files: z.array(EvidenceFileSchema.pick({ fileId: true, name: true })),
        review: StageReviewSchema.nullable(),
        chain: z.string(),
      }),
    ),
  })
  .openapi('ScoreTrace');
const traceRoute = protectedRoute('results.read', {
  method: 'get',
  path: '/years/{year}/units/{unitId}/score-trace/{code}',
  summary: '得分反查：一项指标得分的来源（填报值与材料、核定值、审核链）',
  request: { params: z.object({ year: Year, unitId: Id, code: Code }) },
  responses: { 200: json(TraceSchema, '得分来源') },
});

const periodLeaves = async (db: Db, year: number, unitId: string, period: Period): Promise<Leaf[]> => {
  const agreement = await getAgreement(db, year, unitId);
  return agreement ? scoringLeavesInPeriod(agreement, period) : [];
};

/** The unit's period as the self-assessment page shows it. */
const unitPeriodView = async (db: Db, p: { year: number; unitId: string; period: Period }) => {
  const [year, unit, leaves, items, reviews] = await Promise.all([
    getYear(db, p.year),
    getUnit(db, p.unitId),
    periodLeaves(db, p.year, p.unitId, p.period),
    listItems(db, p),
    listUnitReviews(db, p.year, p.unitId, p.period),
  ]);
  return {
    year: p.year,
    unitId: p.unitId,
    period: p.period,
    selfAssessed: isSelfAssessed(year, p.period),
    stages: [...reviewStagesOf(year)],
    items: reviewItems({
      unitId: p.unitId,
      unitName: unit.name,
      period: p.period,
      leaves,
      reported: new Map(items.map((i) => [i.code, i.value])),
      reviews: new Map(reviews.map((r) => [r.code, r])),
    }),
  };
};

const oneItem = async (db: Db, p: z.infer<typeof ItemParams>) => {
  const view = await unitPeriodView(db, p);
  const item = view.items.find((i) => i.code === p.code);
  if (!item) throw new NotFoundError(`本期指标 ${p.code}`);
  return item;
};

const entryFor = (
  p: { year: number; unitId: string; period: Period; code: string },
  kind: AuditEntry['kind'],
  principal: Principal,
  at: string,
  old: StageReview | null,
  next: StageReview,
  reason: string,
) =>
  auditEntry({
    year: p.year,
    unitId: p.unitId,
    period: p.period,
    code: p.code,
    kind,
    by: principal.userId,
    byName: principal.name,
    at,
    old: old ? { status: old.status, self: old.self, last: old.steps.at(-1) ?? null } : null,
    new: { status: next.status, self: next.self, last: next.steps.at(-1) ?? null },
    reason,
  });

const assertSelfAssessed = async (db: Db, year: number, period: Period) => {
  if (!isSelfAssessed(await getYear(db, year), period))
    throw new ConflictError('本期不进行自查自评', { state: period }, 'WRONG_STATE');
};

export const reviewStageRoutes = new OpenAPIHono<AppEnv>()
  .openapi(selfAssessmentRoute, async (c) => {
    const { db } = c.get('deps');
    const p = c.req.valid('param');
    await assertMayReadReviews(db, c.get('principal'), p.year, p.unitId);
    return c.json(await unitPeriodView(db, p), 200);
  })
  .openapi(selfScoreRoute, async (c) => {
    const { db, now } = c.get('deps');
    const p = c.req.valid('param');
    const input = c.req.valid('json');
    const principal = c.get('principal');
    assertOwnUnit(principal, p.unitId, '只能填写本单位的自评');
    await assertSelfAssessed(db, p.year, p.period);
    const [leaves, item, stored] = await Promise.all([
      periodLeaves(db, p.year, p.unitId, p.period),
      listItems(db, p).then((items) => items.find((i) => i.code === p.code)),
      getReview(db, p.year, p.unitId, p.period, p.code),
    ]);
    const leaf = leaves.find((l) => l.code === p.code);
    if (!leaf) throw new NotFoundError(`本期指标 ${p.code}`);
    const current = stored ?? emptyReview(p.unitId, p.period, p.code);
    if (current.version !== input.version) throw new StaleVersionError(current.version, stored ?? null);
    const figure = readSelfScore(leaf, input, item?.value);
    const at = now().toISOString();
    const next = withSelfScore(current, { ...figure, note: input.note }, principal, at);
    const entry = entryFor(p, 'self_assess', principal, at, stored ?? null, next, input.note);
    await writeReviews(db, p.year, [{ next, expectedVersion: current.version }], [entry]);
    return c.json(await oneItem(db, p), 200);
  })
  .openapi(submitSelfRoute, async (c) => {
    const { db, now } = c.get('deps');
    const p = c.req.valid('param');
    const principal = c.get('principal');
    assertOwnUnit(principal, p.unitId, '只能提交本单位的自评');
    const [year, leaves, items, reviews] = await Promise.all([
      getYear(db, p.year),
      periodLeaves(db, p.year, p.unitId, p.period),
      listItems(db, p),
      listUnitReviews(db, p.year, p.unitId, p.period),
    ]);
    if (!isSelfAssessed(year, p.period))
      throw new ConflictError('本期不进行自查自评', { state: p.period }, 'WRONG_STATE');
    const byCode = new Map(reviews.map((r) => [r.code, r]));
    const reported = new Map(items.map((i) => [i.code, i.value]));
    const missing = leaves.filter((l) => !byCode.get(l.code)?.self);
    if (missing.length > 0)
      throw new ConflictError(
        `尚有 ${missing.length} 项指标未自评：${missing.map((l) => l.name).join('、')}`,
        { details: missing.map((l) => ({ path: l.code, message: `${l.name} 未自评` })) },
        'INCOMPLETE',
      );
    const at = now().toISOString();
    const changes = leaves
      .map((leaf) => byCode.get(leaf.code) as StageReview)
      .filter(unitMayEdit)
      .map((review) => {
        const leaf = leaves.find((l) => l.code === review.code) as Leaf;
        // A formula leaf's self score follows the reported value as it stands at submission.
        const live = isEnteredRule(leaf) ? null : liveSelfScore(leaf, reported.get(leaf.code));
        const self =
          review.self && live
            ? { ...review.self, pointsCents: live.cents, explanation: live.explanation }
            : review.self;
        return { old: review, next: submitSelf({ ...review, self }, reviewStagesOf(year), principal, at) };
      });
    if (changes.length === 0)
      throw new ConflictError('本期自评已全部提交，正在审核', {}, 'NOTHING_TO_SUBMIT');
    await writeReviews(
      db,
      p.year,
      changes.map(({ old, next }) => ({ next, expectedVersion: old.version })),
      changes.map(({ old, next }) =>
        entryFor({ ...p, code: next.code }, 'self_submit', principal, at, old, next, next.self?.note ?? ''),
      ),
    );
    return c.json(await unitPeriodView(db, p), 200);
  })
  .openapi(queueRoute, async (c) => {
    const { db } = c.get('deps');
    const { year, period } = c.req.valid('param');
    const { stage } = c.req.valid('query');
    const principal = c.get('principal');
    const stages = (stage ? [stage] : REVIEW_STAGES).filter(
      (s) => s !== 'final' || principal.roles.includes('admin'),
    );
    const [may, waiting] = await Promise.all([
      stageActor(db, principal, year),
      Promise.all(stages.map((s) => listPeriodReviews(db, year, period, s))).then((r) => r.flat()),
    ]);
    // A rater's 复审 is the waiting items they are assigned: those assignments read by key, not their queue.
    const assigned = principal.roles.includes('rater')
      ? await assignedAmong(
          db,
          year,
          principal.userId,
          period,
          waiting.filter((r) => r.status === 'second'),
        )
      : new Set<string>();
    const mine = waiting.filter((r) =>
      may(r, r.status as (typeof REVIEW_STAGES)[number], (u, code) => assigned.has(`${u}#${code}`)),
    );
    const [units, names] = await Promise.all([
      loadUnitPeriods(
        db,
        year,
        period,
        mine.map((r) => r.unitId),
      ),
      getUnitsOf(
        db,
        mine.map((r) => r.unitId),
      ),
    ]);
    const nameOf = new Map(names.map((u) => [u.id, u.name]));
    const items = units.flatMap((u) => {
      const reviews = new Map(mine.filter((r) => r.unitId === u.unitId).map((r) => [r.code, r]));
      return reviewItems(
        {
          unitId: u.unitId,
          unitName: nameOf.get(u.unitId) ?? u.unitId,
          period,
          leaves: [...u.leaves.values()],
          reported: new Map([...u.items.values()].map((i) => [i.code, i.value])),
          reviews,
        },
        (code) => reviews.has(code),
      );
    });
    return c.json(items, 200);
  })
  .openapi(decideRoute, async (c) => {
    const { db, now } = c.get('deps');
    const p = c.req.valid('param');
    const input = c.req.valid('json');
    const principal = c.get('principal');
    await assertMayActAtStage(db, principal, { ...p, stage: input.stage });
    const [year, leaves, stored] = await Promise.all([
      getYear(db, p.year),
      periodLeaves(db, p.year, p.unitId, p.period),
      getReview(db, p.year, p.unitId, p.period, p.code),
    ]);
    const leaf = leaves.find((l) => l.code === p.code);
    if (!leaf) throw new NotFoundError(`本期指标 ${p.code}`);
    if (!stored) throw new ConflictError(`单位尚未提交自评，不能审核`, { state: 'draft' }, 'WRONG_STATE');
    if (stored.version !== input.version) throw new StaleVersionError(stored.version, stored);
    const at = now().toISOString();
    const next = decideStage(stored, input, wCentsOf(leaf), reviewStagesOf(year), principal, at);
    const entry = entryFor(p, 'stage_review', principal, at, stored, next, input.reason);
    const notes =
      next.status === 'returned'
        ? await reviewReturnNotes(
            db,
            { ...p, name: leaf.name },
            { ...input, byName: principal.name },
            new Date(at),
          )
        : [];
    await writeReviews(db, p.year, [{ next, expectedVersion: stored.version }], [entry], notes);
    // The notice is in the return's transaction; its robot / e-mail messages follow it (docs/notifications.md).
    if (notes.length > 0) {
      await afterCommit(c.var.deps.logger, 'outside messages of a review return', async () =>
        (await import('../../notify/admin')).enqueueForNotes(db, notes, new Date(at)),
      );
    }
    return c.json(await oneItem(db, p), 200);
  })
  .openapi(distanceRoute, async (c) => {
    const { year } = c.req.valid('param');
    return c.json(await loadDistance(c.get('deps').db, year), 200);
  })
  .openapi(officesRoute, async (c) =>
    c.json(await listReviewOffices(c.get('deps').db, c.req.valid('param').year), 200),
  )
  .openapi(putOfficeRoute, async (c) => {
    const { db } = c.get('deps');
    const { year, code } = c.req.valid('param');
    const { version, office, memberIds } = c.req.valid('json');
    const users = new Map((await listUsers(db)).map((u) => [u.id, u]));
    const wrong = memberIds.filter((id) => !users.get(id)?.roles.includes('rater'));
    if (wrong.length > 0)
      throw new ValidationError('科室成员有误', [
        { path: 'body.memberIds', message: `科室成员须为考核组成员：${wrong.join('、')} 不是` },
      ]);
    const members = [...new Set(memberIds)];
    const next = await putReviewOffice(db, year, { code, office, memberIds: members }, version);
    return c.json({ code, office, memberIds: members, version: next }, 200);
  })
  .openapi(traceRoute, async (c) => {
    const { db } = c.get('deps');
    const { year, unitId, code } = c.req.valid('param');
    await assertUnitVisible(db, c.get('principal'), unitId, year);
    const agreement = await getAgreement(db, year, unitId);
    const periods = agreement
      ? PERIODS.filter((p) => scoringLeavesInPeriod(agreement, p).some((l) => l.code === code))
      : [];
    if (periods.length === 0) throw new NotFoundError(`指标 ${code}`);
    const rows = await Promise.all(
      periods.map(async (period) => {
        const up = { year, unitId, period };
        const [items, verification, files, review] = await Promise.all([
          listItems(db, up),
          getVerification(db, year, unitId, period, code),
          listFiles(db, up, code),
          getReview(db, year, unitId, period, code),
        ]);
        const item = items.find((i) => i.code === code);
        return {
          period,
          reportedValue: item?.value ?? null,
          narrative: item?.narrative ?? null,
          verification: verification
            ? {
                value: verification.occurrences ?? verification.completion ?? verification.verifiedValue,
                comment: verification.comment,
                raterId: verification.raterId,
                at: verification.at,
              }
            : null,
          files: files.filter((f) => f.state === 'ready').map((f) => ({ fileId: f.fileId, name: f.name })),
          review: review ?? null,
          chain: chainText(review ?? null),
        };
      }),
    );
    return c.json({ unitId, code, periods: rows }, 200);
  });
