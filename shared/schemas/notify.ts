/** Outside delivery: settings, robots, contacts and outbox rows as the API reads and writes them. */
import { z } from '@hono/zod-openapi';
import { BUREAU_GROUPS, CHANNELS, OUTSIDE_EVENTS } from '../domain/notifications/channels';

export const ChannelSchema = z.enum(CHANNELS);
export const EventSettingSchema = z.strictObject({
  channels: z.array(ChannelSchema).max(3),
  urgent: z.boolean(),
});
export const NotifySettingsSchema = z
  .strictObject({
    events: z.partialRecord(z.enum(OUTSIDE_EVENTS), EventSettingSchema),
    committeeDigest: z.boolean(),
    siteUrl: z.union([z.literal(''), z.url('网址格式不正确').max(200)]),
  })
  .openapi('NotifySettings');

/** `unit:<unitId>` or `group:office|raters|inspectors`. */
export const RobotTargetSchema = z
  .string()
  .regex(
    new RegExp(`^(unit:[a-z0-9][a-z0-9-]{1,47}|group:(${BUREAU_GROUPS.join('|')}))$`),
    '接收群格式不正确',
  );

const WEBHOOK_HOSTS = { wecom: 'qyapi.weixin.qq.com', dingtalk: 'oapi.dingtalk.com' } as const;

export const RobotInputSchema = z
  .strictObject({
    platform: z.enum(['wecom', 'dingtalk']),
    webhookUrl: z.url('网址格式不正确').max(500),
    /** 钉钉 加签 secret (SEC…), optional. */
    signSecret: z.string().max(200).optional(),
  })
  .refine(
    (r) => {
      // Tests and the local receiver use http://127.0.0.1; anything else must be the platform's own host.
      // zod runs this refinement even when the address failed z.url: that issue is the answer then.
      if (!URL.canParse(r.webhookUrl)) return true;
      const url = new URL(r.webhookUrl);
      return url.hostname === WEBHOOK_HOSTS[r.platform] || url.hostname === '127.0.0.1';
    },
    {
      message: '机器人地址应为企业微信（qyapi.weixin.qq.com）或钉钉（oapi.dingtalk.com）的 Webhook 地址',
      path: ['webhookUrl'],
    },
  );
export type RobotInput = z.infer<typeof RobotInputSchema>;

/** A robot as stored and shown: the webhook masked, the secrets only referenced. */
export const RobotSchema = z
  .object({
    target: z.string(),
    platform: z.enum(['wecom', 'dingtalk']),
    maskedUrl: z.string(),
    signed: z.boolean(),
    updatedAt: z.string(),
  })
  .openapi('Robot');
export type Robot = z.infer<typeof RobotSchema>;

export const ContactInputSchema = z
  .strictObject({
    email: z.union([z.literal(''), z.email('电子邮箱格式不正确').max(200)]),
    mobile: z.union([z.literal(''), z.string().regex(/^1[0-9]{10}$/, '手机号应为 11 位数字')]),
    emailOptOut: z.boolean(),
  })
  .openapi('ContactInput');
export const ContactSchema = ContactInputSchema.extend({ userId: z.string() }).openapi('UserContact');
export type UserContact = z.infer<typeof ContactSchema>;

export const OutboxStateSchema = z.enum(['queued', 'sending', 'sent', 'failed']);
export const OutboxMessageSchema = z
  .object({
    id: z.string(),
    event: z.string(),
    eventRef: z.string(),
    channel: ChannelSchema,
    recipient: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string(),
    mentionMobiles: z.array(z.string()),
    urgent: z.boolean(),
    digest: z.boolean(),
    state: OutboxStateSchema,
    attempts: z.number().int(),
    dueAt: z.string(),
    createdAt: z.string(),
    sentAt: z.string().optional(),
    lastError: z.string().optional(),
    /** The platform's answer (errcode/errmsg, or the mail server's id), secrets removed. */
    answer: z.string().optional(),
  })
  .openapi('OutboxMessage');
export type OutboxMessage = z.infer<typeof OutboxMessageSchema>;
