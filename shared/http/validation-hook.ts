/**
 * A request that fails its route's zod schema: a 400 whose details keep the failing field's path
 * (`body.value`, for forms to place it) and say what is wrong in Chinese naming the field
 * (填报值须为数字): zod's own wording (无效输入：期望 number…) is replaced; messages a schema wrote
 * itself are kept as they are.
 *
 * Loaded with the route groups (./route-groups), not at start: zod is not part of the API's cold
 * start (issue 15), and every route that validates comes with a group. It imports nothing the start
 * also loads (the error body is written here, in ./error-handler's shape): esbuild would put such a
 * module in a chunk of its own, one more file for the start to read.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import type { ErrorDetail } from '../errors';
import type { AppEnv } from './env';
import type { errorBody } from './error-handler';
import { fieldLabel } from './field-labels';

// zod through @hono/zod-openapi, as the routes import it: esbuild then keeps zod and the OpenAPI
// extension in one chunk (they are loaded together by the first request).
// The one locale imported by its own path: `z.locales.zhCN` would bundle every locale zod has.
z.config(zhCN());

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
    const body: ReturnType<typeof errorBody> = {
      error: {
        code: 'VALIDATION_FAILED',
        message: first ? `请求数据有误：${first.message}` : '请求数据有误',
        details,
      },
    };
    return c.json(body, 400);
  }
  return undefined;
};
