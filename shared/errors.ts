/**
 * One error hierarchy and one code vocabulary for the whole product. `app.onError` renders every
 * AppError as `{ error: { code, message, details } }`; anything else is logged and answered with a
 * generic 500. Every code a client may see is listed in ERROR_CODES (the OpenAPI error schema
 * enumerates them and the web matches on the same type), so a new code is added here first.
 */

import type { ItemStatus } from './domain/submissions/status';
import type { RaterSheet } from './schemas/scoring';

/** Every error code the API answers with, and what it means (the status it comes with in brackets). */
export const ERROR_CODES = {
  BAD_REQUEST: '(400) the request is not valid JSON or HTTP',
  VALIDATION_FAILED: '(400) a field is missing or wrong; `details` name each field',
  UNAUTHORIZED: '(401) not signed in, or the token expired',
  FORBIDDEN: '(403) the role or relation does not allow this',
  NOT_FOUND: '(404) the record or route does not exist',
  CONFLICT: '(409) a condition of the write failed (duplicate, concurrent change)',
  STALE_VERSION: '(409) the version sent is no longer current; `currentVersion` says which is',
  CONCURRENT_CHANGE: '(409) someone else changed the same records at the same time; retry',
  WRONG_STATE: '(409) the record is not in a state that allows this; `state` says which it is in',
  ALREADY_DECIDED: '(409) the objection is already decided',
  OWN_PROPOSAL: '(409) nobody decides their own proposal',
  CONFLICT_OF_INTEREST: '(409) the rater is affiliated with the unit',
  CONTENT_CHANGED: '(409) the agreement changed since the signer read it',
  AMENDMENT_PENDING: '(409) an amendment of the agreement awaits a decision',
  AGREEMENT_NOT_SIGNED: '(409) the unit reports only once its agreement is signed',
  NOT_READY:
    '(409) the year cannot move on while items of its readiness check block it; `readiness` lists them',
  WARNINGS_UNACKNOWLEDGED:
    '(409) the year moves on only once each readiness warning is acknowledged with a reason',
  WINDOW_NOT_OPEN: '(409) the reporting window of the period has not opened',
  WINDOW_CLOSED: '(409) the reporting or objection window is closed',
  NOT_IN_PUBLICITY: '(409) objections are taken only while results are on publicity',
  ITEM_LOCKED: '(409) the reported item is submitted or accepted and cannot change',
  INCOMPLETE: '(409) items of the period are not complete; `details` list them',
  NOTHING_TO_SUBMIT: '(409) every item of the period is already submitted',
  SHEET_FINALIZED: "(409) the rater's sheet of the period is finalized",
  NOTHING_TO_FINALIZE: '(409) the rater has no assignment in the period',
  SHEET_INCOMPLETE: "(409) items of the rater's sheet are still unscored; `details` list them",
  TOO_MANY_UNITS: "(409) the rater's sheet spans more units than one transaction holds",
  TOO_MANY_FILES: '(409) the item already holds the most files allowed',
  OWNER_CLOSED: '(409) the record the attachment belongs to no longer takes files',
  NOT_UPLOADED: '(409) the file has not finished uploading or checking',
  FILE_TOO_LARGE: '(413) the file is over the size limit',
  PAYLOAD_TOO_LARGE: '(413) the uploaded workbook is over the size limit',
  UNSUPPORTED_FILE_TYPE: '(415) the file type is not accepted as evidence',
  UNSUPPORTED_MEDIA_TYPE: '(415) the request body is not sent as application/json',
  IDEMPOTENCY_KEY_REUSED: '(422) the idempotency key was used for a different request',
  SIZE_MISMATCH: '(422) the uploaded size differs from the declared one',
  CHECKSUM_MISMATCH: '(422) the uploaded bytes differ from the declared checksum',
  TOO_MANY_ITEMS: '(422) more items than one submission takes',
  SERVICE_UNAVAILABLE: '(503) the data store is unavailable; retry later',
  PUBLICATION_UNFINISHED:
    '(503) the results are published but their ranking site or notices are not yet written; run again to finish',
  INTERNAL: '(500) an unexpected failure, logged with the request id',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
/** The codes as a non-empty list (for the OpenAPI enum). */
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503,
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super(400, 'VALIDATION_FAILED', message, details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = '请先登录') {
    super(401, 'UNAUTHORIZED', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = '无权执行此操作') {
    super(403, 'FORBIDDEN', message);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, 'NOT_FOUND', `${what}不存在`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, extra: Record<string, unknown> = {}, code: ErrorCode = 'CONFLICT') {
    super(409, code, message, [], extra);
  }
}

/** A write carried a version that is no longer current (optimistic locking). */
export class StaleVersionError extends ConflictError {
  constructor(currentVersion: number | undefined, current?: unknown) {
    super(
      '数据已被他人修改，请刷新后重试',
      { currentVersion: currentVersion ?? null, ...(current === undefined ? {} : { current }) },
      'STALE_VERSION',
    );
  }
}

export class ServiceUnavailableError extends AppError {
  /** Sent as `Retry-After` (seconds) by the error handler. */
  readonly retryAfterSeconds: number = 5;
  constructor(message = '数据服务暂时不可用，请稍后重试') {
    super(503, 'SERVICE_UNAVAILABLE', message);
  }
}

/**
 * The store (DynamoDB) did not answer within the call's deadline, or kept failing with throttling,
 * transaction conflicts, timeouts or network errors after the SDK's retries. Nothing of the write is
 * known to be lost: the client is told to retry.
 */
export class StoreUnavailableError extends ServiceUnavailableError {
  constructor(readonly sdkError?: unknown) {
    super();
  }
}

/** The rater's sheet of the period is finalized: no score changes until the admin reopens it. */
export class SheetFinalizedError extends ConflictError {
  constructor(sheet?: RaterSheet) {
    super('本期评分表已定稿，不能再修改；如需修改，请考核办重新开放', { sheet }, 'SHEET_FINALIZED');
  }
}

/** A reported item that is submitted (awaiting review) or accepted cannot be edited. */
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

/** An idempotency key sent again with a different request. */
export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super(422, 'IDEMPOTENCY_KEY_REUSED', '该幂等键已用于另一个请求，请为新的操作生成新的键');
  }
}

/** A rater finalizing a sheet with items still unscored; `details` name each (unit/code). */
export class SheetIncompleteError extends AppError {
  constructor(details: ErrorDetail[]) {
    super(
      409,
      'SHEET_INCOMPLETE',
      `还有 ${details.length} 项尚未评分，不能定稿：${details.map((d) => d.message).join('；')}`,
      details,
    );
  }
}

/** A period submitted while some items are incomplete; `details` name each. */
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
