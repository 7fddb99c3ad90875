/**
 * Publication (发布): freeze an immutable snapshot of a year's results, then write the static site.
 * The API freezes; the site is written by the same function locally and by the publish Lambda in AWS.
 */

import type { Db } from '../db/client';
import {
  getSnapshot,
  listPublishedYears,
  listSnapshots,
  loadScenario,
  markSiteWritten,
  type Snapshot,
  saveSnapshot,
} from '../db/results-repo';
import { canonicalJson } from '../domain/canonical-json';
import {
  type PublishedSnapshotMeta,
  renderIndexPage,
  renderNotPublishedPage,
  renderYearSite,
} from '../domain/publication/render-site';
import { computeResults, parseScenario } from '../domain/scoring';
import type { Results } from '../schemas/results';
import { sha256Hex } from '../sha256';
import type { SiteStore } from './site-store';

export const BUREAU_NAME = process.env.BUREAU_NAME ?? '清河县卫生健康局';

/**
 * The year's scenario and results computed from the stored facts, with the exact bytes that get
 * stored: the results JSON is what `npm run score -- scenario.json` prints, so anyone can compare.
 */
export const computeFrozen = async (
  db: Db,
  year: number,
  onProgress?: (done: number, total: number) => void,
) => {
  const scenario = parseScenario(await loadScenario(db, year, onProgress));
  const results = computeResults(scenario);
  return {
    scenario,
    results,
    scenarioJson: canonicalJson(scenario),
    resultsJson: `${canonicalJson(results)}\n`,
  };
};

/**
 * Computes the year's results from the stored facts and freezes them as the next version, with
 * `alsoWrite` (the year's move to 已发布) in the same transaction. The new version's site and notices
 * are marked due in the same write (cleared as each is done), so a publication that stops after its
 * commit is known to be unfinished; a seeded history (`followUps: false`) tells nobody.
 */
export const freezeSnapshot = async (
  db: Db,
  options: { year: number; by: string; at: Date; reason?: string; followUps?: boolean },
  alsoWrite: Parameters<typeof saveSnapshot>[2] = [],
): Promise<Snapshot> => {
  const [{ scenario, results, scenarioJson, resultsJson }, existing] = await Promise.all([
    computeFrozen(db, options.year),
    listSnapshots(db, options.year),
  ]);
  const previous = existing.at(-1);
  const snapshot: Snapshot = {
    year: options.year,
    version: (previous?.version ?? 0) + 1,
    publishedAt: options.at.toISOString(),
    publishedBy: options.by,
    sha256: sha256Hex(canonicalJson({ scenario, results })),
    scenarioSha256: sha256Hex(scenarioJson),
    resultsSha256: sha256Hex(canonicalJson(results)),
    ...(previous ? { replaces: { version: previous.version, reason: options.reason ?? '' } } : {}),
    parts: 0,
    ...(options.followUps === false ? {} : { siteDue: true, noticesDue: true }),
    scenarioJson,
    resultsJson,
  };
  await saveSnapshot(db, snapshot, alsoWrite);
  return snapshot;
};

/** The page of the site answered with 404 for a year not published (and any other missing path). */
export const NOT_PUBLISHED_PAGE = '404.html';

/**
 * Writes the site of a year's newest snapshot and the index of all published years, then marks that
 * version's site written (the publish function in AWS, the Node process locally: whoever writes it).
 */
export const writePublishedSite = async (db: Db, store: SiteStore, year: number): Promise<number> => {
  const headers = await listSnapshots(db, year);
  const latest = headers.at(-1);
  if (!latest) return 0;
  const snapshot = await getSnapshot(db, year, latest.version);
  const results = JSON.parse(snapshot.resultsJson) as Results;
  const meta: PublishedSnapshotMeta = {
    year,
    version: snapshot.version,
    publishedAt: snapshot.publishedAt,
    sha256: snapshot.sha256,
    scenarioSha256: snapshot.scenarioSha256,
    resultsSha256: snapshot.resultsSha256,
    bureau: BUREAU_NAME,
    title: `${year}年度卫生健康目标责任考核结果`,
    ...(snapshot.replaces ? { replaces: snapshot.replaces } : {}),
  };
  const years = (await listPublishedYears(db)).map((y) => ({
    year: y.year,
    version: y.version,
    publishedAt: y.publishedAt,
    title: `${y.year}年度卫生健康目标责任考核结果`,
  }));
  const files = [
    ...renderYearSite(meta, {
      scenarioJson: snapshot.scenarioJson,
      resultsJson: snapshot.resultsJson,
      results,
    }),
    {
      path: 'index.html',
      contentType: 'text/html; charset=utf-8',
      body: renderIndexPage(BUREAU_NAME, years, 'assets/ranking.css'),
    },
    {
      path: NOT_PUBLISHED_PAGE,
      contentType: 'text/html; charset=utf-8',
      body: renderNotPublishedPage(BUREAU_NAME, years),
    },
  ];
  await store.write(files);
  await markSiteWritten(db, year, snapshot.version, new Date());
  return files.length;
};
