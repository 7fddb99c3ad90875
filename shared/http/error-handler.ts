/**
 * One error shape for every failure: `{ error: { code, message, details: [{ path, message }] } }`.
 * Validation messages come from zod's zh-CN locale, with the failing field's path.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ZodError, z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { isStoreUnavailable } from '../db/deadline';
import { AppError, type ErrorDetail, ServiceUnavailableError } from '../errors';
import type { AppEnv } from './env';

// The one locale imported by its own path: `z.locales.zhCN` would bundle every locale zod has.
z.config(zhCN());

export const errorBody = (code: string, message: string, details: ErrorDetail[] = [], extra = {}) => ({
  error: { code, message, details, ...extra },
});

/** Renders a zod failure of one request part (`body`, `query`, `param`) as a 400. */
export const zodDetails = (error: ZodError, target: string): ErrorDetail[] =>
  error.issues.map((issue) => ({
    path: [target === 'json' ? 'body' : target, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));

/** The OpenAPIHono defaultHook: a request that fails its schema never reaches the handler. */
export const validationHook = (
  result: { success: boolean; error?: ZodError; target?: string },
  c: Context<AppEnv>,
) => {
  if (!result.success && result.error) {
    const details = zodDetails(result.error, result.target ?? 'json');
    const first = details[0];
    return c.json(
      errorBody(
        'VALIDATION_FAILED',
        first ? `请求数据有误：${first.path} ${first.message}` : '请求数据有误',
        details,
      ),
      400,
    );
  }
  return undefined;
};

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
