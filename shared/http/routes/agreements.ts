/**
 * Agreements (目标责任书): generated per category from its template, adjusted per unit, issued,
 * signed by the unit head, locked; changed afterwards only by approved amendments.
 *
 * Reading is scoped by `shared/auth/visibility.ts`: admin and leader read every agreement (drafts
 * included); a unit's reporter and head their own unit's; raters and inspectors the units they are
 * assigned to (never an affiliated one). The others read no drafts: a draft is the bureau's work in
 * progress.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Principal } from '../../auth/roles';
import { agreementListedFor, assertUnitVisible, seesEveryUnit, unitsVisibleTo } from '../../auth/visibility';
import { countAgreements } from '../../db/agreement-count';
import { listAgreementsOf, pageAgreementsIn } from '../../db/agreement-pages';
import {
  decideUnitAmendment,
  generateCategoryAgreements,
  getVersion,
  issueCategoryAgreements,
  listAgreements,
  listAmendments,
  listVersions,
  proposeUnitAmendment,
  requireAgreement,
  signUnitAgreement,
  transitionAgreement,
  updateAgreementDraft,
} from '../../db/agreement-repo';
import type { Db } from '../../db/client';
import { notesForUnit } from '../../db/unit-notes';
import { getYear } from '../../db/year-repo';
import { contentHash } from '../../domain/agreements/content-hash';
import { diffAgreements } from '../../domain/agreements/diff';
import { PERIOD_NAMES } from '../../domain/agreements/in-force';
import { agreementProblems } from '../../domain/agreements/lifecycle';
import { ADMIN_TRANSITIONS } from '../../domain/agreements/state-machine';
import { formatTotalW } from '../../domain/agreements/validate';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import {
  type Agreement,
  AgreementDiffSchema,
  AgreementPageSchema,
  AgreementStateSchema,
  type AgreementSummary,
  AgreementSummarySchema,
  type AgreementVersion,
  AgreementVersionSchema,
  type AgreementView,
  AgreementViewSchema,
  AmendmentSchema,
  CustomisationSchema,
} from '../../schemas/agreement';
import { PeriodSchema } from '../../schemas/year';
import type { AppEnv } from '../env';
import { body, errorResponse, json, pathInteger, YearParams } from '../openapi';
import { assertCursorInCategory, CategoryPageQuery, encodeCursor } from '../page-cursor';
import { protectedRoute } from '../route';

const UnitParams = YearParams.extend({ unitId: z.string().min(1).max(48) });
const Version = z.number().int().min(1);
const CategoryBody = z.strictObject({ categoryId: z.string().min(1).max(48) });

const VersionViewSchema = AgreementVersionSchema.extend({
  /** The stored hash is the hash of the stored content, and a signature names that same hash. */
  hashValid: z.boolean(),
}).openapi('AgreementVersionView');

const listRoute = protectedRoute('agreements.read', {
  method: 'get',
  path: '/years/{year}/agreements',
  summary: '本年度责任书列表（按权限范围）',
  request: {
    params: YearParams,
    query: z.strictObject({
      categoryId: z.string().max(48).optional(),
      state: AgreementStateSchema.optional(),
    }),
  },
  responses: { 200: json(z.array(AgreementSummarySchema), '责任书') },
});
const pageRoute = protectedRoute('agreements.read', {
  method: 'get',
  path: '/years/{year}/agreement-pages',
  summary: '本年度责任书，一次一页（按类别、单位排序；按权限范围）',
  request: {
    params: YearParams,
    query: CategoryPageQuery.extend({ state: AgreementStateSchema.optional() }),
  },
  responses: {
    200: json(AgreementPageSchema, '一页责任书'),
    400: errorResponse('翻页位置或每页条数无效'),
  },
});
const generateRoute = protectedRoute('agreements.write', {
  method: 'post',
  path: '/years/{year}/agreements/generate',
  summary: '按类别模板一次生成该类别全部单位的责任书（草稿重新生成，已下达的不动）',
  request: { params: YearParams, ...body(CategoryBody) },
  responses: {
    200: json(
      z.object({
        created: z.array(z.string()),
        regenerated: z.array(z.string()),
        skipped: z.array(z.object({ unitId: z.string(), state: AgreementStateSchema })),
      }),
      '已生成',
    ),
  },
});
const issueAllRoute = protectedRoute('agreements.write', {
  method: 'post',
  path: '/years/{year}/agreements/issue',
  summary: '下达该类别全部草稿责任书（全部无误才下达）',
  request: { params: YearParams, ...body(CategoryBody) },
  responses: { 200: json(z.object({ issued: z.array(z.string()) }), '已下达') },
});
const getRoute = protectedRoute('agreements.read', {
  method: 'get',
  path: '/years/{year}/agreements/{unitId}',
  summary: '一个单位的责任书（现行版本），含分值合计和校验问题',
  request: { params: UnitParams },
  responses: { 200: json(AgreementViewSchema, '责任书'), 404: errorResponse('不存在') },
});
const editRoute = protectedRoute('agreements.write', {
  method: 'put',
  path: '/years/{year}/agreements/{unitId}',
  summary: '修改草稿责任书的单位个性化内容（目标值、分值、特有指标）',
  request: {
    params: UnitParams,
    ...body(z.strictObject({ version: Version, customisation: CustomisationSchema })),
  },
  responses: { 200: json(AgreementViewSchema, '已保存'), 409: errorResponse('状态不符或版本冲突') },
});
const transitionRoute = protectedRoute('agreements.write', {
  method: 'post',
  path: '/years/{year}/agreements/{unitId}/transitions',
  summary: '下达（issued）、撤回为草稿（draft）或锁定（locked）责任书',
  request: {
    params: UnitParams,
    ...body(z.strictObject({ to: z.enum(ADMIN_TRANSITIONS), version: Version })),
  },
  responses: { 200: json(AgreementViewSchema, '已变更'), 409: errorResponse('状态不符或版本冲突') },
});
const signRoute = protectedRoute('agreements.sign', {
  method: 'post',
  path: '/years/{year}/agreements/{unitId}/sign',
  summary: '单位负责人签订责任书（记录签名、时间和所签内容的 SHA-256）',
  request: {
    params: UnitParams,
    ...body(
      z.strictObject({
        version: Version,
        contentHash: z.string().regex(/^[0-9a-f]{64}$/, '须为 64 位十六进制 SHA-256'),
        signerName: z.string().trim().min(1, '请输入本人姓名').max(60),
      }),
    ),
  },
  responses: { 200: json(AgreementViewSchema, '已签订'), 409: errorResponse('状态不符或版本冲突') },
});
const versionsRoute = protectedRoute('agreements.read', {
  method: 'get',
  path: '/years/{year}/agreements/{unitId}/versions',
  summary: '责任书的全部版本（含签名与哈希校验）',
  request: { params: UnitParams },
  responses: { 200: json(z.array(VersionViewSchema), '版本') },
});
const versionRoute = protectedRoute('agreements.read', {
  method: 'get',
  path: '/years/{year}/agreements/{unitId}/versions/{revision}',
  summary: '责任书的一个版本',
  request: { params: UnitParams.extend({ revision: pathInteger(1, 9999) }) },
  responses: { 200: json(VersionViewSchema, '版本'), 404: errorResponse('不存在') },
});
const diffRoute = protectedRoute('agreements.read', {
  method: 'get',
  path: '/years/{year}/agreements/{unitId}/diff',
  summary: '两个版本之间的变化（默认：上一版 → 最新版）',
  request: {
    params: UnitParams,
    query: z.strictObject({
      from: pathInteger(1, 9999).optional(),
      to: pathInteger(1, 9999).optional(),
    }),
  },
  responses: { 200: json(AgreementDiffSchema, '变化'), 404: errorResponse('版本不存在') },
});
const amendmentsRoute = protectedRoute('agreements.read', {
  method: 'get',
  path: '/years/{year}/agreements/{unitId}/amendments',
  summary: '责任书的变更记录（最新在前）',
  request: { params: UnitParams },
  responses: { 200: json(z.array(AmendmentSchema), '变更') },
});
const proposeRoute = protectedRoute('agreements.write', {
  method: 'post',
  path: '/years/{year}/agreements/{unitId}/amendments',
  summary: '提出责任书变更（签订后的修改须说明理由，审批后成为新版本）',
  request: {
    params: UnitParams,
    ...body(
      z.strictObject({
        version: Version,
        reason: z.string().trim().min(2, '请说明变更理由').max(500),
        customisation: CustomisationSchema,
        effectiveFrom: PeriodSchema.optional().meta({
          description:
            '自哪个考核期起按变更后的内容计分；默认为尚未截止的第一个考核期，此前各期仍按已签订版本',
        }),
      }),
    ),
  },
  responses: { 201: json(AmendmentSchema, '已提出'), 409: errorResponse('状态不符或版本冲突') },
});
const decideRoute = protectedRoute('agreements.write', {
  method: 'post',
  path: '/years/{year}/agreements/{unitId}/amendments/{amendmentId}/decision',
  summary: '审批或驳回责任书变更',
  request: {
    params: UnitParams.extend({ amendmentId: z.string().min(1).max(40) }),
    ...body(
      z.strictObject({ version: Version, approve: z.boolean(), note: z.string().trim().max(500).optional() }),
    ),
  },
  responses: {
    200: json(z.object({ agreement: AgreementViewSchema, amendment: AmendmentSchema }), '已处理'),
    409: errorResponse('状态不符或版本冲突'),
  },
});

/** Reads the unit's agreement, scoped: a foreign unit is refused (403) before anything about it is read. */
const readableAgreement = async (db: Db, principal: Principal, year: number, unitId: string) => {
  await assertUnitVisible(db, principal, unitId, year);
  const agreement = await requireAgreement(db, year, unitId);
  // A draft is the bureau's work in progress: to everyone else it does not exist yet.
  if (agreement.state === 'draft' && !seesEveryUnit(principal)) {
    throw new NotFoundError('该单位本年度已下达的目标责任书');
  }
  return agreement;
};

const view = (
  agreement: Agreement,
  periodWeights?: Parameters<typeof agreementProblems>[1],
): AgreementView => ({
  ...agreement,
  totalW: formatTotalW(agreement.dimensions),
  problems: agreement.state === 'draft' ? agreementProblems(agreement, periodWeights) : [],
});

const versionView = (version: AgreementVersion) => ({
  ...version,
  hashValid:
    contentHash(version) === version.contentHash &&
    (!version.signature || version.signature.contentHash === version.contentHash),
});

/** The list's row of an agreement. */
const summaryOf = (a: Agreement): AgreementSummary => ({
  year: a.year,
  unitId: a.unitId,
  unitName: a.unitName,
  categoryId: a.categoryId,
  categoryName: a.categoryName,
  state: a.state,
  revision: a.revision,
  version: a.version,
  contentHash: a.contentHash,
  ...(a.signature ? { signature: a.signature } : {}),
  ...(a.pendingAmendmentId ? { pendingAmendmentId: a.pendingAmendmentId } : {}),
  updatedAt: a.updatedAt,
  leafCount: a.dimensions.reduce((n, d) => n + d.leaves.length, 0),
});

export const agreementRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => {
    const { db } = c.get('deps');
    const principal = c.get('principal');
    const { year } = c.req.valid('param');
    const { categoryId, state } = c.req.valid('query');
    const scope = await unitsVisibleTo(db, principal, year);
    // A set of units (a unit's members, a rater) is read by key, not by walking the year's index.
    const agreements =
      scope === 'all'
        ? await listAgreements(db, year, categoryId)
        : await listAgreementsOf(db, year, scope, categoryId);
    const visible = agreements.filter(
      (a) => agreementListedFor(principal, scope, a) && (!state || a.state === state),
    );
    return c.json(visible.map(summaryOf), 200);
  })
  .openapi(pageRoute, async (c) => {
    const { db } = c.get('deps');
    const principal = c.get('principal');
    const { year } = c.req.valid('param');
    const { categoryId, state, pageSize, cursor } = c.req.valid('query');
    const search = c.req.valid('query').search?.replace(/\s+/g, '') || undefined;
    assertCursorInCategory(cursor, categoryId);
    const scope = await unitsVisibleTo(db, principal, year);
    const options = {
      year,
      categoryId,
      state,
      search,
      after: cursor,
      pageSize,
      visible: (a: Agreement) => agreementListedFor(principal, scope, a),
    };
    const [page, total] = await Promise.all([
      // A set of units (a unit's members, a rater of a few) is read by key, not by walking the year's index.
      pageAgreementsIn(db, scope, options),
      // The year's count is known by key (the counter); a filtered or scoped count is not.
      scope === 'all' && !categoryId && !state && !search ? countAgreements(db, year) : null,
    ]);
    return c.json(
      {
        items: page.items.map(summaryOf),
        next: page.next && encodeCursor(page.next),
        total,
      },
      200,
    );
  })
  .openapi(generateRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year } = c.req.valid('param');
    const { categoryId } = c.req.valid('json');
    const result = await generateCategoryAgreements(db, {
      year,
      categoryId,
      actor: c.var.actor,
      at: now(),
    });
    return c.json(result, 200);
  })
  .openapi(issueAllRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year } = c.req.valid('param');
    const { categoryId } = c.req.valid('json');
    const result = await issueCategoryAgreements(db, {
      year,
      categoryId,
      actor: c.var.actor,
      at: now(),
    });
    return c.json(result, 200);
  })
  .openapi(getRoute, async (c) => {
    const { db } = c.get('deps');
    const { year, unitId } = c.req.valid('param');
    const [agreement, yearItem] = await Promise.all([
      readableAgreement(db, c.get('principal'), year, unitId),
      getYear(db, year),
    ]);
    return c.json(view(agreement, yearItem.periodWeights), 200);
  })
  .openapi(editRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year, unitId } = c.req.valid('param');
    const { version, customisation } = c.req.valid('json');
    const saved = await updateAgreementDraft(db, {
      year,
      unitId,
      customisation,
      expectedVersion: version,
      actor: c.var.actor,
      at: now(),
    });
    return c.json(view(saved, (await getYear(db, year)).periodWeights), 200);
  })
  .openapi(transitionRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year, unitId } = c.req.valid('param');
    const { to, version } = c.req.valid('json');
    const moved = await transitionAgreement(db, {
      year,
      unitId,
      to,
      expectedVersion: version,
      actor: c.var.actor,
      at: now(),
    });
    return c.json(view(moved), 200);
  })
  .openapi(signRoute, async (c) => {
    const { db, now } = c.get('deps');
    const principal = c.get('principal');
    const { year, unitId } = c.req.valid('param');
    const { version, contentHash: seen, signerName } = c.req.valid('json');
    if (principal.unitId !== unitId) throw new ForbiddenError('只能签订本单位的责任书');
    if (signerName !== principal.name.trim()) {
      throw new ValidationError('签名须与本人姓名一致', [
        { path: 'body.signerName', message: `请输入本人姓名“${principal.name}”` },
      ]);
    }
    const signed = await signUnitAgreement(db, {
      year,
      unitId,
      expectedVersion: version,
      contentHash: seen,
      actor: c.var.actor,
      at: now(),
    });
    return c.json(view(signed), 200);
  })
  .openapi(versionsRoute, async (c) => {
    const { db } = c.get('deps');
    const { year, unitId } = c.req.valid('param');
    await readableAgreement(db, c.get('principal'), year, unitId);
    return c.json((await listVersions(db, year, unitId)).map(versionView), 200);
  })
  .openapi(versionRoute, async (c) => {
    const { db } = c.get('deps');
    const { year, unitId, revision } = c.req.valid('param');
    await readableAgreement(db, c.get('principal'), year, unitId);
    return c.json(versionView(await getVersion(db, year, unitId, revision)), 200);
  })
  .openapi(diffRoute, async (c) => {
    const { db } = c.get('deps');
    const { year, unitId } = c.req.valid('param');
    const query = c.req.valid('query');
    const agreement = await readableAgreement(db, c.get('principal'), year, unitId);
    const to = query.to ?? agreement.revision;
    const from = query.from ?? to - 1;
    if (from < 1) throw new NotFoundError('可比较的上一版');
    const [before, after] = await Promise.all([
      getVersion(db, year, unitId, from),
      getVersion(db, year, unitId, to),
    ]);
    return c.json(diffAgreements(before, after), 200);
  })
  .openapi(amendmentsRoute, async (c) => {
    const { db } = c.get('deps');
    const { year, unitId } = c.req.valid('param');
    await readableAgreement(db, c.get('principal'), year, unitId);
    return c.json(await listAmendments(db, year, unitId), 200);
  })
  .openapi(proposeRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year, unitId } = c.req.valid('param');
    const { version, reason, customisation, effectiveFrom } = c.req.valid('json');
    const amendment = await proposeUnitAmendment(db, {
      year,
      unitId,
      expectedVersion: version,
      reason,
      customisation,
      ...(effectiveFrom ? { effectiveFrom } : {}),
      actor: c.var.actor,
      at: now(),
    });
    return c.json(amendment, 201);
  })
  .openapi(decideRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { year, unitId, amendmentId } = c.req.valid('param');
    const { version, approve, note } = c.req.valid('json');
    const decided = await decideUnitAmendment(db, {
      year,
      unitId,
      amendmentId,
      expectedVersion: version,
      approve,
      ...(note ? { note } : {}),
      actor: c.var.actor,
      at: now(),
      notify: (amendment) =>
        notesForUnit(
          db,
          unitId,
          now(),
          {
            kind: 'amendment_approved',
            title: `目标责任书变更已批准，请签订第 ${amendment.toRevision} 版`,
            body: `变更理由：${amendment.reason}。自${PERIOD_NAMES[amendment.effectiveFrom ?? 'Q1']}起按变更后的内容考核；签订前仍按已签订的版本计分。`,
            link: `/agreements/${year}/${unitId}`,
          },
          ['unit_head'],
        ),
    });
    return c.json({ agreement: view(decided.agreement), amendment: decided.amendment }, 200);
  });
