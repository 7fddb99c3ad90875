/** GET /api/me: who am I, which unit, which roles. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { PrincipalSchema } from '../../auth/roles';
import { getUnit } from '../../db/org-repo';
import type { AppEnv } from '../env';
import { protectedRoute } from '../route';

const MeSchema = PrincipalSchema.extend({ unitName: z.string().nullable() }).openapi('Me');

const me = protectedRoute('me.read', {
  method: 'get',
  path: '/me',
  summary: '当前用户',
  responses: { 200: { description: '当前用户', content: { 'application/json': { schema: MeSchema } } } },
});

export const meRoutes = new OpenAPIHono<AppEnv>().openapi(me, async (c) => {
  const principal = c.get('principal');
  const unitName = principal.unitId ? (await getUnit(c.get('deps').db, principal.unitId)).name : null;
  return c.json({ ...principal, unitName }, 200);
});
