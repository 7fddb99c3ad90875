/** GET /api/health: is the API up and can it reach its table? */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { publicRoute } from '../route';

const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  store: z.enum(['ok', 'unavailable']),
  time: z.string(),
});

const health = publicRoute({
  method: 'get',
  path: '/health',
  summary: '健康检查',
  responses: {
    200: { description: '正常', content: { 'application/json': { schema: HealthSchema } } },
    503: { description: '数据服务不可用', content: { 'application/json': { schema: HealthSchema } } },
  },
});

export const healthRoutes = new OpenAPIHono<AppEnv>().openapi(health, async (c) => {
  const { db, now } = c.get('deps');
  const time = now().toISOString();
  try {
    await db.doc.send(new GetCommand({ TableName: db.tableName, Key: { pk: 'HEALTH', sk: 'HEALTH' } }));
    return c.json({ status: 'ok' as const, store: 'ok' as const, time }, 200);
  } catch {
    return c.json({ status: 'degraded' as const, store: 'unavailable' as const, time }, 503);
  }
});
