/**
 * Results: the scenario of a year assembled from the stored facts, and the immutable published
 * snapshots. A snapshot's scenario and results can exceed DynamoDB's 400 KB item limit for a
 * municipal bureau, so they are stored gzip-compressed in parts, which the snapshot's header item
 * names once they are all written: a snapshot is there completely or not at all, and its results never
 * change (only the header's marks of what follows the publication: the site written, the notices sent).
 */
import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isScored, toScenarioAgreement } from '../domain/results/agreement-to-scenario';
import { buildScenario } from '../domain/results/build-scenario';
import { NotFoundError } from '../errors';
import type { ScenarioInput } from '../schemas/scenario';
import { listAgreements } from './agreement-repo';
import type { Db } from './client';
import { loadUnitFacts } from './facts-repo';
import { fromGzipParts, keepPartsTxItems, putGzipParts } from './gzip-parts';
import { expiresAfter, getItem, guard, queryPrefix, type TxItem, transact } from './items';
import {
  draftsQuery,
  publishedIndexes,
  publishedQuery,
  resultsDraftKey,
  resultsPartKey,
  resultsPartPrefix,
  resultsPk,
  resultsVersionKey,
  snapshotsQuery,
} from './keys';
import { getUnit, listCategories, listUnits } from './org-repo';
import { mapLimit } from './parallel';
import { getYear } from './year-repo';

/**
 * Assembles the year's scenario from the stored facts: one Query per unit with a signed agreement,
 * fanned out 16 at a time; `onProgress` is told each unit read (`done` of `total`). With
 * `categoryId`, only that category's units are read (the results job's share of one category).
 */
export const loadScenario = async (
  db: Db,
  year: number,
  onProgress?: (done: number, total: number) => void,
  { categoryId }: { categoryId?: string } = {},
): Promise<ScenarioInput> => {
  const [yearItem, categories, units, agreements] = await Promise.all([
    getYear(db, year),
    listCategories(db),
    listUnits(db, categoryId),
    listAgreements(db, year, categoryId),
  ]);
  const scored = agreements.filter(isScored);
  let done = 0;
  const facts = await mapLimit(scored, 16, async (a) => {
    const unitFacts = await loadUnitFacts(db, year, a.unitId);
    onProgress?.(++done, scored.length);
    return unitFacts;
  });
  return buildScenario({
    year: yearItem,
    categories,
    units,
    agreements: scored.map(toScenarioAgreement),
    facts,
  });
};

/**
 * One unit's scenario: the year, the categories, the unit, its agreement and its own facts read by
 * key. Scoring it gives the unit's indicator lines (a leaf's points depend on the unit's facts only);
 * its rank and grade are within its category and come from the category's run.
 */
export const loadUnitScenario = async (
  db: Db,
  year: number,
  agreement: Parameters<typeof toScenarioAgreement>[0],
): Promise<ScenarioInput> => {
  const [yearItem, categories, unit, facts] = await Promise.all([
    getYear(db, year),
    listCategories(db),
    getUnit(db, agreement.unitId),
    loadUnitFacts(db, year, agreement.unitId),
  ]);
  return buildScenario({
    year: yearItem,
    categories,
    units: [unit],
    agreements: isScored(agreement) ? [toScenarioAgreement(agreement)] : [],
    facts: [facts],
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
  /** Where the parts are (resultsPartKey); absent on versions stored before it. */
  partsId?: string;
  /**
   * What still follows the publication of this version (docs/results.md): present from the
   * snapshot's commit until the ranking site is written (`siteDue`) and the units are told
   * (`noticesDue`). A version with either is published but unfinished: the next publication job
   * finishes it instead of freezing another version.
   */
  siteDue?: true;
  noticesDue?: true;
  /** When the ranking site of this version was last written. */
  siteWrittenAt?: string;
}

export interface Snapshot extends SnapshotHeader {
  scenarioJson: string;
  resultsJson: string;
}

/**
 * A stored results version is either published (`V#`, immutable, on the public site) or a draft
 * (`D#`, the version put on publicity and each recomputation after an upheld objection). Both keep
 * their scenario and results gzip-compressed in parts under the year's results partition.
 */
type VersionKind = 'published' | 'draft';
/** How long the parts of a version whose header was never written are kept (a day). */
const UNCOMMITTED_PARTS_TTL_SECONDS = 24 * 60 * 60;
const headerKey = (kind: VersionKind, year: number, version: number) =>
  kind === 'published' ? resultsVersionKey(year, version) : resultsDraftKey(year, version);

/**
 * Writes a version's parts, then its header with `alsoWrite` in one transaction; an existing version
 * is refused (409). The parts cannot travel in that transaction: a municipal year's scenario and
 * results are 4.2 MB of gzip (15 parts), and DynamoDB refuses a transaction above 4 MB. They are
 * written first under a fresh `partsId` the header names, so a version is readable only once its
 * header is (all or nothing, never changed). They are written with a day's TTL that the header's
 * transaction removes, so the parts of a refused or failed attempt, which nobody names, go by themselves.
 */
const saveVersion = async (
  db: Db,
  kind: VersionKind,
  header: { year: number; version: number } & Record<string, unknown>,
  body: { scenarioJson: string; resultsJson: string },
  indexes: Record<string, string>,
  alsoWrite: TxItem[] = [],
): Promise<void> => {
  const entity = kind === 'published' ? 'results-snapshot' : 'results-draft';
  // A letter first: after a version's digits-only parts of before, which a reader slices by count.
  const partsId = `p${randomUUID().slice(0, 8)}`;
  const partKey = (part: number) => resultsPartKey(header.year, kind, header.version, partsId, part);
  // Parts of an attempt that is refused or stops expire by the table's TTL; the header's
  // transaction keeps them.
  const parts = await putGzipParts(
    db,
    { s: body.scenarioJson, r: body.resultsJson },
    partKey,
    `${entity}-part`,
    expiresAfter(new Date(), UNCOMMITTED_PARTS_TTL_SECONDS),
  );
  const items: TxItem[] = [
    ...alsoWrite,
    ...keepPartsTxItems(db, parts, partKey),
    {
      Put: {
        TableName: db.tableName,
        Item: {
          ...headerKey(kind, header.year, header.version),
          ...indexes,
          entity,
          ...header,
          parts,
          partsId,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
  const label = kind === 'published' ? '结果' : '公示结果';
  await transact(db, items, `${header.year} 年度第 ${header.version} 版${label}已存在`);
};

/** A version's scenario and results, from the parts its header names. */
const readVersionBody = async (
  db: Db,
  kind: VersionKind,
  header: { year: number; version: number; parts: number; partsId?: string },
) => {
  const parts = await queryPrefix<{ data: Uint8Array }>(db, {
    pk: resultsPk(header.year),
    skPrefix: resultsPartPrefix(kind, header.version, header.partsId),
  });
  const { s, r } = fromGzipParts<{ s: string; r: string }>(parts.slice(0, header.parts));
  return { scenarioJson: s, resultsJson: r };
};

/**
 * Stores a snapshot, with `alsoWrite` (the year's move to 已发布) in the same transaction; a second
 * snapshot with the same version, or a stale year, is refused (409), nothing half-written.
 */
export const saveSnapshot = async (db: Db, snapshot: Snapshot, alsoWrite: TxItem[] = []): Promise<void> => {
  const { scenarioJson, resultsJson, ...header } = snapshot;
  await saveVersion(
    db,
    'published',
    header,
    { scenarioJson, resultsJson },
    publishedIndexes(snapshot.year, snapshot.version),
    alsoWrite,
  );
};

export interface DraftHeader {
  year: number;
  version: number;
  computedAt: string;
  computedBy: string;
  /** Why it was computed: 开始公示, or the upheld objections it takes in. */
  reason: string;
  objectionIds: string[];
  /** SHA-256 of the canonical results. */
  resultsSha256: string;
  parts: number;
  /** Where the parts are (resultsPartKey); absent on versions stored before it. */
  partsId?: string;
}

export interface Draft extends DraftHeader {
  scenarioJson: string;
  resultsJson: string;
}

/**
 * Stores a draft results version, with `alsoWrite` (version 1: the year's move to 结果公示) in the
 * same transaction; the same version twice, or a stale year, is refused (409), nothing half-written.
 */
export const saveDraft = async (db: Db, draft: Draft, alsoWrite: TxItem[] = []): Promise<void> => {
  const { scenarioJson, resultsJson, ...header } = draft;
  await saveVersion(db, 'draft', header, { scenarioJson, resultsJson }, {}, alsoWrite);
};

/** Draft headers of a year, oldest first. */
export const listDrafts = (db: Db, year: number): Promise<DraftHeader[]> =>
  queryPrefix<DraftHeader>(db, draftsQuery(year));

/** A complete draft with its scenario and results. */
export const getDraft = async (db: Db, year: number, version: number): Promise<Draft> => {
  const header = await getItem<DraftHeader>(db, resultsDraftKey(year, version));
  if (!header) throw new NotFoundError(`${year} 年度第 ${version} 版公示结果`);
  return { ...header, ...(await readVersionBody(db, 'draft', header)) };
};

/** Snapshot headers of a year, oldest first. */
export const listSnapshots = (db: Db, year: number): Promise<SnapshotHeader[]> =>
  queryPrefix<SnapshotHeader>(db, snapshotsQuery(year));

/** The newest published version of every year, newest year first. */
export const listPublishedYears = async (db: Db): Promise<SnapshotHeader[]> => {
  const all = await queryPrefix<SnapshotHeader>(db, publishedQuery());
  const latest = new Map<number, SnapshotHeader>();
  for (const s of all) if ((latest.get(s.year)?.version ?? 0) < s.version) latest.set(s.year, s);
  return [...latest.values()].sort((a, b) => b.year - a.year);
};

/** A complete snapshot with its scenario and results. */
export const getSnapshot = async (db: Db, year: number, version: number): Promise<Snapshot> => {
  const header = await getItem<SnapshotHeader>(db, resultsVersionKey(year, version));
  if (!header) throw new NotFoundError(`${year} 年度第 ${version} 版结果`);
  return { ...header, ...(await readVersionBody(db, 'published', header)) };
};

/** A published version whose site or notices are still due (its publication job did not finish). */
export const isUnfinished = (header: Pick<SnapshotHeader, 'siteDue' | 'noticesDue'>): boolean =>
  header.siteDue === true || header.noticesDue === true;

const markSnapshot = (
  db: Db,
  year: number,
  version: number,
  update: string,
  values?: Record<string, unknown>,
) =>
  guard(() =>
    db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: resultsVersionKey(year, version),
        UpdateExpression: update,
        ConditionExpression: 'attribute_exists(pk)',
        ...(values ? { ExpressionAttributeValues: values } : {}),
      }),
    ),
  );

/** Marks the ranking site of a version written (at `at`): its site is no longer due. */
export const markSiteWritten = (db: Db, year: number, version: number, at: Date) =>
  markSnapshot(db, year, version, 'SET siteWrittenAt = :at REMOVE siteDue', { ':at': at.toISOString() });

/** Marks the notices of a version's publication sent (in-app and queued in the outbox). */
export const markNoticesSent = (db: Db, year: number, version: number) =>
  markSnapshot(db, year, version, 'REMOVE noticesDue');
