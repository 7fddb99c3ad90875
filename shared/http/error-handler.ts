/**
 * One error shape for every failure: `{ error: { code, message, details: [{ path, message }] } }`.
 * A request that fails its schema is answered by ./validation-hook (loaded with the routes: this
 * file is part of the API's start and does not import zod).
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isStoreUnavailable } from '../db/deadline';
import { AppError, type ErrorCode, type ErrorDetail, ServiceUnavailableError } from '../errors';
import type { AppEnv } from './env';

export const errorBody = (code: ErrorCode, message: string, details: ErrorDetail[] = [], extra = {}) => ({
  error: { code, message, details, ...extra },
});

export const onError = (thrown: Error, c: Context<AppEnv>) => {
  // An SDK call outside the DynamoDB client's deadline (evidence bucket, publish Lambda) timed out or was refused.
  const error =
    !(thrown instanceof AppError) && isStoreUnavailable(thrown)
      ? new ServiceUnavailableError('依赖的服务（文件存储或发布）暂时不可用，请稍后重试')
      : thrown;
  if (error instanceof AppError) {
    if (error instanceof ServiceUnavailableError) {
      c.header('Retry-After', String(error.retryAfterSeconds));
      c.get('deps')?.logger.warn('store unavailable', { requestId: c.get('requestId'), path: c.req.path });
    }
    return c.json(errorBody(error.code, error.message, error.details, error.extra), error.status);
  }
  if (error instanceof HTTPException) {
    // Hono raises these for malformed JSON bodies and the like: client errors, not ours.
    const status = error.status as ContentfulStatusCode;
    if (status === 415) {
      return c.json(
        errorBody('UNSUPPORTED_MEDIA_TYPE', '请求内容类型不受支持：请以 application/json 发送'),
        415,
      );
    }
    const message = status === 400 ? '请求格式有误（不是有效的 JSON）' : error.message;
    return c.json(errorBody('BAD_REQUEST', message), status);
  }
  const deps = c.get('deps');
  deps?.logger.error('unhandled error', { requestId: c.get('requestId'), error });
  return c.json(errorBody('INTERNAL', '服务器内部错误，请稍后重试或联系管理员'), 500);
};
