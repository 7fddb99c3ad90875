/**
 * Self-assessment and staged reviews (docs/review-stages.md). A review is written at its expected
 * version (0: must not exist yet) together with one audit entry per change, in one transaction:
 * a stale write changes nothing, leaves no entry and answers 409 with the current review.
 * The offices doing 初审 are one item per indicator in the year's office partition.
 */
import { StaleVersionError } from '../errors';
import type { ReviewOffice, StageReview } from '../schemas/review-stages';
import type { AuditEntry } from '../schemas/scoring';
import { auditPut } from './audit-repo';
import type { Db } from './client';
import { getItem, queryPrefix, replaceVersioned, type TxItem, tryTransact } from './items';
import {
  periodReviewsQuery,
  reviewIndexes,
  reviewKey,
  reviewOfficeKey,
  reviewOfficesQuery,
  unitReviewsQuery,
} from './keys';
import { type NewNotification, notificationRecord } from './notification-repo';

export const getReview = (db: Db, year: number, unitId: string, period: string, code: string) =>
  getItem<StageReview>(db, reviewKey(year, unitId, period, code));

/** A unit's reviews of a period (one Query on its partition). */
export const listUnitReviews = (db: Db, year: number, unitId: string, period: string) =>
  queryPrefix<StageReview>(db, unitReviewsQuery(year, unitId, period));

/** A period's reviews across units, optionally of one status (a stage's queue; the done ones). */
export const listPeriodReviews = (db: Db, year: number, period: string, status?: string) =>
  queryPrefix<StageReview>(db, periodReviewsQuery(year, period, status));

const reviewPut = (db: Db, year: number, review: StageReview, expectedVersion: number): TxItem => ({
  Put: {
    TableName: db.tableName,
    Item: {
      ...reviewKey(year, review.unitId, review.period, review.code),
      ...reviewIndexes(year, review.period, review.status, review.unitId, review.code),
      entity: 'review',
      ...review,
      version: expectedVersion + 1,
    },
    ...(expectedVersion === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : {
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
  },
});

/**
 * Writes reviews, each at the version it was read at, with their audit entries and notices (a
 * return's, to the unit), all or nothing. One transaction holds 100 items: a unit's period has far
 * fewer indicators than 50, and a return writes one review and a unit's few people.
 */
export const writeReviews = async (
  db: Db,
  year: number,
  changes: readonly { next: StageReview; expectedVersion: number }[],
  entries: readonly AuditEntry[],
  notes: readonly NewNotification[] = [],
): Promise<void> => {
  const items = [
    ...changes.map((c) => reviewPut(db, year, c.next, c.expectedVersion)),
    ...entries.map((e) => auditPut(db, e)),
    ...notes.map(
      (n): TxItem => ({
        Put: {
          TableName: db.tableName,
          Item: notificationRecord(n),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      }),
    ),
  ];
  const reasons = await tryTransact(db, items);
  if (!reasons) return;
  const failed = reasons.findIndex((r) => r === 'ConditionalCheckFailed' || r === 'TransactionConflict');
  const stale = changes[failed] ?? changes[0];
  if (!stale) throw new Error(`transaction cancelled: ${reasons.join(', ')}`);
  const { unitId, period, code } = stale.next;
  const current = await getReview(db, year, unitId, period, code);
  throw new StaleVersionError(current?.version ?? 0, current ?? null);
};

export const listReviewOffices = (db: Db, year: number) =>
  queryPrefix<ReviewOffice>(db, reviewOfficesQuery(year));

export const getReviewOffice = (db: Db, year: number, code: string) =>
  getItem<ReviewOffice>(db, reviewOfficeKey(year, code));

/** Sets the office of an indicator at the expected version (0: new). */
export const putReviewOffice = async (
  db: Db,
  year: number,
  office: Omit<ReviewOffice, 'version'>,
  version: number,
) => {
  const item = { ...reviewOfficeKey(year, office.code), entity: 'reviewOffice', ...office };
  if (version === 0) {
    const reasons = await tryTransact(db, [
      {
        Put: {
          TableName: db.tableName,
          Item: { ...item, version: 1 },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
    if (!reasons) return 1;
    const current = await getReviewOffice(db, year, office.code);
    throw new StaleVersionError(current?.version ?? 0, current ?? null);
  }
  return replaceVersioned<ReviewOffice>(db, item, version);
};
