/**
 * A results job's runs in the table (docs/results.md): each category's results, as of every period
 * and without leaves, gzip-compressed in parts of ≤ 300 KB under the job; the tally of categories
 * done (one conditional update per category, so a redelivered child counts once and exactly one
 * child sees the last one in); and the year's `COMPUTED` record naming the latest finished run.
 */
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type CategoryViews,
  LIVE_RESULTS_MAX_UNITS,
  mergeCategoryResults,
} from '../domain/results/by-category';
import type { Results } from '../schemas/results';
import type { Period } from '../schemas/scenario';
import { countAgreements } from './agreement-count';
import type { Db } from './client';
import { fromGzipParts, putGzipParts } from './gzip-parts';
import { getItem, guard, queryPrefix, type TxItem } from './items';
import { computedResultsKey, resultsFanoutKey, resultsRunPartKey, resultsRunPartsQuery } from './keys';
import { mapLimit } from './parallel';

/** Where one category's run is: its id (a run written twice leaves two, one of them named) and parts. */
export interface CategoryRun {
  runId: string;
  parts: number;
  /** Units of the category with a scored agreement. */
  units?: number;
}

/** The tally of a results job: its categories in the year's order, those done, their runs. */
export interface Fanout {
  categoryIds: string[];
  done: Set<string>;
  runs: Record<string, CategoryRun>;
}

/** The year's latest finished results run, as the results page shows it. */
export interface ComputedResults {
  year: number;
  jobId: string;
  computedAt: string;
  computedBy: string;
  computedByName: string;
  categories: ({ categoryId: string } & CategoryRun)[];
}

/** Opens the tally of a job's categories (before any child is launched). */
export const openFanout = async (db: Db, jobId: string, categoryIds: string[]): Promise<void> => {
  await guard(() =>
    db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...resultsFanoutKey(jobId), entity: 'results-fanout', categoryIds, runs: {} },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
};

/** Writes one category's run (its own run id, so a second delivery never mixes parts with the first). */
export const saveCategoryRun = async (
  db: Db,
  jobId: string,
  categoryId: string,
  views: CategoryViews,
): Promise<CategoryRun> => {
  const runId = randomUUID().slice(0, 8);
  const parts = await putGzipParts(
    db,
    views,
    (part) => resultsRunPartKey(jobId, categoryId, runId, part),
    'results-run-part',
  );
  return { runId, parts };
};

/**
 * Counts a category done and records where its run is, in one conditional update: answers the
 * tally after it, or undefined when the category was already counted (a redelivered child).
 */
export const tallyCategory = async (
  db: Db,
  jobId: string,
  categoryId: string,
  run: CategoryRun,
): Promise<Fanout | undefined> => {
  try {
    const res = await guard(() =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: resultsFanoutKey(jobId),
          UpdateExpression: 'ADD done :category SET #runs.#id = :run',
          ConditionExpression: 'attribute_exists(pk) AND NOT contains(done, :id)',
          ExpressionAttributeNames: { '#runs': 'runs', '#id': categoryId },
          ExpressionAttributeValues: { ':category': new Set([categoryId]), ':id': categoryId, ':run': run },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    const item = res.Attributes as { categoryIds: string[]; done: Set<string>; runs: Fanout['runs'] };
    return { categoryIds: item.categoryIds, done: item.done, runs: item.runs };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
};

/** The put of the year's COMPUTED record, joined to the transaction that finishes the job. */
export const computedResultsPut = (db: Db, computed: ComputedResults): TxItem => ({
  Put: {
    TableName: db.tableName,
    Item: { ...computedResultsKey(computed.year), entity: 'results-computed', ...computed },
  },
});

const readRun = async (db: Db, jobId: string, run: { categoryId: string } & CategoryRun) => {
  const parts = await queryPrefix<{ data: Uint8Array }>(
    db,
    resultsRunPartsQuery(jobId, run.categoryId, run.runId),
  );
  return fromGzipParts<CategoryViews>(parts.slice(0, run.parts));
};

/** The year's latest computed results as of `asOf`, with when and by whom; undefined when none. */
export const readComputedResults = async (
  db: Db,
  year: number,
  asOf: Period,
): Promise<{ computed: ComputedResults; results: Results } | undefined> => {
  const computed = await getItem<ComputedResults>(db, computedResultsKey(year));
  if (!computed) return undefined;
  const runs = await mapLimit(computed.categories, 8, (run) => readRun(db, computed.jobId, run));
  const results = mergeCategoryResults(runs.map((views) => views[asOf]));
  return results ? { computed, results } : undefined;
};

/** One category's views (as of each period) in the year's latest finished run; undefined when none. */
export const readComputedCategory = async (
  db: Db,
  year: number,
  categoryId: string,
): Promise<CategoryViews | undefined> => {
  const computed = await getItem<ComputedResults>(db, computedResultsKey(year));
  const run = computed?.categories.find((c) => c.categoryId === categoryId);
  return computed && run ? readRun(db, computed.jobId, run) : undefined;
};

/**
 * Whether a year's results, and what is computed from them (the rater consistency report), are
 * computed in the request: at most `liveMaxUnits` units with an agreement (the year's counter, read
 * by key: agreement-count.ts). Above it the pages read what the latest job stored.
 */
export const computedLive = async (
  db: Db,
  year: number,
  liveMaxUnits = LIVE_RESULTS_MAX_UNITS,
): Promise<boolean> => (await countAgreements(db, year)) <= liveMaxUnits;
