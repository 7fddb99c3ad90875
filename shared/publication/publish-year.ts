/**
 * Publishing a year's results, as the publication job does it: the year's last move (with its
 * readiness check) or a correction of what is published, the static site, the notices. The job's
 * start runs the same checks first (`checkPublishStart`), so a refusal is answered before any job.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { z } from '@hono/zod-openapi';
import type { Db } from '../db/client';
import { notifyResultsPublished } from '../db/event-notes';
import { listSnapshots, type SnapshotHeader } from '../db/results-repo';
import { getYear } from '../db/year-repo';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { afterCommit } from '../http/after-commit';
import type { AcknowledgementSchema } from '../schemas/year';
import { assertReady, moveYear, readinessOf } from '../years/move-year';
import { freezeSnapshot } from './publish';

export interface PublishRequest {
  year: number;
  by: string;
  reason?: string | undefined;
  acknowledgements: z.infer<typeof AcknowledgementSchema>[];
}

/** The checks a publication passes before anything is computed (the job's start runs them too). */
export const checkPublishRequest = async (db: Db, request: Pick<PublishRequest, 'year' | 'reason'>) => {
  const current = await getYear(db, request.year);
  if (current.state !== 'publicity' && current.state !== 'published') {
    throw new ConflictError(
      '只有公示期满后才能发布结果（当前年度尚未进入结果公示）',
      { state: current.state },
      'WRONG_STATE',
    );
  }
  if (current.state === 'published' && (!request.reason || request.reason.length < 4)) {
    throw new ValidationError('更正已发布的结果须说明理由', [
      { path: 'body.reason', message: '请填写更正理由（至少 4 个字）' },
    ]);
  }
  return current;
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
  const current = await checkPublishRequest(db, request);
  if (current.state === 'publicity') {
    assertReady(await readinessOf(db, request.year, 'published', now), request.acknowledgements);
  }
};

/** Freezes the next snapshot (moving the year to 已发布 when it is in publicity), writes the site, notifies. */
export const publishYear = async (
  deps: { db: Db; now: () => Date; publishSite: (year: number) => Promise<void>; logger: Logger },
  request: PublishRequest,
  onStep: (progress: number, step: string) => Promise<void> = async () => {},
): Promise<Omit<SnapshotHeader, 'parts'>> => {
  const { db, now, publishSite, logger } = deps;
  const { year, by, reason, acknowledgements } = request;
  const current = await checkPublishRequest(db, request);
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
  await onStep(70, '生成公布页面');
  await publishSite(year);
  const snapshot = (await listSnapshots(db, year)).at(-1);
  if (!snapshot) throw new NotFoundError(`${year} 年度的发布版本`);
  await afterCommit(logger, 'notify results published', () =>
    notifyResultsPublished(db, year, snapshot.version, now()),
  );
  const { parts: _p, ...header } = snapshot;
  return header;
};
