/**
 * 登录账号 (under 单位管理): where the bureau's identity provider cannot carry roles, the admin binds
 * each user to the 统一身份认证账号 (IdP subject or staff number) their token carries; the API then
 * signs the token in as that user (docs/authorization.md). The leader reads the list.
 */
import { useMemo, useState } from 'preact/hooks';
import type { Me, User } from '../../api';
import { api } from '../../api';
import { type Column, DataTable } from '../../components/DataTable';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ROLE_LABELS } from '../../labels';
import { canEdit } from '../../navigation';
import { toApiError, useResource } from '../../use-resource';

const matches = (user: User, query: string) =>
  !query || [user.name, user.id, user.title, user.signInId ?? ''].some((text) => text.includes(query));

/** One user's 统一身份认证账号: a labelled input and its save button; an empty value unbinds. */
const SignInIdForm = ({ user, onSaved }: { user: User; onSaved: (user: User, message: string) => void }) => {
  const [value, setValue] = useState(user.signInId ?? '');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const id = `sign-in-id-${user.id}`;
  const save = async (event: Event) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const saved = await api.users.bindSignInId(user.id, value.trim() || null);
      onSaved(
        saved,
        saved.signInId ? `已为${user.name}绑定账号 ${saved.signInId}` : `已解除${user.name}的账号绑定`,
      );
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setPending(false);
    }
  };
  return (
    <form class="inline-form" onSubmit={save}>
      <label for={id} class="visually-hidden">
        {user.name}的统一身份认证账号
      </label>
      <input
        id={id}
        value={value}
        placeholder="未绑定"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onInput={(e) => setValue(e.currentTarget.value)}
      />
      <button type="submit" class="button" aria-busy={pending} disabled={pending}>
        保存<span class="visually-hidden">{user.name}的账号</span>
      </button>
      {error && (
        <p id={`${id}-error`} class="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
};

export const SignInIdsPage = ({ user }: { user: Me }) => {
  const editable = canEdit(user.roles, 'units');
  const [users, reload, setUsers] = useResource(() => api.users.list(), []);
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const shown = useMemo(
    () => (users.status === 'ready' ? users.data.filter((u) => matches(u, query.trim())) : []),
    [users, query],
  );
  const replace = (saved: User, message: string) => {
    if (users.status === 'ready') {
      setUsers({ status: 'ready', data: users.data.map((u) => (u.id === saved.id ? saved : u)) });
    }
    setNotice(message);
  };
  const columns: Column<User>[] = [
    { header: '姓名', render: (u) => <strong>{u.name}</strong> },
    { header: '职务', render: (u) => u.title },
    { header: '角色', render: (u) => u.roles.map((r) => ROLE_LABELS[r]).join('、') },
    { header: '所属单位', render: (u) => u.unitId ?? <span class="muted">局机关</span> },
    {
      header: '统一身份认证账号',
      render: (u) =>
        editable ? (
          <SignInIdForm key={`${u.id}-${u.signInId ?? ''}`} user={u} onSaved={replace} />
        ) : (
          (u.signInId ?? <span class="muted">未绑定</span>)
        ),
    },
  ];
  return (
    <>
      <PageHeader title="登录账号" actions={<Link href="/units">返回单位管理</Link>}>
        <p>
          统一身份认证平台不提供角色时，用户以其账号（身份提供方的用户标识或工号）登录，并按此处绑定的考评系统用户取得角色和单位。未绑定的账号无法登录。
        </p>
      </PageHeader>
      {notice && <Notice>{notice}</Notice>}
      {users.status === 'loading' && <Loading />}
      {users.status === 'error' && (
        <ErrorBanner title="无法加载用户" message={users.error.message}>
          <button type="button" class="button" onClick={reload}>
            重试
          </button>
        </ErrorBanner>
      )}
      {users.status === 'ready' && (
        <>
          <div class="field search-field">
            <label for="user-search">搜索用户</label>
            <input
              id="user-search"
              type="search"
              value={query}
              placeholder="姓名、职务或账号"
              aria-describedby="user-search-count"
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
            <p id="user-search-count" class="hint" aria-live="polite">
              共 {shown.length} 个用户
            </p>
          </div>
          <DataTable caption="用户及其统一身份认证账号" columns={columns} rows={shown} rowKey={(u) => u.id} />
        </>
      )}
    </>
  );
};
