/**
 * One error hierarchy for the whole product. `app.onError` renders every AppError as
 * `{ error: { code, message, details } }`; anything else is logged and answered with a generic 500.
 */
export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503,
    readonly code: string,
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
  constructor(message: string, extra: Record<string, unknown> = {}, code = 'CONFLICT') {
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
