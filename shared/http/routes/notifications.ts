/** The signed-in user's notifications (reminders, returns, extensions) and their unread count. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { listNotifications, markAllRead, markRead } from '../../db/notification-repo';
import { NotificationListSchema } from '../../schemas/submission';
import type { AppEnv } from '../env';
import { errorResponse, json } from '../openapi';
import { protectedRoute } from '../route';

const listRoute = protectedRoute('notifications.read', {
  method: 'get',
  path: '/notifications',
  summary: '我的通知（最新 50 条）和未读数',
  responses: { 200: json(NotificationListSchema, '通知') },
});

const readRoute = protectedRoute('notifications.read', {
  method: 'post',
  path: '/notifications/{noteId}/read',
  summary: '标记一条通知为已读',
  request: {
    params: z.object({ noteId: z.string().regex(/^[0-9T]{15}-[A-Za-z0-9-]{1,80}$/, '通知编号格式不正确') }),
  },
  responses: { 204: { description: '已读' }, 404: errorResponse('不存在') },
});

const readAllRoute = protectedRoute('notifications.read', {
  method: 'post',
  path: '/notifications/read-all',
  summary: '全部标记为已读',
  responses: { 200: json(z.object({ marked: z.number().int() }), '已读') },
});

export const notificationRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) =>
    c.json(await listNotifications(c.get('deps').db, c.get('principal').userId), 200),
  )
  .openapi(readAllRoute, async (c) =>
    c.json({ marked: await markAllRead(c.get('deps').db, c.get('principal').userId) }, 200),
  )
  .openapi(readRoute, async (c) => {
    await markRead(c.get('deps').db, c.get('principal').userId, c.req.valid('param').noteId);
    return c.body(null, 204);
  });
