/**
 * The unit head's period submission (pattern 10/11): every draft item becomes submitted, every
 * returned item resubmitted, the period record gets a new round and the idempotency record stores
 * the answer, all in one transaction, so nothing is ever half-written. Also the period's records
 * across units (gsi1), for the progress matrix and the reminders.
 */
import { type ItemStatus, nextStatus } from '../domain/submissions/status';
import { checkSubmission, misfitValues } from '../domain/submissions/submit-check';
import { AppError, ConflictError, type ErrorDetail, IncompleteSubmissionError } from '../errors';
import type {
  Extension,
  IndicatorSheet,
  PeriodSubmission,
  SubmissionItem,
  SubmitResult,
} from '../schemas/submission';
import type { Period } from '../schemas/year';
import type { Db } from './client';
import { type Idempotency, idempotencyPut, replayOf } from './idempotency-repo';
import { getItem, queryPrefix, raceConflict, type TxItem, tryTransact } from './items';
import { PERIOD_INDEX_PREFIXES, periodIndexPk, periodSubmissionIndexes, periodSubmissionKey } from './keys';
import { type Actor, listItems, moveItem, type UnitPeriod } from './submission-item-repo';

/** TransactWriteItems takes 100 items; the period record and the idempotency record use two. */
export const MAX_ITEMS_PER_SUBMISSION = 98;

export const getPeriodSubmission = (db: Db, p: UnitPeriod) =>
  getItem<PeriodSubmission>(db, periodSubmissionKey(p.year, p.unitId, p.period));

/** The stored item of a period submission, with its gsi1 entry. */
export const periodRecord = (record: PeriodSubmission) => ({
  ...periodSubmissionKey(record.year, record.unitId, record.period),
  ...periodSubmissionIndexes(record.year, record.period, record.unitId),
  entity: 'period-submission',
  ...record,
});

/** Everything of one period across units, for the progress matrix and the reminders (pattern 11). */
export const listPeriodRecords = async (db: Db, year: number, period: Period) => {
  const pk = periodIndexPk(year, period);
  const [items, submissions, extensions] = await Promise.all([
    queryPrefix<SubmissionItem>(db, { index: 'gsi1', pk, skPrefix: PERIOD_INDEX_PREFIXES.items }),
    queryPrefix<PeriodSubmission>(db, { index: 'gsi1', pk, skPrefix: PERIOD_INDEX_PREFIXES.submissions }),
    queryPrefix<Extension>(db, { index: 'gsi1', pk, skPrefix: PERIOD_INDEX_PREFIXES.extensions }),
  ]);
  return { items, submissions, extensions };
};

/**
 * Submits a unit's period in one transaction. The caller answers a retry from `replayOf` first; a
 * copy of the request that commits while this one runs makes this one answer the stored result
 * too, writing nothing.
 */
export const submitPeriod = async (
  db: Db,
  p: UnitPeriod,
  indicators: readonly IndicatorSheet[],
  actor: Actor,
  idem: Idempotency,
): Promise<SubmitResult> => {
  try {
    return await submitOnce(db, p, indicators, actor, idem);
  } catch (error) {
    // A copy of this request committed meanwhile (a retry racing the original): answer its result.
    if (error instanceof AppError && error.status === 409) {
      const stored = await replayOf<SubmitResult>(db, idem);
      if (stored) return stored;
    }
    throw error;
  }
};

const submitOnce = async (
  db: Db,
  p: UnitPeriod,
  indicators: readonly IndicatorSheet[],
  actor: Actor,
  idem: Idempotency,
): Promise<SubmitResult> => {
  const [items, existing] = await Promise.all([listItems(db, p), getPeriodSubmission(db, p)]);
  const byCode = new Map(items.map((item) => [item.code, item]));

  const { blanks } = checkSubmission(
    indicators.map((indicator) => ({ indicator, item: byCode.get(indicator.code) ?? null })),
  );
  const missing: ErrorDetail[] = blanks.map(({ indicator, item }) => ({
    path: `items.${indicator.code}`,
    message: `${indicator.code} ${indicator.name}（${item ? '未填写填报值' : '尚未填报'}）`,
  }));

  const moves = indicators.flatMap((indicator) => {
    const item = byCode.get(indicator.code);
    const to = item ? nextStatus(item.status, 'submit') : null;
    return item && to ? [{ indicator, item, to }] : [];
  });
  // Values are checked against the revision in force now, which a draft's save may not have seen.
  for (const { row, message } of misfitValues(moves)) {
    missing.push({
      path: `items.${row.indicator.code}`,
      message: `${row.indicator.code} ${row.indicator.name}（填报值不符合本期指标：${message}）`,
    });
  }
  if (missing.length > 0) throw new IncompleteSubmissionError(missing);
  if (moves.length === 0) {
    throw new ConflictError('本期材料已全部提交，没有需要提交的指标', {}, 'NOTHING_TO_SUBMIT');
  }
  if (moves.length > MAX_ITEMS_PER_SUBMISSION) {
    throw new AppError(422, 'TOO_MANY_ITEMS', `一次最多提交 ${MAX_ITEMS_PER_SUBMISSION} 项指标`);
  }

  const at = actor.at.toISOString();
  const submitted = moves.filter((m) => m.to === 'submitted').length;
  const round = {
    at,
    by: actor.userId,
    byName: actor.name,
    submitted,
    resubmitted: moves.length - submitted,
  };
  const record: PeriodSubmission = {
    year: p.year,
    unitId: p.unitId,
    period: p.period,
    rounds: [...(existing?.rounds ?? []), round],
    submittedAt: existing?.submittedAt ?? at,
    version: (existing?.version ?? 0) + 1,
  };
  const statusAfter = new Map(moves.map((m) => [m.item.code, m.to]));
  const result: SubmitResult = {
    period: p.period,
    submittedAt: at,
    submitted,
    resubmitted: moves.length - submitted,
    items: indicators.map((indicator) => ({
      code: indicator.code,
      status: statusAfter.get(indicator.code) ?? (byCode.get(indicator.code)?.status as ItemStatus),
    })),
  };
  const periodPut: TxItem = {
    Put: {
      TableName: db.tableName,
      Item: periodRecord(record),
      ...(existing
        ? {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': existing.version },
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  };
  const reasons = await tryTransact(db, [
    ...moves.map((m) => moveItem(db, m.item, m.to, actor)),
    periodPut,
    idempotencyPut(db, idem, result, actor.at),
  ]);
  if (reasons) throw raceConflict();
  return result;
};
