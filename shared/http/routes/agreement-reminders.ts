/** 提醒签订: the admin reminds the heads of a category's unsigned agreements (in-app notice, once a day). */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { remindToSign } from '../../db/sign-reminders';
import type { AppEnv } from '../env';
import { body, json, YearParams } from '../openapi';
import { protectedRoute } from '../route';

const remindRoute = protectedRoute('agreements.write', {
  method: 'post',
  path: '/years/{year}/agreements/remind',
  summary: '提醒该类别已下达未签订责任书的单位负责人签订（站内通知，同一天只发一次）',
  request: { params: YearParams, ...body(z.strictObject({ categoryId: z.string().min(1).max(48) })) },
  responses: {
    200: json(
      z.object({ units: z.number().int(), notified: z.number().int(), withoutHead: z.array(z.string()) }),
      '已提醒',
    ),
  },
});

export const agreementReminderRoutes = new OpenAPIHono<AppEnv>().openapi(remindRoute, async (c) => {
  const { db, now } = c.get('deps');
  const { year } = c.req.valid('param');
  const { categoryId } = c.req.valid('json');
  return c.json(await remindToSign(db, { year, categoryId, at: now() }), 200);
});
