/**
 * Sign-in. Locally: the dev picker, users grouped by role, one click (or Enter) signs in.
 * Deployed: a single button to the configured provider's sign-in (session.ts decides which).
 */
import { useMemo, useState } from 'preact/hooks';
import type { SignInConfig } from '../../../shared/auth/sign-in-config';
import type { DevUser } from '../api';
import { ErrorBanner, Notice } from '../components/ErrorBanner';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/PageHeader';
import { ROLE_LABELS, ROLE_ORDER } from '../labels';
import { startSignIn } from '../oidc';
import { loadSignInOptions, signInAsDevUser } from '../session';
import { toApiError, useResource } from '../use-resource';

/** Users under their first role (ROLE_ORDER), so someone with two roles is listed once. */
const groupByRole = (users: readonly DevUser[]) =>
  ROLE_ORDER.map((role) => ({
    role,
    users: users.filter((u) => ROLE_ORDER.find((r) => u.roles.includes(r)) === role),
  })).filter((group) => group.users.length > 0);

const matches = (user: DevUser, query: string) =>
  !query || [user.name, user.title, user.unitName ?? '', user.id].some((text) => text.includes(query));

const DevPicker = ({ users }: { users: DevUser[] }) => {
  const [query, setQuery] = useState('');
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const groups = useMemo(() => groupByRole(users.filter((u) => matches(u, query.trim()))), [users, query]);
  const found = groups.reduce((n, g) => n + g.users.length, 0);

  const signIn = async (userId: string) => {
    if (pending) return;
    setPending(userId);
    setError(null);
    try {
      await signInAsDevUser(userId);
    } catch (e) {
      setError(toApiError(e).message);
      setPending(null);
    }
  };

  return (
    <>
      <p class="page-lead">本地演示环境：选择一个演示账号即可登录。部署后此处改为统一身份认证登录。</p>
      {error && <ErrorBanner title="登录未成功" message={error} />}
      <div class="field search-field">
        <label for="user-filter">按姓名、单位或职务筛选</label>
        <input
          id="user-filter"
          type="search"
          value={query}
          aria-describedby="user-filter-count"
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <p id="user-filter-count" class="hint" aria-live="polite">
          共 {found} 个账号
        </p>
      </div>
      {groups.map((group) => (
        <section key={group.role} class="user-group" aria-labelledby={`group-${group.role}`}>
          <h2 id={`group-${group.role}`}>
            {ROLE_LABELS[group.role]}
            <span class="count">（{group.users.length}）</span>
          </h2>
          <ul class="user-list">
            {group.users.map((user) => (
              <li key={user.id}>
                <button
                  type="button"
                  class="user-choice"
                  data-user-id={user.id}
                  aria-busy={pending === user.id}
                  onClick={() => signIn(user.id)}
                >
                  <span class="user-name">{user.name}</span>
                  <span class="user-meta">{user.title}</span>
                  <span class="user-meta">
                    {user.roleLabels.join('、')}
                    {user.unitName && ` · ${user.unitName}`}
                  </span>
                  {pending === user.id && <span class="user-meta">正在登录…</span>}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
};

/** One button to the configured provider (authorization code + PKCE, see oidc.ts). */
const ProviderSignIn = ({ config }: { config: SignInConfig }) => {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const go = async () => {
    setPending(true);
    setError(null);
    try {
      await startSignIn(config);
    } catch {
      setError('无法连接统一身份认证，请稍后重试');
      setPending(false);
    }
  };
  return (
    <>
      {error && <ErrorBanner title="登录未成功" message={error} />}
      <p>
        <button type="button" class="button button-primary" aria-busy={pending} onClick={go}>
          {pending ? '正在前往统一身份认证…' : '使用统一身份认证登录'}
        </button>
      </p>
    </>
  );
};

export const SignIn = ({ notice }: { notice?: string | undefined }) => {
  usePageTitle('登录');
  const [options, reload] = useResource(loadSignInOptions, []);
  return (
    <div class="app">
      <a class="skip-link" href="#main">
        跳到主要内容
      </a>
      <header class="app-header">
        <span class="brand">
          <span class="brand-mark">考评</span>
          <span class="brand-sub">卫生健康目标责任考核</span>
        </span>
      </header>
      <main id="main" tabIndex={-1} class="signin">
        <h1>登录考评系统</h1>
        {notice && <Notice>{notice}</Notice>}
        {options.status === 'loading' && <Loading />}
        {options.status === 'error' && (
          <ErrorBanner title="无法加载登录方式" message={options.error.message}>
            <button type="button" class="button" onClick={reload}>
              重试
            </button>
          </ErrorBanner>
        )}
        {options.status === 'ready' && options.data.kind === 'dev' && (
          <DevPicker users={options.data.users} />
        )}
        {options.status === 'ready' && options.data.kind === 'provider' && (
          <ProviderSignIn config={options.data.config} />
        )}
      </main>
    </div>
  );
};
