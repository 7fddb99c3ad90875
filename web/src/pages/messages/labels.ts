/** Chinese names of the outbox's states and channels and of robot targets. */
import {
  BUREAU_GROUP_LABELS,
  CHANNEL_LABELS,
  type Channel,
} from '../../../../shared/domain/notifications/channels';

export const STATE_LABELS: Record<string, string> = {
  queued: '待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '发送失败',
};

export const channelLabel = (c: string) => CHANNEL_LABELS[c as Channel] ?? c;

/** `unit:<id>` → the unit's name, `group:office` → 考核办, `user:<id>` → the person's name. */
export const recipientLabel = (r: string, names: ReadonlyMap<string, string>) => {
  const [kind, id = ''] = r.split(':');
  if (kind === 'group') return BUREAU_GROUP_LABELS[id as keyof typeof BUREAU_GROUP_LABELS] ?? id;
  return names.get(id) ?? id;
};
