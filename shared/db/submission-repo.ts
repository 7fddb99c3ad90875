/**
 * Access patterns of quarter-end evidence: submission items, evidence files, the unit head's period
 * submission, extensions and idempotency records. Every status change is a conditional write (on
 * the item's version and status); the period submission moves all of a unit's items, writes the
 * period record and the idempotency record in one transaction, so nothing is ever half-written.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  EDITABLE_STATUSES,
  type ItemStatus,
  isEditable,
  nextStatus,
  statusesFor,
} from '../domain/submissions/status';
import { checkSubmission } from '../domain/submissions/submit-check';
import { AppError, ConflictError, type ErrorDetail, NotFoundError, StaleVersionError } from '../errors';
import type { Agreement } from '../schemas/agreement';
import type {
  EvidenceFile,
  Extension,
  IndicatorSheet,
  ItemEvent,
  PeriodSubmission,
  SubmissionItem,
  SubmitResult,
} from '../schemas/submission';
import type { Period } from '../schemas/year';
import type { Db } from './client';
import { getItem, guard, queryPrefix, stripKeys } from './items';
import {
  agreementKey,
  evidenceFileKey,
  extensionIndexes,
  extensionKey,
  idempotencyKey,
  periodSubmissionIndexes,
  periodSubmissionKey,
  submissionItemIndexes,
  submissionItemKey,
} from './keys';

type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Who acts, and when (the server's clock). */
export interface Actor {
  userId: string;
  name: string;
  at: Date;
}

export interface UnitPeriod {
  year: number;
  unitId: string;
  period: Period;
}

const unitPk = (year: number, unitId: string) => `YEAR#${year}#UNIT#${unitId}`;
const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

/** Pending uploads that are never confirmed disappear after a day (TTL). */
const PENDING_FILE_TTL_SECONDS = 24 * 3600;
/** Idempotency records answer retries for a day, then expire. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/** TransactWriteItems takes 100 items; the period record and the idempotency record use two. */
export const MAX_ITEMS_PER_SUBMISSION = 98;

// ── reads ──────────────────────────────────────────────────────────────────────────────────────

export const getSubmissionItem = (db: Db, p: UnitPeriod, code: string) =>
  getItem<SubmissionItem>(db, submissionItemKey(p.year, p.unitId, p.period, code));

/** A unit's items of one period (pattern 10). */
export const listItems = (db: Db, p: UnitPeriod) =>
  queryPrefix<SubmissionItem>(db, { pk: unitPk(p.year, p.unitId), skPrefix: `ITEM#${p.period}#` });

/** A unit's files of one period, or of one indicator (pattern 10). */
export const listFiles = (db: Db, p: UnitPeriod, code?: string) =>
  queryPrefix<EvidenceFile>(db, {
    pk: unitPk(p.year, p.unitId),
    skPrefix: code ? `FILE#${p.period}#${code}#` : `FILE#${p.period}#`,
  });

export const getFile = async (db: Db, p: UnitPeriod, code: string, fileId: string): Promise<EvidenceFile> => {
  const file = await getItem<EvidenceFile & { expiresAt?: number }>(
    db,
    evidenceFileKey(p.year, p.unitId, p.period, code, fileId),
  );
  if (!file) throw new NotFoundError('材料文件');
  const { expiresAt: _ttl, ...rest } = file;
  return rest;
};

export const getPeriodSubmission = (db: Db, p: UnitPeriod) =>
  getItem<PeriodSubmission>(db, periodSubmissionKey(p.year, p.unitId, p.period));

export const getExtension = (db: Db, p: UnitPeriod) =>
  getItem<Extension>(db, extensionKey(p.year, p.unitId, p.period));

/** Everything of one period across units, for the progress matrix and the reminders (pattern 11). */
export const listPeriodRecords = async (db: Db, year: number, period: Period) => {
  const gsi1pk = `YEAR#${year}#PERIOD#${period}`;
  const [items, submissions, extensions] = await Promise.all([
    queryPrefix<SubmissionItem>(db, { index: 'gsi1', pk: gsi1pk, skPrefix: 'UNIT#' }),
    queryPrefix<PeriodSubmission>(db, { index: 'gsi1', pk: gsi1pk, skPrefix: 'SUBMISSION#' }),
    queryPrefix<Extension>(db, { index: 'gsi1', pk: gsi1pk, skPrefix: 'EXTENSION#' }),
  ]);
  return { items, submissions, extensions };
};

/**
 * The parts of a unit's agreement that reporting needs (its state and indicators), on the hot path
 * of every save: projected, so the stored base, history and signature are not shipped and parsed
 * each time, and eventually consistent, since a signed agreement changes only by an approved
 * amendment. The agreement repository owns the item; this is a read-only view of it.
 */
/** What reporting reads of an agreement: enough to know which signed revision is in force when. */
export type ReportingAgreement = Pick<Agreement, 'state' | 'revision' | 'dimensions' | 'inForce'>;

export const getReportingAgreement = async (
  db: Db,
  year: number,
  unitId: string,
): Promise<ReportingAgreement | undefined> => {
  const { Item } = await guard(() =>
    db.doc.send(
      new GetCommand({
        TableName: db.tableName,
        Key: agreementKey(year, unitId),
        ProjectionExpression: '#state, revision, dimensions, inForce',
        ExpressionAttributeNames: { '#state': 'state' },
      }),
    ),
  );
  return Item as ReportingAgreement | undefined;
};

// ── items ──────────────────────────────────────────────────────────────────────────────────────

const itemRecord = (item: SubmissionItem) => ({
  ...submissionItemKey(item.year, item.unitId, item.period, item.code),
  ...submissionItemIndexes(item.year, item.period, item.unitId, item.code),
  entity: 'submission-item',
  ...item,
});

export class ItemLockedError extends ConflictError {
  constructor(status: ItemStatus) {
    super(
      status === 'accepted'
        ? '该指标材料已审核通过，不能再修改'
        : '该指标材料已提交，不能修改；如需修改，请等待审核退回',
      { status },
      'ITEM_LOCKED',
    );
  }
}

const readOld = (error: ConditionalCheckFailedException): SubmissionItem | undefined =>
  error.Item
    ? stripKeys<SubmissionItem>(unmarshall(error.Item as Parameters<typeof unmarshall>[0]))
    : undefined;

/** Explains a failed item condition: gone, locked by its status, or a stale version. */
const itemConflict = (current: SubmissionItem | undefined, allowed: readonly ItemStatus[]): AppError => {
  if (!current) return new NotFoundError('填报记录');
  if (!allowed.includes(current.status)) return new ItemLockedError(current.status);
  return new StaleVersionError(current.version, current);
};

const event = (status: ItemStatus, actor: Actor, reason?: string): ItemEvent => ({
  status,
  at: actor.at.toISOString(),
  by: actor.userId,
  byName: actor.name,
  ...(reason ? { reason } : {}),
});

/**
 * Saves the value and narrative of a draft or returned item. Version 0 creates the item (a draft);
 * any other version must be the stored one.
 */
export const saveItem = async (
  db: Db,
  p: UnitPeriod & { code: string },
  input: { value: SubmissionItem['value']; narrative: string; version: number },
  actor: Actor,
): Promise<SubmissionItem> => {
  const at = actor.at.toISOString();
  const key = submissionItemKey(p.year, p.unitId, p.period, p.code);
  if (input.version === 0) {
    const item: SubmissionItem = {
      year: p.year,
      unitId: p.unitId,
      period: p.period,
      code: p.code,
      status: 'draft',
      value: input.value,
      narrative: input.narrative,
      returnReason: null,
      history: [event('draft', actor)],
      updatedAt: at,
      updatedBy: actor.userId,
      version: 1,
    };
    try {
      await guard(() =>
        db.doc.send(
          new PutCommand({
            TableName: db.tableName,
            Item: itemRecord(item),
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        ),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw itemConflict(readOld(error), EDITABLE_STATUSES);
      throw error;
    }
    return item;
  }
  try {
    const { Attributes } = await guard(() =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: key,
          UpdateExpression:
            'SET #value = :value, narrative = :narrative, updatedAt = :at, updatedBy = :by, #version = :next',
          ConditionExpression: '#version = :expected AND #status IN (:draft, :returned)',
          ExpressionAttributeNames: { '#value': 'value', '#version': 'version', '#status': 'status' },
          ExpressionAttributeValues: {
            ':value': input.value,
            ':narrative': input.narrative,
            ':at': at,
            ':by': actor.userId,
            ':expected': input.version,
            ':next': input.version + 1,
            ':draft': 'draft',
            ':returned': 'returned',
          },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    return stripKeys<SubmissionItem>(Attributes ?? {});
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException)
      throw itemConflict(readOld(error), EDITABLE_STATUSES);
    throw error;
  }
};

/** The write that moves one item from `from` to `to`, conditional on its version and status. */
const moveItem = (
  item: SubmissionItem,
  to: ItemStatus,
  actor: Actor,
  extra: { returnReason?: string | null } = {},
): TxItem => ({
  Update: {
    TableName: '',
    Key: submissionItemKey(item.year, item.unitId, item.period, item.code),
    UpdateExpression:
      'SET #status = :to, history = list_append(history, :event), updatedAt = :at, updatedBy = :by, ' +
      '#version = :next, returnReason = :reason',
    ConditionExpression: '#version = :expected AND #status = :from',
    ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
    ExpressionAttributeValues: {
      ':to': to,
      ':from': item.status,
      ':event': [event(to, actor, extra.returnReason ?? undefined)],
      ':at': actor.at.toISOString(),
      ':by': actor.userId,
      ':expected': item.version,
      ':next': item.version + 1,
      ':reason': extra.returnReason === undefined ? item.returnReason : extra.returnReason,
    },
  },
});

const withTable = (db: Db, items: TxItem[]): TxItem[] =>
  items.map((item) => {
    const [kind, body] = Object.entries(item)[0] as [keyof TxItem, { TableName?: string }];
    return { [kind]: { ...body, TableName: db.tableName } } as TxItem;
  });

/** Runs a transaction; returns the cancellation reasons (codes per item) instead of throwing on them. */
const tryTransact = async (db: Db, items: TxItem[]): Promise<string[] | null> => {
  try {
    await guard(() => db.doc.send(new TransactWriteCommand({ TransactItems: withTable(db, items) })));
    return null;
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      return error.CancellationReasons?.map((r) => r.Code ?? 'None') ?? ['Unknown'];
    }
    throw error;
  }
};

const raceConflict = () => new ConflictError('数据正被他人同时修改，请刷新后重试', {}, 'CONCURRENT_CHANGE');

// ── idempotency ────────────────────────────────────────────────────────────────────────────────

export interface Idempotency {
  scope: string;
  key: string;
  /** The request it answers: a retry must carry the same one. */
  fingerprint: string;
}

interface IdempotencyRecord {
  fingerprint: string;
  status: number;
  body: unknown;
}

export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super(422, 'IDEMPOTENCY_KEY_REUSED', '该幂等键已用于另一个请求，请为新的操作生成新的键');
  }
}

/** The stored answer of an earlier request with this key, if any (pattern 23). */
export const replayOf = async <T>(db: Db, idem: Idempotency): Promise<T | undefined> => {
  const record = await getItem<IdempotencyRecord>(db, idempotencyKey(idem.scope, idem.key));
  if (!record) return undefined;
  if (record.fingerprint !== idem.fingerprint) throw new IdempotencyKeyReusedError();
  return record.body as T;
};

const idempotencyPut = (idem: Idempotency, body: unknown, at: Date): TxItem => ({
  Put: {
    TableName: '',
    Item: {
      ...idempotencyKey(idem.scope, idem.key),
      entity: 'idempotency',
      fingerprint: idem.fingerprint,
      status: 200,
      body,
      createdAt: at.toISOString(),
      expiresAt: epochSeconds(at) + IDEMPOTENCY_TTL_SECONDS,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

// ── the unit head's period submission ──────────────────────────────────────────────────────────

export class IncompleteSubmissionError extends AppError {
  constructor(details: ErrorDetail[]) {
    // Each blank indicator once, in the message and as a detail at its path.
    super(
      409,
      'INCOMPLETE',
      `还有 ${details.length} 项指标未填报完整，不能提交：${details.map((d) => d.message).join('；')}`,
      details,
    );
  }
}

/**
 * Submits a unit's period: every draft item becomes submitted, every returned item resubmitted,
 * the period record gets a new round, and the idempotency record stores the answer, all in one
 * transaction. The caller answers a retry from `replayOf` first; a copy of the request that
 * commits while this one runs makes this one answer the stored result too, writing nothing.
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
  if (missing.length > 0) throw new IncompleteSubmissionError(missing);

  const moves = indicators.flatMap((indicator) => {
    const item = byCode.get(indicator.code);
    const to = item ? nextStatus(item.status, 'submit') : null;
    return item && to ? [{ item, to }] : [];
  });
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
      TableName: '',
      Item: {
        ...periodSubmissionKey(p.year, p.unitId, p.period),
        ...periodSubmissionIndexes(p.year, p.period, p.unitId),
        entity: 'period-submission',
        ...record,
      },
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
    ...moves.map((m) => moveItem(m.item, m.to, actor)),
    periodPut,
    idempotencyPut(idem, result, actor.at),
  ]);
  if (reasons) throw raceConflict();
  return result;
};

// ── rater review ───────────────────────────────────────────────────────────────────────────────

/**
 * Accepts or returns a submitted item (with the rater's reason), writing the notifications for the
 * unit in the same transaction.
 */
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
  const reasons = await tryTransact(db, [
    moveItem(current, to, actor, { returnReason: eventName === 'return' ? (review.reason ?? null) : null }),
    ...notifications.map((Item): TxItem => ({ Put: { TableName: '', Item } })),
  ]);
  if (reasons) throw itemConflict(await getSubmissionItem(db, p, p.code), allowed);
  const at = actor.at.toISOString();
  return {
    ...current,
    status: to,
    returnReason: eventName === 'return' ? (review.reason ?? null) : null,
    history: [...current.history, event(to, actor, eventName === 'return' ? review.reason : undefined)],
    updatedAt: at,
    updatedBy: actor.userId,
    version: current.version + 1,
  };
};

// ── evidence files ─────────────────────────────────────────────────────────────────────────────

/** The item of a file must be absent (not saved yet) or editable; a submitted item locks its files. */
const itemStillEditable = (p: UnitPeriod, code: string): TxItem => ({
  ConditionCheck: {
    TableName: '',
    Key: submissionItemKey(p.year, p.unitId, p.period, code),
    ConditionExpression: 'attribute_not_exists(pk) OR #status IN (:draft, :returned)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':draft': 'draft', ':returned': 'returned' },
  },
});

const lockedByItem = async (db: Db, p: UnitPeriod, code: string): Promise<AppError> => {
  const item = await getSubmissionItem(db, p, code);
  return item && !isEditable(item.status) ? new ItemLockedError(item.status) : raceConflict();
};

const fileRecord = (file: EvidenceFile) => ({
  ...evidenceFileKey(file.year, file.unitId, file.period, file.code, file.fileId),
  entity: 'evidence-file',
  ...file,
});

/** Records a signed upload that has not been confirmed yet; it expires unless confirmed. */
export const createPendingFile = async (db: Db, file: EvidenceFile, at: Date): Promise<void> => {
  const reasons = await tryTransact(db, [
    itemStillEditable(file, file.code),
    {
      Put: {
        TableName: '',
        Item: { ...fileRecord(file), expiresAt: epochSeconds(at) + PENDING_FILE_TTL_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ]);
  if (reasons) throw await lockedByItem(db, file, file.code);
};

/** Confirms a checked upload: the file becomes part of the worksheet and stops expiring. */
export const markFileReady = async (db: Db, file: EvidenceFile): Promise<EvidenceFile> => {
  const reasons = await tryTransact(db, [
    itemStillEditable(file, file.code),
    {
      Update: {
        TableName: '',
        Key: evidenceFileKey(file.year, file.unitId, file.period, file.code, file.fileId),
        UpdateExpression: 'SET #state = :ready REMOVE expiresAt',
        ConditionExpression: '#state = :pending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':ready': 'ready', ':pending': 'pending' },
      },
    },
  ]);
  if (!reasons) return { ...file, state: 'ready' };
  if (reasons[0] === 'ConditionalCheckFailed') throw await lockedByItem(db, file, file.code);
  // Confirmed twice (a retried request): the first one did the work.
  const stored = await getFile(db, file, file.code, file.fileId);
  if (stored.state === 'ready') return stored;
  throw raceConflict();
};

/** Removes a file of an editable item (the unit changed its mind before submitting). */
export const removeFile = async (db: Db, file: EvidenceFile): Promise<void> => {
  const reasons = await tryTransact(db, [
    itemStillEditable(file, file.code),
    {
      Delete: {
        TableName: '',
        Key: evidenceFileKey(file.year, file.unitId, file.period, file.code, file.fileId),
        ConditionExpression: 'attribute_exists(pk)',
      },
    },
  ]);
  if (!reasons) return;
  if (reasons[0] === 'ConditionalCheckFailed') throw await lockedByItem(db, file, file.code);
  throw new NotFoundError('材料文件');
};

/** Drops the record of an upload that failed its checks (the object is removed by the caller). */
export const discardPendingFile = async (db: Db, file: EvidenceFile): Promise<void> => {
  await guard(() =>
    db.doc.send(
      new DeleteCommand({
        TableName: db.tableName,
        Key: evidenceFileKey(file.year, file.unitId, file.period, file.code, file.fileId),
      }),
    ),
  );
};

// ── extensions ─────────────────────────────────────────────────────────────────────────────────

/** Grants (or changes) a unit's extension of one period. */
export const putExtension = async (db: Db, extension: Extension): Promise<void> => {
  await guard(() =>
    db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...extensionKey(extension.year, extension.unitId, extension.period),
          ...extensionIndexes(extension.year, extension.period, extension.unitId),
          entity: 'extension',
          ...extension,
        },
      }),
    ),
  );
};

export const deleteExtension = async (db: Db, p: UnitPeriod): Promise<boolean> => {
  try {
    await guard(() =>
      db.doc.send(
        new DeleteCommand({
          TableName: db.tableName,
          Key: extensionKey(p.year, p.unitId, p.period),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      ),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

// ── seeding ────────────────────────────────────────────────────────────────────────────────────

/** Writes seeded records if absent (demo data, benchmarks); never overwrites. */
export const seedSubmissionRecords = async (
  db: Db,
  records: {
    items?: SubmissionItem[];
    files?: EvidenceFile[];
    periods?: PeriodSubmission[];
  },
): Promise<number> => {
  const puts = [
    ...(records.items ?? []).map(itemRecord),
    ...(records.files ?? []).map(fileRecord),
    ...(records.periods ?? []).map((record) => ({
      ...periodSubmissionKey(record.year, record.unitId, record.period),
      ...periodSubmissionIndexes(record.year, record.period, record.unitId),
      entity: 'period-submission',
      ...record,
    })),
  ];
  let created = 0;
  // A few dozen writes at a time: DynamoDB Local (and a new on-demand table) take bursts badly.
  for (let i = 0; i < puts.length; i += 10) {
    await Promise.all(
      puts.slice(i, i + 10).map(async (Item) => {
        try {
          await guard(() =>
            db.doc.send(
              new PutCommand({
                TableName: db.tableName,
                Item,
                ConditionExpression: 'attribute_not_exists(pk)',
              }),
            ),
          );
          created++;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }),
    );
  }
  return created;
};
