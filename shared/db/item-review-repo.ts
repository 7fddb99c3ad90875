/**
 * The rater's review of a submitted item: accept it, or return it with a reason. The move and the
 * notifications for the unit are one transaction.
 */
import { nextStatus, statusesFor } from '../domain/submissions/status';
import { ConflictError, NotFoundError, StaleVersionError } from '../errors';
import type { SubmissionItem } from '../schemas/submission';
import type { Db } from './client';
import { type TxItem, tryTransact } from './items';
import {
  type Actor,
  getSubmissionItem,
  itemConflict,
  itemEvent,
  moveItem,
  type UnitPeriod,
} from './submission-item-repo';

/** Accepts or returns a submitted item (with the rater's reason), writing the unit's notifications too. */
export const reviewItem = async (
  db: Db,
  p: UnitPeriod & { code: string },
  review: { decision: 'accept' | 'return'; reason?: string; version: number },
  actor: Actor,
  notifications: Record<string, unknown>[],
): Promise<SubmissionItem> => {
  const eventName = review.decision;
  const allowed = statusesFor(eventName);
  const current = await getSubmissionItem(db, p, p.code);
  if (!current) throw new NotFoundError('填报记录');
  const to = nextStatus(current.status, eventName);
  if (!to) {
    throw new ConflictError(
      `当前状态不能${eventName === 'accept' ? '审核通过' : '退回'}（仅已提交或已重新提交的指标可以审核）`,
      { status: current.status },
      'WRONG_STATE',
    );
  }
  if (current.version !== review.version) throw new StaleVersionError(current.version, current);
  const returnReason = eventName === 'return' ? (review.reason ?? null) : null;
  const reasons = await tryTransact(db, [
    moveItem(db, current, to, actor, { returnReason }),
    ...notifications.map((Item): TxItem => ({ Put: { TableName: db.tableName, Item } })),
  ]);
  if (reasons) throw itemConflict(await getSubmissionItem(db, p, p.code), allowed);
  return {
    ...current,
    status: to,
    returnReason,
    history: [...current.history, itemEvent(to, actor, eventName === 'return' ? review.reason : undefined)],
    updatedAt: actor.at.toISOString(),
    updatedBy: actor.userId,
    version: current.version + 1,
  };
};
