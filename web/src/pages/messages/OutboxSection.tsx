/** 消息发送记录: the outbox, newest first, filtered by state and channel, with 重发 for a failed message. */
import { useState } from 'preact/hooks';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { SelectField } from '../../components/SelectField';
import { formatDateTime } from '../../format';
import { toApiError, useResource } from '../../use-resource';
import { channelLabel, recipientLabel, STATE_LABELS } from './labels';
import { messagesApi, type OutboxMessage } from './messages-api';

const STATES = [['', '全部状态'], ...Object.entries(STATE_LABELS)] as const;
const CHANNELS = [
  ['', '全部渠道'],
  ['wecom', '企业微信'],
  ['dingtalk', '钉钉'],
  ['email', '电子邮件'],
] as const;

export const OutboxSection = ({ names }: { names: ReadonlyMap<string, string> }) => {
  const [state, setState] = useState('');
  const [channel, setChannel] = useState('');
  const [list, reload] = useResource(() => messagesApi.outbox({ state, channel }), [state, channel]);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const act = async (work: () => Promise<string>) => {
    setError(null);
    setNotice(null);
    try {
      setNotice(await work());
      reload();
    } catch (e) {
      setError(toApiError(e).message);
    }
  };
  const runNow = () =>
    act(async () => {
      const r = await messagesApi.run();
      return `提醒已运行：新通知 ${r.notifications} 条；发送成功 ${r.delivery.sent} 条，待重试 ${r.delivery.retrying} 条，失败 ${r.delivery.failed} 条。`;
    });
  const resend = (m: OutboxMessage) =>
    act(async () => {
      const r = await messagesApi.resend(m.id);
      return r.state === 'sent'
        ? `已重发：${m.title}`
        : `重发未成功（${r.lastError ?? STATE_LABELS[r.state]}）`;
    });

  const columns: Column<OutboxMessage>[] = [
    { header: '时间', render: (m) => formatDateTime(m.createdAt) },
    { header: '消息', render: (m) => m.title },
    { header: '渠道', render: (m) => channelLabel(m.channel) },
    { header: '接收方', render: (m) => recipientLabel(m.recipient, names) },
    { header: '状态', render: (m) => <span class={`tag tag-${m.state}`}>{STATE_LABELS[m.state]}</span> },
    { header: '尝试次数', className: 'num', render: (m) => m.attempts },
    { header: '错误 / 平台回复', render: (m) => [m.lastError, m.answer].filter(Boolean).join(' · ') || '—' },
    {
      header: '操作',
      render: (m) =>
        m.state === 'failed' ? (
          <button type="button" class="button" onClick={() => void resend(m)} aria-label={`重发：${m.title}`}>
            重发
          </button>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <section aria-labelledby="outbox-title">
      <h2 id="outbox-title">消息发送记录</h2>
      <div class="filter-bar">
        <SelectField
          id="outbox-state"
          label="状态"
          inline
          value={state}
          options={STATES}
          onChange={setState}
        />
        <SelectField
          id="outbox-channel"
          label="渠道"
          inline
          value={channel}
          options={CHANNELS}
          onChange={setChannel}
        />
        <button type="button" class="button" onClick={reload}>
          刷新
        </button>
        <button type="button" class="button primary" onClick={() => void runNow()}>
          立即运行提醒
        </button>
      </div>
      {notice && <Notice>{notice}</Notice>}
      {error && <ErrorBanner message={error} />}
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorBanner message={list.error.message} />}
      {list.status === 'ready' && list.data.items.length === 0 && (
        <EmptyState title="暂无发送记录">
          设置群机器人或电子邮箱，并在下方为事件选择渠道后，提醒和通知会在这里列出。
        </EmptyState>
      )}
      {list.status === 'ready' && list.data.items.length > 0 && (
        <DataTable
          caption="消息发送记录"
          captionHidden
          columns={columns}
          rows={list.data.items}
          rowKey={(m) => m.id}
        />
      )}
    </section>
  );
};
