/** GET /api/me: who am I, which unit, which roles; GET /api/me/tasks: what is open for me. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { PrincipalSchema } from '../../auth/roles';
import { listOpenTasks } from '../../db/open-tasks-repo';
import { getUnit } from '../../db/org-repo';
import { listYears } from '../../db/year-repo';
import type { AppEnv } from '../env';
import { json } from '../openapi';
import { protectedRoute } from '../route';

const MeSchema = PrincipalSchema.extend({ unitName: z.string().nullable() }).openapi('Me');

const OpenTaskSchema = z
  .object({
    kind: z.string(),
    title: z.string(),
    text: z.string(),
    link: z.string(),
    dueDate: z.string().optional(),
    count: z.number().int().optional(),
  })
  .openapi('OpenTask');

const me = protectedRoute('me.read', {
  method: 'get',
  path: '/me',
  summary: '当前用户',
  responses: { 200: { description: '当前用户', content: { 'application/json': { schema: MeSchema } } } },
});

const tasks = protectedRoute('me.read', {
  method: 'get',
  path: '/me/tasks',
  summary: '现在要做的事：本人在该年度待办的事项（默认最新年度）',
  request: { query: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
  responses: { 200: json(z.array(OpenTaskSchema), '待办事项') },
});

export const meRoutes = new OpenAPIHono<AppEnv>()
  .openapi(me, async (c) => {
    const principal = c.get('principal');
    const unitName = principal.unitId ? (await getUnit(c.get('deps').db, principal.unitId)).name : null;
    return c.json({ ...principal, unitName }, 200);
  })
  .openapi(tasks, async (c) => {
    const { db } = c.get('deps');
    const year = c.req.valid('query').year ?? (await listYears(db))[0]?.year;
    return c.json(year === undefined ? [] : await listOpenTasks(db, c.get('principal'), year), 200);
  });
