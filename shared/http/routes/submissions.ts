/**
 * Quarter-end evidence (季度材料上报): the unit's worksheet, saving an item, the unit head's period
 * submission (idempotent), the rater's review, the admin's extensions and progress matrix.
 * Windows are judged by the server's clock (`deps.now()`).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { assertMayReview, reviewableCodes } from '../../auth/assignments';
import { assertOwnUnit, assertUnitVisible, inScope, unitsVisibleTo } from '../../auth/visibility';
import { listAgreements } from '../../db/agreement-repo';
import { auditEntry, auditRecord } from '../../db/audit-repo';
import type { Db } from '../../db/client';
import { periodSubmissionScope } from '../../db/keys';
import { addNotifications, notificationRecord } from '../../db/notification-repo';
import { getUnit, listCategories, listUnits } from '../../db/org-repo';
import { agreementForReporting, yearForReporting } from '../../db/reporting-cache';
import {
  deleteExtension,
  getExtension,
  getPeriodSubmission,
  getReportingAgreement,
  getSubmissionItem,
  listFiles,
  listItems,
  listPeriodRecords,
  putExtension,
  replayOf,
  reviewItem,
  saveItem,
  submitPeriod,
  type UnitPeriod,
} from '../../db/submission-repo';
import { notesForUnit, type UnitNote } from '../../db/unit-notes';
import { getYear } from '../../db/year-repo';
import { contentInPeriod } from '../../domain/agreements/in-force';
import { indicatorsForPeriod } from '../../domain/submissions/indicators';
import { buildProgress } from '../../domain/submissions/progress';
import { checkReportedValue } from '../../domain/submissions/values';
import { effectiveClose, endOfBeijingDay, formatBeijing, windowState } from '../../domain/submissions/window';
import { NotFoundError, ValidationError } from '../../errors';
import {
  ExtensionSchema,
  ExtensionWriteSchema,
  ItemWriteSchema,
  ProgressPageSchema,
  ProgressQuerySchema,
  ProgressSchema,
  ReviewSchema,
  SubmissionItemSchema,
  type SubmitResult,
  SubmitResultSchema,
  type ValueSource,
  WorksheetSchema,
} from '../../schemas/submission';
import type { Period } from '../../schemas/year';
import { afterCommit } from '../after-commit';
import type { AppEnv } from '../env';
import {
  assertWindowOpen,
  ItemParams,
  indicatorOf,
  PERIOD_LABELS,
  periodWindow,
  signedAgreement,
  UnitPeriodParams,
} from '../guards';
import { body, errorResponse, json } from '../openapi';
import { assertCursorInCategory, CategoryPageQuery } from '../page-cursor';
import { loadProgressPage } from '../progress-page';
import { protectedRoute } from '../route';

const YearPeriodParams = UnitPeriodParams.omit({ unitId: true });
const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8, '幂等键至少 8 个字符')
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, '幂等键只能包含字母、数字、下划线和连字符')
    .meta({ description: '每次操作生成一个（如 UUID），重试时沿用；同一个键只会写入一次' }),
});

/** Notifications for every user of a unit (its reporters and head). */
const notifyUnit = (db: Db, unitId: string, at: Date, note: UnitNote) => notesForUnit(db, unitId, at, note);

const worksheetLink = (p: UnitPeriod) => `/submissions?year=${p.year}&period=${p.period}&unit=${p.unitId}`;

// ── routes ─────────────────────────────────────────────────────────────────────────────────────

const worksheetRoute = protectedRoute('items.read', {
  method: 'get',
  path: '/years/{year}/units/{unitId}/periods/{period}/worksheet',
  summary: '单位季度上报表（指标、填报值、材料、状态）',
  request: { params: UnitPeriodParams },
  responses: {
    200: json(WorksheetSchema, '上报表'),
    404: errorResponse('不存在'),
    409: errorResponse('未签订'),
  },
});

const saveItemRoute = protectedRoute('items.write', {
  method: 'put',
  path: '/years/{year}/units/{unitId}/periods/{period}/items/{code}',
  summary: '保存一项指标的填报值和情况说明（草稿或被退回的指标）',
  request: { params: ItemParams, ...body(ItemWriteSchema) },
  responses: {
    200: json(SubmissionItemSchema, '已保存'),
    409: errorResponse('已截止、已锁定或版本冲突'),
  },
});

const submitRoute = protectedRoute('submissions.submit', {
  method: 'post',
  path: '/years/{year}/units/{unitId}/periods/{period}/submission',
  summary: '单位负责人提交本期材料（锁定各指标；被退回的指标重新提交）',
  request: { params: UnitPeriodParams, headers: IdempotencyHeaders, ...body(z.strictObject({})) },
  responses: {
    200: json(SubmitResultSchema, '已提交（重试时返回第一次的结果）'),
    409: errorResponse('已截止、未填完或无需提交'),
    422: errorResponse('幂等键已用于另一请求'),
  },
});

const reviewRoute = protectedRoute('items.review', {
  method: 'post',
  path: '/years/{year}/units/{unitId}/periods/{period}/items/{code}/review',
  summary:
    '审核一项指标：通过或退回补充（须写明原因）。仅限分派该单位该指标本期的考核组成员（有关联者回避）或管理员，每次审核记入审计',
  request: { params: ItemParams, ...body(ReviewSchema) },
  responses: { 200: json(SubmissionItemSchema, '已审核'), 409: errorResponse('状态不符或版本冲突') },
});

const putExtensionRoute = protectedRoute('extensions.write', {
  method: 'put',
  path: '/years/{year}/units/{unitId}/periods/{period}/extension',
  summary: '为单位延长本期上报截止时间（至某日 24 时，须写明原因）',
  request: { params: UnitPeriodParams, ...body(ExtensionWriteSchema) },
  responses: { 200: json(ExtensionSchema, '已延期') },
});

const deleteExtensionRoute = protectedRoute('extensions.write', {
  method: 'delete',
  path: '/years/{year}/units/{unitId}/periods/{period}/extension',
  summary: '撤销单位本期延期',
  request: { params: UnitPeriodParams },
  responses: { 204: { description: '已撤销' }, 404: errorResponse('没有延期') },
});

const progressRoute = protectedRoute('progress.read', {
  method: 'get',
  path: '/years/{year}/periods/{period}/progress',
  summary: '本期上报进度（单位 × 指标）',
  request: { params: YearPeriodParams, query: ProgressQuerySchema },
  responses: { 200: json(ProgressSchema, '进度') },
});

const progressPageRoute = protectedRoute('progress.read', {
  method: 'get',
  path: '/years/{year}/periods/{period}/progress-pages',
  summary: '本期上报进度，一次一页单位（按类别、单位排序），附全年度已提交 / 未提交 / 逾期单位数',
  request: {
    params: YearPeriodParams,
    query: CategoryPageQuery,
  },
  responses: {
    200: json(ProgressPageSchema, '一页进度'),
    400: errorResponse('翻页位置或每页条数无效'),
  },
});

export const loadProgress = async (
  db: Db,
  year: number,
  period: Period,
  query: z.infer<typeof ProgressQuerySchema>,
) => {
  const [yearRecord, units, categories, agreements, records] = await Promise.all([
    getYear(db, year),
    listUnits(db),
    listCategories(db),
    listAgreements(db, year),
    listPeriodRecords(db, year, period),
  ]);
  const signed = new Map(
    agreements.flatMap((a) => {
      const content = contentInPeriod(a, period);
      return content ? [[a.unitId, content] as const] : [];
    }),
  );
  return buildProgress(
    {
      year,
      period,
      closesAt: periodWindow(yearRecord, period).closesAt,
      units,
      categories,
      agreements: signed,
      agreementStates: new Map(agreements.map((a) => [a.unitId, a.state])),
      ...records,
    },
    query,
  );
};

/** A value taken from an uploaded summary names a checked evidence file of the same period. */
const assertSourceFile = async (db: Db, p: UnitPeriod, source?: ValueSource) => {
  if (source?.kind !== 'file') return;
  const fileId = source.fileId;
  const found = fileId && (await listFiles(db, p)).some((f) => f.fileId === fileId && f.state === 'ready');
  if (!found) {
    const message = '工作总结文件不是本期已上传的材料';
    throw new ValidationError(message, [{ path: 'body.source.fileId', message }]);
  }
};

export const submissionRoutes = new OpenAPIHono<AppEnv>()
  .openapi(worksheetRoute, async (c) => {
    const { db, now } = c.get('deps');
    const p = c.req.valid('param');
    await assertUnitVisible(db, c.get('principal'), p.unitId, p.year);
    const [year, unit, dimensions, items, files, extension, periodSubmission, reviewable] = await Promise.all(
      [
        getYear(db, p.year),
        getUnit(db, p.unitId),
        signedAgreement(db, p.year, p.unitId, p.period),
        listItems(db, p),
        listFiles(db, p),
        getExtension(db, p),
        getPeriodSubmission(db, p),
        reviewableCodes(db, c.get('principal'), p),
      ],
    );
    const window = periodWindow(year, p.period);
    const state = windowState(window, now(), extension);
    const itemOf = new Map(items.map((i) => [i.code, i]));
    return c.json(
      {
        year: p.year,
        unitId: p.unitId,
        unitName: unit.name,
        period: p.period,
        window: {
          opensAt: window.opensAt,
          closesAt: window.closesAt,
          effectiveClosesAt: effectiveClose(window, extension),
          state: state.kind,
          extension: extension ?? null,
        },
        periodSubmission: periodSubmission ?? null,
        rows: indicatorsForPeriod(dimensions, p.period).map((indicator) => ({
          indicator,
          item: itemOf.get(indicator.code) ?? null,
          // Pending uploads are not evidence yet: only checked files are listed.
          files: files
            .filter((f) => f.code === indicator.code && f.state === 'ready')
            .map(({ expiresAt: _ttl, ...f }: (typeof files)[number] & { expiresAt?: number }) => f),
          canReview: reviewable === 'all' || reviewable.has(indicator.code),
        })),
      },
      200,
    );
  })
  .openapi(saveItemRoute, async (c) => {
    const { db, now } = c.get('deps');
    const p = c.req.valid('param');
    const input = c.req.valid('json');
    assertOwnUnit(c.get('principal'), p.unitId);
    // A warm container answers both from memory: the save is then its one conditional write.
    const [year, dimensions] = await Promise.all([
      yearForReporting(db, p.year),
      signedAgreement(db, p.year, p.unitId, p.period, agreementForReporting),
    ]);
    const indicator = indicatorOf(dimensions, p.period, p.code);
    let value = input.value;
    if (value !== null) {
      const checked = checkReportedValue(value, indicator.measure);
      if (!checked.ok) {
        throw new ValidationError(`填报值有误：${checked.message}`, [
          { path: 'body.value', message: checked.message },
        ]);
      }
      value = checked.value;
    }
    await assertWindowOpen(db, now(), p, year, 'draft');
    await assertSourceFile(db, p, input.source);
    const item = await saveItem(
      db,
      p,
      { value, narrative: input.narrative.trim(), version: input.version, source: input.source },
      c.var.actor,
    );
    return c.json(item, 200);
  })
  .openapi(submitRoute, async (c) => {
    const { db, now } = c.get('deps');
    const p = c.req.valid('param');
    const principal = c.get('principal');
    assertOwnUnit(principal, p.unitId);
    const idempotency = {
      scope: periodSubmissionScope(principal.userId),
      key: c.req.valid('header')['idempotency-key'],
      fingerprint: `${p.year}/${p.unitId}/${p.period}`,
    };
    const [replay, year, dimensions] = await Promise.all([
      replayOf<SubmitResult>(db, idempotency),
      getYear(db, p.year),
      // Consistent: the values it locks are checked against the revision in force now.
      signedAgreement(db, p.year, p.unitId, p.period, (d, y, u) =>
        getReportingAgreement(d, y, u, { consistent: true }),
      ),
    ]);
    // A retry answers what the first request did, even if the window closed in between.
    if (replay) return c.json(replay, 200);
    await assertWindowOpen(db, now(), p, year);
    const result = await submitPeriod(
      db,
      p,
      indicatorsForPeriod(dimensions, p.period),
      c.var.actor,
      idempotency,
    );
    return c.json(result, 200);
  })
  .openapi(reviewRoute, async (c) => {
    const { db } = c.get('deps');
    const p = c.req.valid('param');
    const review = c.req.valid('json');
    const principal = c.get('principal');
    await assertMayReview(db, principal, p);
    const [dimensions, current] = await Promise.all([
      signedAgreement(db, p.year, p.unitId, p.period),
      getSubmissionItem(db, p, p.code),
    ]);
    const indicator = indicatorOf(dimensions, p.period, p.code);
    const actor = c.var.actor;
    const notes =
      review.decision === 'return'
        ? await notifyUnit(db, p.unitId, actor.at, {
            kind: 'returned',
            title: `${PERIOD_LABELS[p.period]}材料被退回：${indicator.name}`,
            body: `${actor.name}退回了指标“${indicator.code} ${indicator.name}”，原因：${review.reason}。请补充后由单位负责人重新提交。`,
            link: worksheetLink(p),
          })
        : [];
    // The review is audited in its own transaction; the item's version condition makes `old` exact.
    const entry = auditEntry({
      ...p,
      kind: review.decision,
      by: actor.userId,
      byName: actor.name,
      at: actor.at.toISOString(),
      old: { status: current?.status ?? null },
      new: { status: review.decision === 'accept' ? 'accepted' : 'returned' },
      reason: review.decision === 'return' ? review.reason : '',
    });
    const item = await reviewItem(db, p, review, actor, [
      auditRecord(entry),
      ...notes.map(notificationRecord),
    ]);
    // The notice is in the return's transaction; its robot / e-mail messages follow it (docs/notifications.md).
    if (notes.length > 0) {
      await afterCommit(c.var.deps.logger, 'outside messages of a return', async () =>
        (await import('../../notify/admin')).enqueueForNotes(db, notes, actor.at),
      );
    }
    return c.json(item, 200);
  })
  .openapi(putExtensionRoute, async (c) => {
    const { db } = c.get('deps');
    const p = c.req.valid('param');
    const input = c.req.valid('json');
    const [year] = await Promise.all([getYear(db, p.year), getUnit(db, p.unitId)]);
    const window = periodWindow(year, p.period);
    const untilAt = endOfBeijingDay(input.until);
    if (Date.parse(untilAt) <= Date.parse(window.closesAt)) {
      throw new ValidationError('延期日期须晚于本期截止时间', [
        { path: 'body.until', message: `须晚于 ${formatBeijing(window.closesAt)}（北京时间）` },
      ]);
    }
    const actor = c.var.actor;
    const extension = {
      ...p,
      until: input.until,
      untilAt,
      reason: input.reason,
      grantedBy: actor.userId,
      grantedByName: actor.name,
      grantedAt: actor.at.toISOString(),
    };
    await putExtension(db, extension);
    await addNotifications(
      db,
      await notifyUnit(db, p.unitId, actor.at, {
        kind: 'extension',
        title: `${PERIOD_LABELS[p.period]}上报已延期至 ${input.until}`,
        body: `考核办批准本单位${PERIOD_LABELS[p.period]}材料上报延期至 ${formatBeijing(untilAt)}（北京时间），原因：${input.reason}。`,
        link: worksheetLink(p),
      }),
    );
    return c.json(extension, 200);
  })
  .openapi(deleteExtensionRoute, async (c) => {
    const removed = await deleteExtension(c.get('deps').db, c.req.valid('param'));
    if (!removed) throw new NotFoundError('延期');
    return c.body(null, 204);
  })
  .openapi(progressPageRoute, async (c) => {
    const { db, now } = c.get('deps');
    const principal = c.get('principal');
    const { year, period } = c.req.valid('param');
    const { categoryId, pageSize, cursor } = c.req.valid('query');
    const search = c.req.valid('query').search?.replace(/\s+/g, '') || undefined;
    assertCursorInCategory(cursor, categoryId);
    const scope = await unitsVisibleTo(db, principal, year);
    const page = await loadProgressPage(db, {
      year,
      period,
      categoryId,
      search,
      after: cursor,
      pageSize,
      visible: (a) => inScope(scope, a.unitId),
      everyUnit: scope === 'all',
      now: now(),
    });
    return c.json(page, 200);
  })
  .openapi(progressRoute, async (c) => {
    const { year, period } = c.req.valid('param');
    return c.json(await loadProgress(c.get('deps').db, year, period, c.req.valid('query')), 200);
  });
