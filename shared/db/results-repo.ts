/**
 * Results: the scenario of a year assembled from the stored facts, and the immutable published
 * snapshots. A snapshot's scenario and results can exceed DynamoDB's 400 KB item limit for a
 * municipal bureau, so they are stored gzip-compressed in parts, written in one transaction with
 * the snapshot's header item: a snapshot is there completely or not at all, and never changes.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { isScored, toScenarioAgreement } from '../domain/results/agreement-to-scenario';
import { buildScenario } from '../domain/results/build-scenario';
import { NotFoundError } from '../errors';
import type { ScenarioInput } from '../schemas/scenario';
import { listAgreements } from './agreement-repo';
import type { Db } from './client';
import { loadUnitFacts } from './facts-repo';
import { getItem, queryPrefix, transact } from './items';
import { publishedIndexes, resultsVersionKey } from './keys';
import { listCategories, listUnits } from './org-repo';
import { mapLimit } from './parallel';
import { getYear } from './year-repo';

/** Assembles the year's scenario from the stored facts: one Query per unit with a signed agreement. */
export const loadScenario = async (db: Db, year: number): Promise<ScenarioInput> => {
  const [yearItem, categories, units, agreements] = await Promise.all([
    getYear(db, year),
    listCategories(db),
    listUnits(db),
    listAgreements(db, year),
  ]);
  const scored = agreements.filter(isScored);
  const facts = await mapLimit(scored, 16, (a) => loadUnitFacts(db, year, a.unitId));
  return buildScenario({
    year: yearItem,
    categories,
    units,
    agreements: scored.map(toScenarioAgreement),
    facts,
  });
};

export interface SnapshotHeader {
  year: number;
  version: number;
  publishedAt: string;
  publishedBy: string;
  /** SHA-256 of canonicalJson({ scenario, results }). */
  sha256: string;
  scenarioSha256: string;
  resultsSha256: string;
  replaces?: { version: number; reason: string };
  parts: number;
}

export interface Snapshot extends SnapshotHeader {
  scenarioJson: string;
  resultsJson: string;
}

const PART_BYTES = 300_000;

const partKey = (year: number, version: number, part: number) => ({
  pk: `YEAR#${year}#RESULTS`,
  sk: `PART#${String(version).padStart(4, '0')}#${String(part).padStart(3, '0')}`,
});

/** Stores a snapshot; a second snapshot with the same version is refused (409), nothing half-written. */
export const saveSnapshot = async (db: Db, snapshot: Snapshot): Promise<void> => {
  const packed = gzipSync(Buffer.from(JSON.stringify({ s: snapshot.scenarioJson, r: snapshot.resultsJson })));
  const parts: Buffer[] = [];
  for (let at = 0; at < packed.length; at += PART_BYTES) parts.push(packed.subarray(at, at + PART_BYTES));
  const { scenarioJson: _s, resultsJson: _r, ...header } = snapshot;
  const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
    {
      Put: {
        TableName: db.tableName,
        Item: {
          ...resultsVersionKey(snapshot.year, snapshot.version),
          ...publishedIndexes(snapshot.year, snapshot.version),
          entity: 'results-snapshot',
          ...header,
          parts: parts.length,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...parts.map((data, i) => ({
      Put: {
        TableName: db.tableName,
        Item: { ...partKey(snapshot.year, snapshot.version, i), entity: 'results-snapshot-part', data },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    })),
  ];
  await transact(db, items, `${snapshot.year} 年度第 ${snapshot.version} 版结果已存在`);
};

/** Snapshot headers of a year, oldest first. */
export const listSnapshots = (db: Db, year: number): Promise<SnapshotHeader[]> =>
  queryPrefix<SnapshotHeader>(db, { pk: `YEAR#${year}#RESULTS`, skPrefix: 'V#' });

/** The newest published version of every year, newest year first. */
export const listPublishedYears = async (db: Db): Promise<SnapshotHeader[]> => {
  const all = await queryPrefix<SnapshotHeader>(db, { index: 'gsi1', pk: 'PUBLISHED' });
  const latest = new Map<number, SnapshotHeader>();
  for (const s of all) if ((latest.get(s.year)?.version ?? 0) < s.version) latest.set(s.year, s);
  return [...latest.values()].sort((a, b) => b.year - a.year);
};

/** A complete snapshot with its scenario and results. */
export const getSnapshot = async (db: Db, year: number, version: number): Promise<Snapshot> => {
  const header = await getItem<SnapshotHeader>(db, resultsVersionKey(year, version));
  if (!header) throw new NotFoundError(`${year} 年度第 ${version} 版结果`);
  const parts = await queryPrefix<{ data: Uint8Array }>(db, {
    pk: `YEAR#${year}#RESULTS`,
    skPrefix: `PART#${String(version).padStart(4, '0')}#`,
  });
  const packed = Buffer.concat(parts.map((p) => Buffer.from(p.data)));
  const { s, r } = JSON.parse(gunzipSync(packed).toString('utf8')) as { s: string; r: string };
  return { ...header, scenarioJson: s, resultsJson: r };
};
