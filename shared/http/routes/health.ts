/** GET /api/health: is the API up, and which dependency (if any) is down? */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { publicRoute } from '../route';

/** The store gets a shorter deadline here than in a request: a health check must answer quickly. */
export const HEALTH_STORE_DEADLINE_MS = 1_500;
const RETRY_AFTER_SECONDS = 5;

const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  store: z.enum(['ok', 'unavailable']),
  /** The dependencies that did not answer, by name (`store` = the DynamoDB table). */
  down: z.array(z.enum(['store'])),
  message: z.string(),
  time: z.string(),
});

const health = publicRoute({
  method: 'get',
  path: '/health',
  summary: '健康检查',
  responses: {
    200: { description: '正常', content: { 'application/json': { schema: HealthSchema } } },
    503: {
      description: '某个依赖不可用（down 列出它们）',
      content: { 'application/json': { schema: HealthSchema } },
    },
  },
});

/** Resolves true when the table answers a key read within the deadline. */
const storeAnswers = async (deps: AppEnv['Variables']['deps']): Promise<boolean> => {
  const { db } = deps;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((ok) => {
    timer = setTimeout(() => ok(false), HEALTH_STORE_DEADLINE_MS);
  });
  const read = db.doc
    .send(new GetCommand({ TableName: db.tableName, Key: { pk: 'HEALTH', sk: 'HEALTH' } }))
    .then(
      () => true,
      () => false,
    );
  try {
    return await Promise.race([read, late]);
  } finally {
    clearTimeout(timer);
  }
};

export const healthRoutes = new OpenAPIHono<AppEnv>().openapi(health, async (c) => {
  const deps = c.get('deps');
  const time = deps.now().toISOString();
  if (await storeAnswers(deps)) {
    return c.json({ status: 'ok' as const, store: 'ok' as const, down: [], message: '正常', time }, 200);
  }
  c.header('Retry-After', String(RETRY_AFTER_SECONDS));
  return c.json(
    {
      status: 'degraded' as const,
      store: 'unavailable' as const,
      down: ['store' as const],
      message: '数据服务（DynamoDB）无响应，请稍后重试',
      time,
    },
    503,
  );
});
