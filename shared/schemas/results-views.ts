/** The API's views of results beside the engine's output: one unit's page and the published versions. */
import { z } from '@hono/zod-openapi';
import { CategoryResultSchema, ResultsSchema, UnitResultSchema } from './results';
import { PeriodSchema } from './scenario';
import { AcknowledgementSchema } from './year';

/** A published (frozen) version of a year's results, as listed. */
export const PublishedSnapshotSchema = z
  .object({
    year: z.number(),
    version: z.number(),
    publishedAt: z.string(),
    publishedBy: z.string(),
    sha256: z.string(),
    scenarioSha256: z.string(),
    resultsSha256: z.string(),
    replaces: z.object({ version: z.number(), reason: z.string() }).optional(),
    /** Present while the version's ranking site is not written (its publication did not finish). */
    siteDue: z.literal(true).optional(),
    /** Present while the units are not all told of the version (its publication did not finish). */
    noticesDue: z.literal(true).optional(),
    siteWrittenAt: z.string().optional(),
  })
  .openapi('PublishedSnapshot');
export type PublishedSnapshot = z.infer<typeof PublishedSnapshotSchema>;

/** One unit's line, its category and its quarter trend (GET …/units/{unitId}/results). */
export const UnitResultsViewSchema = z
  .object({
    year: z.number(),
    asOfPeriod: PeriodSchema,
    category: CategoryResultSchema.pick({
      categoryId: true,
      name: true,
      unitCount: true,
      excellentQuota: true,
    }),
    unit: UnitResultSchema,
    trend: z.array(
      z.object({ period: PeriodSchema, finalCents: z.number(), baseCents: z.number(), rank: z.number() }),
    ),
  })
  .openapi('UnitResultsView');
export type UnitResultsView = z.infer<typeof UnitResultsViewSchema>;

/** A publication's request (the publication job's start). */
export const PublishBodySchema = z.strictObject({
  confirm: z.literal(true, { error: '发布前须确认（confirm: true）' }),
  reason: z.string().trim().max(500).optional(),
  /** Warnings of the publication's readiness check, each acknowledged with a reason. */
  acknowledgements: z.array(AcknowledgementSchema).max(30).default([]),
});

/** The results job whose stored run a municipal year's results page shows: when, and who started it. */
export const ComputedRunSchema = z
  .object({
    jobId: z.string(),
    computedAt: z.string(),
    computedBy: z.string(),
    computedByName: z.string(),
  })
  .openapi('ComputedRun');

/**
 * A year's results (GET /years/{year}/results): computed live up to the live limit; above it the
 * latest results job's stored run (`computed`, each unit without its leaves), or none yet (`null`).
 */
export const YearResultsSchema = ResultsSchema.extend({
  computed: ComputedRunSchema.nullable().optional().meta({
    description: '市级规模的年度：最近一次“计算考核结果”的时间与发起人（null 为尚未计算）；实时计算时无此项',
  }),
}).openapi('YearResults');
export type YearResults = z.infer<typeof YearResultsSchema>;
