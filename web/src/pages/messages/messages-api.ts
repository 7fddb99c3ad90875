/** The calls of 消息发送 (outside delivery): settings, robots, contacts, the outbox. Types from the shared schemas. */
import type { NotifySettings } from '../../../../shared/domain/notifications/channels';
import type { OutboxMessage, Robot, UserContact } from '../../../../shared/schemas/notify';
import { call } from '../../api';

export type { NotifySettings, OutboxMessage, Robot, UserContact };

const seg = (v: string) => encodeURIComponent(v);

export const messagesApi = {
  settings: () => call<NotifySettings>('/api/notify/settings'),
  saveSettings: (s: NotifySettings) => call<NotifySettings>('/api/notify/settings', 'PUT', s),
  robots: () => call<{ items: Robot[] }>('/api/notify/robots'),
  saveRobot: (
    target: string,
    input: { platform: 'wecom' | 'dingtalk'; webhookUrl: string; signSecret?: string },
  ) => call<Robot>(`/api/notify/robots/${seg(target)}`, 'PUT', input),
  removeRobot: (target: string) => call<void>(`/api/notify/robots/${seg(target)}`, 'DELETE'),
  contacts: () => call<{ items: UserContact[] }>('/api/notify/contacts'),
  saveContact: (userId: string, c: Omit<UserContact, 'userId'>) =>
    call<UserContact>(`/api/notify/contacts/${seg(userId)}`, 'PUT', c),
  outbox: (filter: { state?: string; channel?: string }) => {
    const q = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])));
    return call<{ items: OutboxMessage[] }>(`/api/notify/outbox${q.size ? `?${q}` : ''}`);
  },
  resend: (id: string) => call<OutboxMessage>(`/api/notify/outbox/${seg(id)}/resend`, 'POST'),
  run: () =>
    call<{
      notifications: number;
      reminders: number;
      delivery: { sent: number; retrying: number; failed: number };
    }>('/api/notify/run', 'POST'),
};
