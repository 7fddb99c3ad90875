/**
 * One error shape for every failure: `{ error: { code, message, details: [{ path, message }] } }`.
 * A validation detail keeps the failing field's path (`body.value`, for forms to place it) and says
 * what is wrong in Chinese naming the field (填报值须为数字): zod's own wording (无效输入：期望 number…)
 * is replaced; messages a schema wrote itself are kept as they are.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ZodError, z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { isStoreUnavailable } from '../db/deadline';
import { AppError, type ErrorCode, type ErrorDetail, ServiceUnavailableError } from '../errors';
import type { AppEnv } from './env';
import { fieldLabel } from './field-labels';

// The one locale imported by its own path: `z.locales.zhCN` would bundle every locale zod has.
z.config(zhCN());

export const errorBody = (code: ErrorCode, message: string, details: ErrorDetail[] = [], extra = {}) => ({
  error: { code, message, details, ...extra },
});

/** zod's zh-CN wording starts so; a schema's own message (计数须为非负整数) never does. */
const ZOD_WORDING = /^(无效|数值过[大小]|出现未知的键)/;

const TYPE_WORDS: Record<string, string> = {
  number: '数字',
  int: '整数',
  string: '文字',
  boolean: '“是”或“否”',
  array: '列表',
};

type Issue = ZodError['issues'][number];

const sayInChinese = (issue: Issue, field: string): string => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.message.endsWith('undefined')) return `请填写${field}`;
      return TYPE_WORDS[issue.expected] ? `${field}须为${TYPE_WORDS[issue.expected]}` : `${field}格式有误`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? `请填写${field}` : `${field}至少 ${min} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${field}至少 ${min} 项`;
      return issue.inclusive ? `${field}不能小于 ${min}` : `${field}须大于 ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `${field}不能超过 ${max} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${field}最多 ${max} 项`;
      if (issue.origin === 'file') return `${field}不能超过 ${max} 字节`;
      return issue.inclusive ? `${field}不能大于 ${max}` : `${field}须小于 ${max}`;
    }
    case 'invalid_value':
      return `${field}的取值无效`;
    case 'not_multiple_of':
      return `${field}须为 ${issue.divisor} 的倍数`;
    case 'unrecognized_keys':
      // The key is what the sender typed: naming it is how they find the misspelt or stale field.
      return `请求中含有无法识别的字段：${issue.keys.join('、')}`;
    default:
      return `${field}格式有误`;
  }
};

/** Renders a zod failure of one request part (`body`, `query`, `param`) as a 400. */
export const zodDetails = (error: ZodError, target: string): ErrorDetail[] =>
  error.issues.map((issue) => {
    const path = issue.path.map(String);
    return {
      path: [target === 'json' ? 'body' : target, ...path].join('.'),
      message: ZOD_WORDING.test(issue.message) ? sayInChinese(issue, fieldLabel(path)) : issue.message,
    };
  });

/** The OpenAPIHono defaultHook: a request that fails its schema never reaches the handler. */
export const validationHook = (
  result: { success: boolean; error?: ZodError; target?: string },
  c: Context<AppEnv>,
) => {
  if (!result.success && result.error) {
    const details = zodDetails(result.error, result.target ?? 'json');
    const first = details[0];
    return c.json(
      errorBody('VALIDATION_FAILED', first ? `请求数据有误：${first.message}` : '请求数据有误', details),
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
