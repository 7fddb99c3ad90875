/** 消息通知: the user's reminders, returns and extensions, newest first, with the unread count. */
import { useState } from 'preact/hooks';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format';
import { toApiError, useResource } from '../../use-resource';
import { submissionsApi } from '../submissions/submissions-api';

export const NotificationsPage = () => {
  const [list, reload, setList] = useResource(() => submissionsApi.notifications(), []);
  const [error, setError] = useState<string | null>(null);

  const markRead = async (id: string) => {
    if (list.status !== 'ready') return;
    const note = list.data.items.find((n) => n.id === id);
    if (!note || note.read) return;
    try {
      await submissionsApi.markRead(id);
      setList({
        status: 'ready',
        data: {
          unread: list.data.unread - 1,
          items: list.data.items.map((n) => (n.id === id ? { ...n, read: true } : n)),
        },
      });
    } catch (e) {
      setError(toApiError(e).message);
    }
  };

  const markAll = async () => {
    try {
      await submissionsApi.markAllRead();
      reload();
    } catch (e) {
      setError(toApiError(e).message);
    }
  };

  const unread = list.status === 'ready' ? list.data.unread : 0;
  return (
    <>
      <PageHeader
        title="消息通知"
        actions={
          unread > 0 && (
            <button type="button" class="button" onClick={() => void markAll()}>
              全部标为已读
            </button>
          )
        }
      >
        {list.status === 'ready' && (
          <p>
            <span class="count" aria-live="polite">
              未读 {unread} 条
            </span>
          </p>
        )}
      </PageHeader>
      {error && <ErrorBanner message={error} />}
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && (
        <ErrorBanner message={list.error.message}>
          <button type="button" class="button" onClick={reload}>
            重试
          </button>
        </ErrorBanner>
      )}
      {list.status === 'ready' && list.data.items.length === 0 && (
        <EmptyState title="暂无通知">上报截止前、材料被退回或获批延期时，会在这里通知您。</EmptyState>
      )}
      {list.status === 'ready' && list.data.items.length > 0 && (
        <ul class="notification-list">
          {list.data.items.map((note) => (
            <li key={note.id} class={note.read ? 'notification' : 'notification unread'}>
              <h2 class="notification-title">
                {!note.read && <span class="tag tag-accent">未读</span>} {note.title}
              </h2>
              <p class="muted">{formatDateTime(note.createdAt)}</p>
              <p>{note.body}</p>
              <div class="notification-actions">
                {note.link && (
                  <Link href={note.link} onClick={() => void markRead(note.id)}>
                    前往处理<span class="visually-hidden">：{note.title}</span>
                  </Link>
                )}
                {!note.read && (
                  <button type="button" class="button button-quiet" onClick={() => void markRead(note.id)}>
                    标为已读<span class="visually-hidden">：{note.title}</span>
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
};
