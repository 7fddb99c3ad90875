/**
 * 消息发送 (admin): 消息发送记录 with 重发, then the configuration — events × channels, group robots,
 * people's e-mail and mobile. See docs/notifications.md.
 */

import { api } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useResource } from '../../use-resource';
import { ContactsSection } from './ContactsSection';
import { OutboxSection } from './OutboxSection';
import { RobotsSection } from './RobotsSection';
import { SettingsSection } from './SettingsSection';

export const MessagesPage = () => {
  const [org] = useResource(async () => {
    const [units, users] = await Promise.all([api.units.list(), api.users.list()]);
    return { units, users };
  }, []);
  if (org.status === 'loading') return <Loading />;
  if (org.status === 'error') return <ErrorBanner message={org.error.message} />;
  const names = new Map<string, string>([
    ...org.data.units.map((u): [string, string] => [u.id, u.name]),
    ...org.data.users.map((u): [string, string] => [u.id, u.name]),
  ]);
  return (
    <>
      <PageHeader title="消息发送">
        <p>提醒和通知经企业微信、钉钉群机器人和电子邮件送达；夜间 22:00–7:30 群消息顺延（紧急事件除外）。</p>
      </PageHeader>
      <OutboxSection names={names} />
      <SettingsSection />
      <RobotsSection units={org.data.units} names={names} />
      <ContactsSection users={org.data.users} />
    </>
  );
};
