/**
 * The one way a year moves forward (开始考核, 进入集中评分, 进入结果公示, 发布结果): read the facts,
 * let the domain decide readiness, refuse any blocker or unacknowledged warning (409 with the
 * list, nothing written), then write the move conditional on the year's version, so a second admin
 * who raced past a blocker, or moved the year meanwhile, gets a 409 too. The first two are the
 * transitions route's; 进入结果公示 and 发布结果 compute the whole year, so they are jobs.
 */
import type { Db } from '../db/client';
import { loadReadinessFacts } from '../db/readiness-repo';
import { advanceYear, getYear, yearMoveTxItem } from '../db/year-repo';
import {
  type Acknowledgement,
  type Readiness,
  unacknowledged,
  yearReadiness,
} from '../domain/years/readiness';
import { ConflictError, StaleVersionError } from '../errors';
import { freezeDraft } from '../publication/drafts';
import { freezeSnapshot } from '../publication/publish';
import { YEAR_STATE_LABELS, YEAR_TRANSITIONS, type Year, type YearState } from '../schemas/year';

const wrongState = (current: Year, to: YearState) =>
  new ConflictError(
    `当前状态为“${YEAR_STATE_LABELS[current.state]}”，不能转为“${YEAR_STATE_LABELS[to]}”`,
    { state: current.state },
    'WRONG_STATE',
  );

/** The readiness of the year's move to `to` (409 when `to` is not the next state). */
export const readinessOf = async (db: Db, year: number, to: YearState, now: Date): Promise<Readiness> => {
  const current = await getYear(db, year);
  if (YEAR_TRANSITIONS[current.state] !== to) throw wrongState(current, to);
  return yearReadiness(await loadReadinessFacts(db, current, to, now), to);
};

/** Refuses the move while anything blocks it or a warning is not acknowledged with a reason. */
export const assertReady = (readiness: Readiness, acks: readonly Acknowledgement[]): void => {
  const label = YEAR_STATE_LABELS[readiness.to];
  if (readiness.blockers.length > 0) {
    throw new ConflictError(
      `还有 ${readiness.blockers.length} 项未完成，不能转为“${label}”：${readiness.blockers[0]?.message}`,
      { readiness },
      'NOT_READY',
    );
  }
  const open = unacknowledged(readiness, acks);
  if (open.length > 0) {
    throw new ConflictError(
      `有 ${open.length} 项提醒尚未确认：请逐项说明理由后再转为“${label}”`,
      { readiness },
      'WARNINGS_UNACKNOWLEDGED',
    );
  }
};

export interface MoveYearInput {
  year: number;
  to: YearState;
  version: number;
  by: string;
  acknowledgements?: readonly Acknowledgement[];
  /** A correction or publication note (发布 only). */
  reason?: string;
}

/**
 * What a move checks before anything is computed or written (the publicity and publication jobs'
 * starts run it too, so a refusal comes before any job): the move is the next one, the version is
 * the one the admin saw, nothing blocks, every warning is acknowledged. Answers the year as read and
 * the warnings with their reasons, as the year's history keeps them.
 */
export const checkMove = async (db: Db, now: Date, input: Omit<MoveYearInput, 'by' | 'reason'>) => {
  const { year, to, version } = input;
  const current = await getYear(db, year);
  if (YEAR_TRANSITIONS[current.state] !== to) throw wrongState(current, to);
  if (current.version !== version) throw new StaleVersionError(current.version, current);
  const readiness = yearReadiness(await loadReadinessFacts(db, current, to, now), to);
  const acks = input.acknowledgements ?? [];
  assertReady(readiness, acks);
  const acknowledged = readiness.warnings.map((w) => ({
    code: w.code,
    message: w.message,
    count: w.count,
    reason: acks.find((a) => a.code === w.code)?.reason.trim() ?? '',
  }));
  return { current, acknowledged };
};

/**
 * Why a move written with other items in one transaction was refused: the year moved meanwhile
 * (another admin; 409 WRONG_STATE or STALE_VERSION), or else the other items' own conflict.
 */
const moveConflict = async (db: Db, read: Year, to: YearState, error: unknown): Promise<unknown> => {
  if (!(error instanceof ConflictError)) return error;
  const latest = await getYear(db, read.year);
  if (YEAR_TRANSITIONS[latest.state] !== to) return wrongState(latest, to);
  return latest.version !== read.version ? new StaleVersionError(latest.version, latest) : error;
};

/**
 * Moves the year after its readiness check. Opening publicity freezes draft version 1 with the move
 * in one transaction (the year is never in publicity without it); publishing freezes the snapshot
 * with the move in one transaction (the caller writes the static site). `onProgress` is told as the
 * units' facts are read for the draft (`done` of `total` units).
 */
export const moveYear = async (
  db: Db,
  now: Date,
  input: MoveYearInput,
  onProgress?: (done: number, total: number) => void,
): Promise<Year> => {
  const { year, to, version, by } = input;
  const { current, acknowledged } = await checkMove(db, now, input);
  const move = [yearMoveTxItem(db, current, to, by, now, acknowledged)];
  if (to === 'publicity') {
    // Objections are weighed against this draft: computed first, so a scenario that cannot be
    // computed refuses the move whole; written with the move, conditional on the version read, so a
    // racing admin's copy (or a fault) writes neither.
    await freezeDraft(db, {
      year,
      by,
      at: now,
      reason: '开始公示',
      alsoWrite: move,
      ...(onProgress ? { onProgress } : {}),
    }).catch(async (error: unknown) => {
      throw await moveConflict(db, current, to, error);
    });
    return getYear(db, year);
  }
  if (to === 'published') {
    // The snapshot and the move in one transaction, conditional on the version read: a racing
    // admin's copy writes neither.
    const reason = input.reason ? { reason: input.reason } : {};
    await freezeSnapshot(db, { year, by, at: now, ...reason }, move);
    return getYear(db, year);
  }
  return advanceYear(db, year, to, version, by, now, acknowledged);
};
