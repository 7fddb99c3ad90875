/**
 * A municipal year's results computed from DynamoDB Local (units × 80 leaves, 7 raters on rating
 * leaves) against merely reading the same items with the same Queries: the results job fanned out
 * per category (the parts run in this process, 3 categories at once, as `npm start` runs them), and
 * the whole year loaded and computed at once (what a request did before the job); the peak memory of
 * each, and of one category's part alone (what one child function holds in AWS). Then the published
 * page's render time against a plain HTML table of the same rows.
 * `npx tsx bench/results-from-store.ts [units]` (default 100: seeding 500 units' 334k items takes
 * 5–10 minutes; the README's figure is `… 500`).
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { chromium } from 'playwright-core';
import { startDynamoDbLocal } from '../scripts/lib/dynamodb-local';
import { demoYear } from '../scripts/seed/demo-year';
import { createDb, type Db } from '../shared/db/client';
import { ensureTable } from '../shared/db/create-table';
import { factItems } from '../shared/db/facts-repo';
import { batchPut, queryPages } from '../shared/db/items';
import {
  AFTER_AGREEMENTS,
  agreementIndexes,
  agreementKey,
  categoriesQuery,
  unitsQuery,
  unitYearPk,
  yearKey,
} from '../shared/db/keys';
import { putCategory, seedUnit } from '../shared/db/org-repo';
import { mapLimit } from '../shared/db/parallel';
import { loadScenario } from '../shared/db/results-repo';
import { readComputedResults } from '../shared/db/results-run-repo';
import { seedYear } from '../shared/db/year-repo';
import { renderYearPage } from '../shared/domain/publication/render-site';
import { computeCategoryViews, withoutLeaves } from '../shared/domain/results/by-category';
import { computeResults, formatPoints, parseScenario } from '../shared/domain/scoring';
import { LOCAL_PARTS_IN_FLIGHT } from '../shared/jobs/handlers/results';
import { runResultsJobNow } from '../shared/jobs/results-now';
import type { Scenario } from '../shared/schemas/scenario';
import { machine } from './lib';
import { municipalYear } from './scoring';

const cents = (v: unknown) => Math.round(Number(v) * 100);

/** Stores a generated scenario the way the workflows would have: agreements, verifications, ratings. */
const store = async (db: Db, scenario: Scenario) => {
  const year = scenario.year;
  await seedYear(db, { ...demoYear(year, 'scoring'), penaltyCapCents: 300 });
  await Promise.all(
    scenario.categories.map((c, i) =>
      putCategory(db, { id: c.id.toLowerCase(), name: c.name, sortOrder: i }),
    ),
  );
  const categoryOf = new Map(scenario.units.map((u) => [u.id, u.categoryId.toLowerCase()]));
  await mapLimit(scenario.units, 16, (u) =>
    seedUnit(db, {
      id: u.id.toLowerCase(),
      name: u.name,
      categoryId: u.categoryId.toLowerCase(),
      head: '负责人',
      contacts: [],
    }),
  );
  const items: Record<string, unknown>[] = scenario.agreements.map((a) => ({
    ...agreementKey(year, a.unitId.toLowerCase()),
    ...agreementIndexes(year, categoryOf.get(a.unitId) ?? '', a.unitId.toLowerCase()),
    entity: 'agreement',
    unitId: a.unitId.toLowerCase(),
    categoryId: categoryOf.get(a.unitId),
    state: 'signed',
    revision: 1,
    dimensions: a.indicators,
  }));
  for (const f of scenario.facts) {
    const unitId = f.unitId.toLowerCase();
    const base = {
      unitId,
      period: f.period,
      code: f.code,
      comment: '',
      at: '2024-12-31T00:00:00Z',
      version: 1,
    };
    if (f.ratings?.length) {
      for (const r of f.ratings) {
        items.push(
          factItems.rating(year, {
            ...base,
            raterId: r.raterId,
            ...(r.points !== undefined ? { pointsCents: cents(r.points) } : {}),
            ...(r.band ? { band: r.band } : {}),
          }),
        );
      }
    } else if (f.verified) {
      items.push(
        factItems.verification(year, {
          ...base,
          raterId: 'r',
          verifiedValue: f.verifiedValue ?? null,
          ...(f.completion ? { completion: f.completion } : {}),
          ...(f.occurrences !== undefined ? { occurrences: f.occurrences } : {}),
        }),
      );
    }
  }
  await batchPut(db, items);
  return items.length;
};

/**
 * The peak resident set and heap while `fn` runs, sampled every 5 ms (MiB), and the heap's peak
 * growth over its size at the start (the bench itself holds the generated scenario).
 */
const peakMemory = async <T>(
  fn: () => Promise<T>,
): Promise<[T, { rss: number; heap: number; heapGrowth: number }]> => {
  const peak = { rss: 0, heap: 0 };
  const startHeap = process.memoryUsage().heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 5);
  try {
    const value = await fn();
    sample();
    const MiB = 2 ** 20;
    return [value, { rss: peak.rss / MiB, heap: peak.heap / MiB, heapGrowth: (peak.heap - startHeap) / MiB }];
  } finally {
    clearInterval(timer);
  }
};

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const value = await fn();
  return [value, performance.now() - t];
};

/** Every page of one Query, counted and dropped. */
const drain = async (db: Db, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>) => {
  let count = 0;
  for await (const page of queryPages(db, input)) count += page.Items?.length ?? 0;
  return count;
};

/**
 * The same reads loadScenario makes, with the same parallelism, and nothing else: the year, the
 * categories and units, the agreements (gsi1), then one Query per unit's facts.
 */
const readOnly = async (db: Db, year: number, unitIds: string[]) => {
  const T = db.tableName;
  const [, categories, units, agreements] = await Promise.all([
    db.doc.send(new GetCommand({ TableName: T, Key: yearKey(year) })),
    drain(db, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': categoriesQuery().pk, ':p': categoriesQuery().skPrefix },
    }),
    drain(db, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': unitsQuery().pk, ':p': unitsQuery().skPrefix },
    }),
    drain(db, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': agreementIndexes(year, '', '').gsi1pk },
    }),
  ]);
  let count = 1 + categories + units + agreements;
  await mapLimit(unitIds, 16, async (unitId) => {
    count += await drain(db, {
      KeyConditionExpression: 'pk = :pk AND sk > :afterAgreements',
      ExpressionAttributeValues: { ':pk': unitYearPk(year, unitId), ':afterAgreements': AFTER_AGREEMENTS },
    });
  });
  return count;
};

/** The results job, run to its end in this process (its parts locally, as `npm start` runs them). */
const resultsJob = async (db: Db, year: number) => {
  const done = await runResultsJobNow(db, year, { userId: 'bench', name: 'bench' });
  if (done.state !== 'succeeded') throw new Error(`results job ${done.state}: ${done.error?.message}`);
  return done;
};

const plainTable = (rows: { name: string; finalCents: number; grade: string }[]) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title></head><body><table>${rows
    .map(
      (r, i) =>
        `<tr><td>${i + 1}</td><td>${r.name}</td><td>${formatPoints(r.finalCents)}</td><td>${r.grade}</td></tr>`,
    )
    .join('')}</table></body></html>`;

const unitsArgument = () => {
  const asked = Number(process.argv[2]);
  return Number.isInteger(asked) && asked > 0 ? asked : 100;
};

export async function run(units = unitsArgument()): Promise<string> {
  const ddb = await startDynamoDbLocal();
  try {
    // Bulk loading 334k items is not a request: it may wait longer than the 4 s request deadline.
    const db = createDb({ tableName: `bench-${randomUUID()}`, endpoint: ddb.endpoint, deadlineMs: 60_000 });
    await ensureTable(db.raw, db.tableName);
    const scenario = municipalYear(units);
    const [written, writeMs] = await time(() => store(db, scenario));
    const unitIds = scenario.units.map((u) => u.id.toLowerCase());
    // Warm both paths once, then alternate to share the machine's noise.
    await readOnly(db, scenario.year, unitIds);
    // One category's part alone: what one child function reads, computes and holds.
    const firstCategory = scenario.categories[0]!.id.toLowerCase();
    const [partUnits, partMemory] = await peakMemory(async () => {
      const loaded = parseScenario(
        await loadScenario(db, scenario.year, undefined, { categoryId: firstCategory }),
      );
      computeCategoryViews(loaded);
      return loaded.units.length;
    });
    const fanouts: number[] = [];
    let fanoutMemory = { rss: 0, heap: 0, heapGrowth: 0 };
    const reads: number[] = [];
    const loads: number[] = [];
    const computes: number[] = [];
    let results: ReturnType<typeof computeResults> | undefined;
    let memory = { rss: 0, heap: 0, heapGrowth: 0 };
    for (let i = 0; i < 3; i++) {
      reads.push((await time(() => readOnly(db, scenario.year, unitIds)))[1]);
      const t = performance.now();
      [, fanoutMemory] = await peakMemory(() => resultsJob(db, scenario.year));
      fanouts.push(performance.now() - t);
      const t0 = performance.now();
      let t1 = t0;
      [results, memory] = await peakMemory(async () => {
        const loaded = await loadScenario(db, scenario.year);
        t1 = performance.now();
        return computeResults(parseScenario(loaded));
      });
      loads.push(t1 - t0);
      computes.push(performance.now() - t0);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
    // The job's stored run is the whole-year run (without leaves), or the figures mean nothing.
    const stored = await readComputedResults(db, scenario.year, 'Q4');
    if (JSON.stringify(stored?.results) !== JSON.stringify(withoutLeaves(results!))) {
      throw new Error('the results job differs from the whole-year run');
    }
    const mib = (m: { rss: number; heap: number; heapGrowth: number }) =>
      `RSS ${m.rss.toFixed(0)} MiB, heap ${m.heap.toFixed(0)} MiB (+${m.heapGrowth.toFixed(0)} MiB while it ran)`;

    const meta = {
      year: scenario.year,
      version: 1,
      publishedAt: new Date().toISOString(),
      sha256: '0'.repeat(64),
      scenarioSha256: '0'.repeat(64),
      resultsSha256: '0'.repeat(64),
      bureau: '某市卫生健康委员会',
      title: '考核结果',
    };
    const richHtml = renderYearPage(meta, results!, 'x.css');
    const rows = results!.categories.flatMap((c) =>
      c.units.map((u) => ({ name: u.unitName, finalCents: u.finalCents, grade: u.grade })),
    );
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const page = await browser.newPage();
    const render = async (html: string) =>
      (await time(() => page.setContent(html, { waitUntil: 'load' })))[1];
    const rich: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < 5; i++) {
      rich.push(await render(richHtml));
      plain.push(await render(plainTable(rows)));
    }
    await browser.close();
    return [
      `## Results from the store: ${units} units × 80 leaves × 4 periods, 7 raters on rating leaves (DynamoDB Local)`,
      `machine: ${machine()}`,
      `items stored: ${written} in ${(writeMs / 1000).toFixed(1)} s (BatchWriteItem of 25, 8 in parallel)`,
      `| | median of 3 |`,
      `| read the same items (year, org, agreements, ${unitIds.length} fact Queries) | ${(median(reads) / 1000).toFixed(2)} s |`,
      `| results job, per category (${scenario.categories.length} parts, ${LOCAL_PARTS_IN_FLIGHT} at once; Q1–Q4 each; runs stored) | ${(median(fanouts) / 1000).toFixed(2)} s |`,
      `| **ratio results job / read (target ≤ 1.5)** | **${(median(fanouts) / median(reads)).toFixed(2)}** |`,
      `| whole year at once: load + build the scenario (loadScenario) | ${(median(loads) / 1000).toFixed(2)} s |`,
      `| whole year at once: load + build + compute Q4 (the request before the job) | ${(median(computes) / 1000).toFixed(2)} s |`,
      `| ratio whole year at once / read | ${(median(computes) / median(reads)).toFixed(2)} |`,
      `| peak memory, one category's part alone (${partUnits} units; what one child function holds) | ${mib(partMemory)} |`,
      `| peak memory, results job in one process (last run) | ${mib(fanoutMemory)} |`,
      `| peak memory, whole year at once (last run) | ${mib(memory)} |`,
      '',
      `## Published page render in Chromium (${rows.length} units; median of 5)`,
      `| ranking page (${(richHtml.length / 1024).toFixed(0)} KiB) | ${median(rich).toFixed(0)} ms |`,
      `| plain table of the same rows | ${median(plain).toFixed(0)} ms |`,
      `| ratio | ${(median(rich) / median(plain)).toFixed(2)} |`,
    ].join('\n');
  } finally {
    await ddb.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run());
