/**
 * Publishing a year's results, as the publication job does it: the year's last move (with its
 * readiness check) or a correction of what is published, the static site, the notices. The job's
 * start runs the same checks first (`checkPublishStart`), so a refusal is answered before any job.
 *
 * The snapshot's commit and what follows it (the site, the notices) cannot be one transaction, so
 * the snapshot is stored with its site and notices marked due and each mark is cleared when done.
 * A publication that stopped after its commit (the site writer or the store failed, the function
 * was killed) leaves the newest version unfinished, and the next publication job — or
 * 重新生成公布页面 — finishes that same version: no new version, no correction reason.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { z } from '@hono/zod-openapi';
import type { Db } from '../db/client';
import { notifyResultsPublished } from '../db/event-notes';
import { isUnfinished, listSnapshots, markNoticesSent, type SnapshotHeader } from '../db/results-repo';
import { getYear } from '../db/year-repo';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../errors';
import type { AcknowledgementSchema } from '../schemas/year';
import { assertReady, moveYear, readinessOf } from '../years/move-year';
import { freezeSnapshot } from './publish';

export interface PublishRequest {
  year: number;
  by: string;
  reason?: string | undefined;
  acknowledgements: z.infer<typeof AcknowledgementSchema>[];
}

export interface PublishDeps {
  db: Db;
  now: () => Date;
  publishSite: (year: number) => Promise<void>;
  logger: Logger;
}

type Step = (progress: number, step: string) => Promise<void>;

/** A published version as the job answers it (without its stored parts). */
export type PublishedVersion = Omit<SnapshotHeader, 'parts'>;

/** The year's newest published version, when it is published but not finished. */
const unfinishedVersion = async (db: Db, year: number): Promise<SnapshotHeader | undefined> => {
  const latest = (await listSnapshots(db, year)).at(-1);
  return latest && isUnfinished(latest) ? latest : undefined;
};

/**
 * The checks a publication passes before anything is computed (the job's start runs them too). A
 * published year whose newest version is unfinished needs no reason: the job finishes that version.
 */
export const checkPublishRequest = async (db: Db, request: Pick<PublishRequest, 'year' | 'reason'>) => {
  const current = await getYear(db, request.year);
  if (current.state !== 'publicity' && current.state !== 'published') {
    throw new ConflictError(
      '只有公示期满后才能发布结果（当前年度尚未进入结果公示）',
      { state: current.state },
      'WRONG_STATE',
    );
  }
  const unfinished = current.state === 'published' ? await unfinishedVersion(db, request.year) : undefined;
  if (current.state === 'published' && !unfinished && (!request.reason || request.reason.length < 4)) {
    throw new ValidationError('更正已发布的结果须说明理由', [
      { path: 'body.reason', message: '请填写更正理由（至少 4 个字）' },
    ]);
  }
  return { current, unfinished };
};

/**
 * What the publication job's start refuses at once, nothing written: the checks above and, when the
 * year is still in publicity, a blocker or an unacknowledged warning of the move to 已发布 (409
 * NOT_READY / WARNINGS_UNACKNOWLEDGED with the checklist), as the year's move refuses them.
 */
export const checkPublishStart = async (
  db: Db,
  now: Date,
  request: Pick<PublishRequest, 'year' | 'reason' | 'acknowledgements'>,
) => {
  const { current } = await checkPublishRequest(db, request);
  if (current.state === 'publicity') {
    assertReady(await readinessOf(db, request.year, 'published', now), request.acknowledgements);
  }
};

/** The year's newest published version, or 409 when the year has none (nothing to write a site of). */
export const checkSiteStart = async (db: Db, year: number): Promise<SnapshotHeader> => {
  await getYear(db, year);
  const latest = (await listSnapshots(db, year)).at(-1);
  if (!latest) {
    throw new ConflictError(
      '本年度结果尚未发布，没有可生成的公布页面',
      { state: 'unpublished' },
      'WRONG_STATE',
    );
  }
  return latest;
};

/** What the admin reads when a step after the commit failed: the version is out, run again to finish. */
const unfinishedError = (version: PublishedVersion, what: 'site' | 'notices') =>
  new AppError(
    503,
    'PUBLICATION_UNFINISHED',
    what === 'site'
      ? `第 ${version.version} 版结果已发布，公布页面尚未生成：请点击“重新生成公布页面”（不会产生新版本）`
      : `第 ${version.version} 版结果已发布，公布页面已生成，通知尚未全部发出：请点击“重新生成公布页面”补发（不会重复通知）`,
  );

/**
 * Writes the ranking site of the year's newest version and, when still due, tells the units (each
 * notice once: see notifyResultsPublished); each done step is marked on the version.
 */
export const finishPublication = async (
  deps: PublishDeps,
  version: SnapshotHeader,
  onStep: Step = async () => {},
): Promise<PublishedVersion> => {
  const { db, publishSite, logger } = deps;
  const { parts: _p, ...header } = version;
  await onStep(70, '生成公布页面');
  try {
    // Writes the newest version's site and marks it written (writePublishedSite).
    await publishSite(version.year);
  } catch (error) {
    logger.error('ranking site not written', { year: version.year, version: version.version, error });
    throw unfinishedError(header, 'site');
  }
  if (version.noticesDue) {
    await onStep(90, '通知各单位');
    try {
      await notifyResultsPublished(db, version.year, version.version, new Date(version.publishedAt));
      await markNoticesSent(db, version.year, version.version);
    } catch (error) {
      logger.error('publication notices not sent', { year: version.year, version: version.version, error });
      throw unfinishedError(header, 'notices');
    }
  }
  const { siteDue: _s, noticesDue: _n, ...finished } = header;
  return finished;
};

/**
 * Freezes the next snapshot (moving the year to 已发布 when it is in publicity), writes the site,
 * notifies; or, when the newest version is unfinished, finishes that one. Answers the version and
 * whether it was an earlier run's.
 */
export const publishYear = async (
  deps: PublishDeps,
  request: PublishRequest,
  onStep: Step = async () => {},
): Promise<{ version: PublishedVersion; resumed: boolean }> => {
  const { db, now } = deps;
  const { year, by, reason, acknowledgements } = request;
  const { current, unfinished } = await checkPublishRequest(db, request);
  if (unfinished) return { version: await finishPublication(deps, unfinished, onStep), resumed: true };
  await onStep(10, '计算并冻结结果');
  // Publishing out of publicity is the year's last move: the same readiness check as the transition.
  if (current.state === 'publicity') {
    await moveYear(db, now(), {
      year,
      to: 'published',
      version: current.version,
      by,
      acknowledgements,
      ...(reason ? { reason } : {}),
    });
  } else {
    await freezeSnapshot(db, { year, by, at: now(), ...(reason ? { reason } : {}) });
  }
  const snapshot = (await listSnapshots(db, year)).at(-1);
  if (!snapshot) throw new NotFoundError(`${year} 年度的发布版本`);
  return { version: await finishPublication(deps, snapshot, onStep), resumed: false };
};
