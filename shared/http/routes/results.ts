/**
 * Results computed by the engine from the stored facts — live for a county-size year, the latest
 * results job's stored run above the live limit (docs/results.md) — the unit view with its quarter
 * trend (its category only), the xlsx export, the published versions and the draft versions.
 * Publishing and recomputing a draft are jobs (routes/jobs.ts).
 */

import { OpenAPIHono, z } from '@hono/zod-openapi';
import { assertResultsVisible, inScope, resultsVisibleTo } from '../../auth/visibility';
import { countAgreements } from '../../db/agreement-count';
import { getAgreement } from '../../db/agreement-repo';
import type { Db } from '../../db/client';
import { listDrafts, listSnapshots, loadScenario, loadUnitScenario } from '../../db/results-repo';
import { computedLive, readComputedCategory, readComputedResults } from '../../db/results-run-repo';
import { getYear } from '../../db/year-repo';
import {
  type CategoryViews,
  computeCategoryViews,
  LIVE_RESULTS_MAX_UNITS,
} from '../../domain/results/by-category';
import { computeResults, parseScenario } from '../../domain/scoring';
import { NotFoundError } from '../../errors';
import { draftView } from '../../publication/drafts';
import { DraftDetailSchema, DraftHeaderSchema } from '../../schemas/drafts';
import type { Results } from '../../schemas/results';
import {
  PublishedSnapshotSchema,
  UnitResultsViewSchema,
  type YearResults,
  YearResultsSchema,
} from '../../schemas/results-views';
import { ScenarioSchema } from '../../schemas/scenario';
import { PERIODS, type Period, PeriodSchema, type Year } from '../../schemas/year';
import type { AppEnv } from '../env';
import { errorResponse, json, pathInteger, YearParams } from '../openapi';
import { protectedRoute } from '../route';

const AsOfQuery = z.strictObject({ asOf: PeriodSchema.optional() });

const yearResultsRoute = protectedRoute('results.read', {
  method: 'get',
  path: '/years/{year}/results',
  summary: '考核结果（按类别排名；县级规模实时计算，市级规模为最近一次计算的结果）',
  request: { params: YearParams, query: AsOfQuery },
  responses: { 200: json(YearResultsSchema, '结果') },
});
const unitResultsRoute = protectedRoute('results.read', {
  method: 'get',
  path: '/years/{year}/units/{unitId}/results',
  summary: '单位考核结果：各指标得分、计分说明与季度趋势',
  request: { params: YearParams.extend({ unitId: z.string().min(1).max(48) }), query: AsOfQuery },
  responses: { 200: json(UnitResultsViewSchema, '单位结果'), 404: errorResponse('无结果') },
});
const scenarioRoute = protectedRoute('results.export', {
  method: 'get',
  path: '/years/{year}/scenario',
  summary: '计分情景（引擎的完整输入，可用 npm run score 复算）',
  request: { params: YearParams },
  responses: { 200: json(ScenarioSchema, '情景') },
});
const listPublicationsRoute = protectedRoute('results.read', {
  method: 'get',
  path: '/years/{year}/publications',
  summary: '已发布的结果版本',
  request: { params: YearParams },
  responses: { 200: json(z.array(PublishedSnapshotSchema), '版本') },
});
const listDraftsRoute = protectedRoute('results.export', {
  method: 'get',
  path: '/years/{year}/drafts',
  summary: '公示结果版本（开始公示时的第 1 版，及申诉成立重新评分后的各版）',
  request: { params: YearParams },
  responses: { 200: json(z.array(DraftHeaderSchema), '版本') },
});
const getDraftRoute = protectedRoute('results.export', {
  method: 'get',
  path: '/years/{year}/drafts/{version}',
  summary: '一个公示结果版本及其与上一版本的差异',
  request: { params: YearParams.extend({ version: pathInteger(1, 9999) }) },
  responses: { 200: json(DraftDetailSchema, '版本与差异'), 404: errorResponse('不存在') },
});
/**
 * The year's results as of `asOf`: computed live while the year has at most LIVE_RESULTS_MAX_UNITS
 * units with an agreement (`agreements`); above it the latest results job's stored run, or no lines yet.
 */
const yearResults = async (
  db: Db,
  year: Year,
  agreements: number,
  asOf: Period,
  liveMaxUnits = LIVE_RESULTS_MAX_UNITS,
): Promise<YearResults> => {
  if (agreements <= liveMaxUnits) {
    return computeResults(parseScenario(await loadScenario(db, year.year)), { asOfPeriod: asOf });
  }
  const stored = await readComputedResults(db, year.year, asOf);
  if (stored) {
    const { jobId, computedAt, computedBy, computedByName } = stored.computed;
    return { ...stored.results, computed: { jobId, computedAt, computedBy, computedByName } };
  }
  const { periodWeights, bonusCapCents, penaltyCapCents, excellentQuotaPercent } = year;
  return {
    schemaVersion: 1,
    year: year.year,
    asOfPeriod: asOf,
    settings: { periodWeights, bonusCapCents, penaltyCapCents, excellentQuotaPercent },
    categories: [],
    computed: null,
  };
};

/**
 * The unit's category as of each period from the latest results run, its own lines (the run keeps
 * none) scored now from its facts alone, as of `asOf`; undefined before any run.
 */
const storedUnitViews = async (
  db: Db,
  year: number,
  agreement: Parameters<typeof loadUnitScenario>[2],
  asOf: Period,
): Promise<CategoryViews | undefined> => {
  const [views, scenario] = await Promise.all([
    readComputedCategory(db, year, agreement.categoryId),
    loadUnitScenario(db, year, agreement),
  ]);
  if (!views) return undefined;
  const own = computeResults(parseScenario(scenario), { asOfPeriod: asOf }).categories[0]?.units[0];
  const withLines = (results: Results): Results => ({
    ...results,
    categories: results.categories.map((cat) => ({
      ...cat,
      units: cat.units.map((u) => (u.unitId === own?.unitId ? { ...u, leaves: own.leaves } : u)),
    })),
  });
  return { ...views, [asOf]: withLines(views[asOf]) };
};

/** The unit's results page from its category as of each period: the `asOf` view and the four-quarter trend. */
const unitView = (year: number, unitId: string, views: CategoryViews, asOf: Period) => {
  const trend: { period: Period; finalCents: number; baseCents: number; rank: number }[] = [];
  let view: z.infer<typeof UnitResultsViewSchema> | undefined;
  for (const period of PERIODS) {
    for (const category of views[period].categories) {
      const unit = category.units.find((u) => u.unitId === unitId);
      if (!unit) continue;
      trend.push({ period, finalCents: unit.finalCents, baseCents: unit.baseCents, rank: unit.rank });
      if (period === asOf) {
        const { units: _u, ...summary } = category;
        view = { year, asOfPeriod: asOf, category: summary, unit, trend: [] };
      }
    }
  }
  return view && { ...view, trend };
};

const stripParts = <T extends { parts?: number; partsId?: string }>({ parts: _p, partsId: _i, ...rest }: T) =>
  rest;

export const resultsRoutes = new OpenAPIHono<AppEnv>()
  .openapi(yearResultsRoute, async (c) => {
    const { year } = c.req.valid('param');
    const { db, liveResultsMaxUnits } = c.get('deps');
    // The year and its agreement count (the counter, by key) in one round trip.
    const [yearItem, agreements] = await Promise.all([getYear(db, year), countAgreements(db, year)]);
    const [results, scope] = await Promise.all([
      yearResults(db, yearItem, agreements, c.req.valid('query').asOf ?? 'Q4', liveResultsMaxUnits),
      resultsVisibleTo(db, c.get('principal'), yearItem),
    ]);
    if (scope === 'all') return c.json(results, 200);
    // Before publication a line is read only by those who see its unit (own, or assigned, never affiliated).
    const visible = results.categories
      .map((cat) => ({ ...cat, units: cat.units.filter((u) => inScope(scope, u.unitId)) }))
      .filter((cat) => cat.units.length > 0);
    return c.json({ ...results, categories: visible }, 200);
  })
  .openapi(unitResultsRoute, async (c) => {
    const { year, unitId } = c.req.valid('param');
    const { db, liveResultsMaxUnits } = c.get('deps');
    await assertResultsVisible(db, c.get('principal'), await getYear(db, year), unitId);
    const agreement = await getAgreement(db, year, unitId);
    if (!agreement) throw new NotFoundError('该单位的考核结果（尚未签订责任书）');
    const asOf = c.req.valid('query').asOf ?? 'Q4';
    // A unit is ranked within its category: up to the live limit only that category's units are read
    // and scored; above it the category's stored run, with the unit's own lines scored from its facts.
    const views = (await computedLive(db, year, liveResultsMaxUnits))
      ? computeCategoryViews(
          parseScenario(await loadScenario(db, year, undefined, { categoryId: agreement.categoryId })),
        )
      : await storedUnitViews(db, year, agreement, asOf);
    const view = views && unitView(year, unitId, views, asOf);
    if (!view) throw new NotFoundError('该单位的考核结果（尚未签订责任书或尚未计算）');
    return c.json(view, 200);
  })
  .openapi(scenarioRoute, async (c) => {
    const scenario = parseScenario(await loadScenario(c.get('deps').db, c.req.valid('param').year));
    return c.json(scenario, 200);
  })
  .openapi(listPublicationsRoute, async (c) =>
    c.json((await listSnapshots(c.get('deps').db, c.req.valid('param').year)).map(stripParts), 200),
  )
  .openapi(listDraftsRoute, async (c) =>
    c.json((await listDrafts(c.get('deps').db, c.req.valid('param').year)).map(stripParts), 200),
  )
  .openapi(getDraftRoute, async (c) => {
    const { year, version } = c.req.valid('param');
    const { header, diff } = await draftView(c.get('deps').db, year, version);
    return c.json({ header: stripParts(header), diff }, 200);
  });
