/**
 * Outside delivery, for the admin: the events × channels settings, the robots of units and bureau
 * groups (webhooks stored in the secret store, answered masked), people's e-mail and mobile, the
 * outbox (消息发送记录) with 重发, and a reminder run on demand.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { NotifySettings } from '../../domain/notifications/channels';
import { NotFoundError, ServiceUnavailableError } from '../../errors';
import {
  ChannelSchema,
  ContactInputSchema,
  ContactSchema,
  NotifySettingsSchema,
  OutboxMessageSchema,
  OutboxStateSchema,
  RobotInputSchema,
  RobotSchema,
  RobotTargetSchema,
} from '../../schemas/notify';
import type { AppEnv } from '../env';
import { body, errorResponse, json } from '../openapi';
import { protectedRoute } from '../route';

const TargetParams = z.object({ target: RobotTargetSchema });
const DeliveryReportSchema = z.object({
  sent: z.number().int(),
  retrying: z.number().int(),
  failed: z.number().int(),
});

/** The handlers' code, loaded by the first 消息发送 request. */
const code = () => import('../../notify/admin');

const notifyDeps = (c: Context<AppEnv>) => {
  const deps = c.get('deps').notify;
  if (!deps) throw new ServiceUnavailableError('消息发送未配置');
  return deps;
};

const getSettings = protectedRoute('notify.read', {
  method: 'get',
  path: '/notify/settings',
  summary: '消息发送设置（事件 × 渠道、委员会每日汇总、站点地址）',
  responses: { 200: json(NotifySettingsSchema, '设置') },
});
const putSettings = protectedRoute('notify.write', {
  method: 'put',
  path: '/notify/settings',
  summary: '保存消息发送设置',
  request: body(NotifySettingsSchema),
  responses: { 200: json(NotifySettingsSchema, '设置') },
});
const getRobots = protectedRoute('notify.read', {
  method: 'get',
  path: '/notify/robots',
  summary: '单位工作群和局内各组的群机器人（地址已隐去密钥）',
  responses: { 200: json(z.object({ items: z.array(RobotSchema) }), '机器人') },
});
const setRobot = protectedRoute('notify.write', {
  method: 'put',
  path: '/notify/robots/{target}',
  summary: '设置一个群机器人（企业微信或钉钉）；地址与加签密钥存入密钥库',
  request: { params: TargetParams, ...body(RobotInputSchema) },
  responses: { 200: json(RobotSchema, '机器人') },
});
const removeRobotRoute = protectedRoute('notify.write', {
  method: 'delete',
  path: '/notify/robots/{target}',
  summary: '删除一个群机器人',
  request: { params: TargetParams },
  responses: { 204: { description: '已删除' } },
});
const getContacts = protectedRoute('notify.read', {
  method: 'get',
  path: '/notify/contacts',
  summary: '人员的电子邮箱、手机号和退订',
  responses: { 200: json(z.object({ items: z.array(ContactSchema) }), '联系方式') },
});
const setContact = protectedRoute('notify.write', {
  method: 'put',
  path: '/notify/contacts/{userId}',
  summary: '设置一个人的电子邮箱、手机号（用于群里 @）和是否退订邮件',
  request: { params: z.object({ userId: z.string().min(1).max(64) }), ...body(ContactInputSchema) },
  responses: { 200: json(ContactSchema, '联系方式'), 404: errorResponse('无此人员') },
});
const getOutbox = protectedRoute('notify.read', {
  method: 'get',
  path: '/notify/outbox',
  summary: '消息发送记录（最新在前），可按状态和渠道筛选',
  request: { query: z.object({ state: OutboxStateSchema.optional(), channel: ChannelSchema.optional() }) },
  responses: { 200: json(z.object({ items: z.array(OutboxMessageSchema) }), '记录') },
});
const resend = protectedRoute('notify.write', {
  method: 'post',
  path: '/notify/outbox/{id}/resend',
  summary: '重发一条发送失败的消息（立即尝试一次）',
  request: { params: z.object({ id: z.string().regex(/^[0-9a-f]{40}$/, '消息编号格式不正确') }) },
  responses: { 200: json(OutboxMessageSchema, '消息'), 404: errorResponse('不存在') },
});
const runNow = protectedRoute('notify.write', {
  method: 'post',
  path: '/notify/run',
  summary: '立即运行今天的提醒，并发送到期的消息',
  responses: {
    200: json(
      z.object({
        notifications: z.number().int(),
        reminders: z.number().int(),
        delivery: DeliveryReportSchema,
      }),
      '结果',
    ),
  },
});
const received = protectedRoute('notify.read', {
  method: 'get',
  path: '/notify/received',
  summary: '本地接收器收到的消息（仅本地运行时；不连网络）',
  responses: {
    200: json(
      z.object({
        items: z.array(z.object({ at: z.string(), kind: z.string(), to: z.string(), body: z.unknown() })),
      }),
      '本地收到的消息',
    ),
    404: errorResponse('非本地运行'),
  },
});

/** Drops the `address` kept for sending from a message the admin reads. */
const shown = <T extends { address?: string; expiresAt?: number }>({ address: _a, expiresAt: _e, ...m }: T) =>
  m;

export const notifyRoutes = new OpenAPIHono<AppEnv>()
  .openapi(getSettings, async (c) => c.json(await (await code()).getNotifySettings(c.get('deps').db), 200))
  .openapi(putSettings, async (c) => {
    const settings = c.req.valid('json') as NotifySettings;
    await (await code()).putNotifySettings(c.get('deps').db, settings);
    return c.json(settings, 200);
  })
  .openapi(getRobots, async (c) => c.json({ items: await (await code()).listRobots(c.get('deps').db) }, 200))
  .openapi(setRobot, async (c) => {
    const { target } = c.req.valid('param');
    const { secrets } = notifyDeps(c);
    const robot = await (await code()).saveRobot(
      c.get('deps').db,
      secrets,
      target,
      c.req.valid('json'),
      c.get('actor').at,
    );
    return c.json(robot, 200);
  })
  .openapi(removeRobotRoute, async (c) => {
    await (await code()).removeRobot(c.get('deps').db, notifyDeps(c).secrets, c.req.valid('param').target);
    return c.body(null, 204);
  })
  .openapi(getContacts, async (c) =>
    c.json({ items: await (await code()).listContacts(c.get('deps').db) }, 200),
  )
  .openapi(setContact, async (c) => {
    const { userId } = c.req.valid('param');
    const { getUser, putContact } = await code();
    if (!(await getUser(c.get('deps').db, userId))) throw new NotFoundError('人员');
    const contact = { userId, ...c.req.valid('json') };
    await putContact(c.get('deps').db, contact);
    return c.json(contact, 200);
  })
  .openapi(getOutbox, async (c) =>
    c.json({ items: await (await code()).listOutbox(c.get('deps').db, c.req.valid('query')) }, 200),
  )
  .openapi(resend, async (c) => {
    const { id } = c.req.valid('param');
    const deps = c.get('deps');
    const { deliverOutbox, getOutboxMessage, requeueFailed } = await code();
    const queued = await requeueFailed(deps.db, id, deps.now());
    if (queued.state === 'queued') await deliverOutbox({ db: deps.db, ...notifyDeps(c) }, deps.now(), id);
    return c.json(shown(await getOutboxMessage(deps.db, id)), 200);
  })
  .openapi(runNow, async (c) => {
    const deps = c.get('deps');
    const notify = notifyDeps(c);
    const now = deps.now();
    const report = notify.runReminders
      ? await notify.runReminders(now)
      : { reminders: 0, overdue: 0, notifications: 0 };
    const delivery = await (await code()).deliverOutbox({ db: deps.db, ...notify }, now);
    return c.json({ notifications: report.notifications, reminders: report.reminders, delivery }, 200);
  })
  .openapi(received, async (c) => {
    const list = notifyDeps(c).received;
    if (!list) throw new NotFoundError('本地接收器');
    return c.json({ items: list() }, 200);
  });
