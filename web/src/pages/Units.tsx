/** 单位管理: units grouped by category, with a search box; admins add and edit. */
import { useMemo, useState } from 'preact/hooks';
import type { Category, Me, Unit } from '../api';
import { api } from '../api';
import type { Column } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner, Notice } from '../components/ErrorBanner';
import { Link } from '../components/Link';
import { Loading } from '../components/Loading';
import { PagedTable } from '../components/PagedTable';
import { PageHeader } from '../components/PageHeader';
import { takeFlash } from '../flash';
import { canEdit } from '../navigation';
import { useResource } from '../use-resource';

const matches = (unit: Unit, query: string) =>
  !query ||
  [unit.name, unit.id, unit.head, ...unit.contacts.flatMap((c) => [c.name, c.phone])].some((text) =>
    text.toLowerCase().includes(query.toLowerCase()),
  );

/** Units under their category in the bureau's order; units of an unknown category last. */
const groupUnits = (categories: readonly Category[], units: readonly Unit[]) => {
  const known = new Set(categories.map((c) => c.id));
  return [
    ...categories.map((category) => ({
      id: category.id,
      name: category.name,
      units: units.filter((u) => u.categoryId === category.id),
    })),
    { id: 'uncategorised', name: '未分类', units: units.filter((u) => !known.has(u.categoryId)) },
  ].filter((group) => group.units.length > 0);
};

const columns = (editable: boolean): Column<Unit>[] => [
  { header: '单位名称', render: (u) => <strong>{u.name}</strong> },
  { header: '编号', render: (u) => <code>{u.id}</code> },
  { header: '负责人', render: (u) => u.head },
  {
    header: '联系人',
    render: (u) =>
      u.contacts.length === 0 ? (
        <span class="muted">未填写</span>
      ) : (
        <ul class="plain-list">
          {u.contacts.map((c) => (
            <li key={`${c.name}-${c.phone}`}>
              {c.name} <span class="nowrap">{c.phone}</span>
            </li>
          ))}
        </ul>
      ),
  },
  ...(editable
    ? [
        {
          header: '操作',
          render: (u: Unit) => (
            <Link href={`/units/${encodeURIComponent(u.id)}/edit`}>
              编辑<span class="visually-hidden">{u.name}</span>
            </Link>
          ),
        },
      ]
    : []),
];

export const Units = ({ user }: { user: Me }) => {
  const editable = canEdit(user.roles, 'units');
  const [data, reload] = useResource(() => Promise.all([api.categories.list(), api.units.list()]), []);
  const [query, setQuery] = useState('');
  const [flash] = useState(takeFlash);
  const groups = useMemo(() => {
    if (data.status !== 'ready') return [];
    const [categories, units] = data.data;
    return groupUnits(
      categories,
      units.filter((u) => matches(u, query.trim())),
    );
  }, [data, query]);
  const found = groups.reduce((n, g) => n + g.units.length, 0);

  return (
    <>
      <PageHeader
        title="单位管理"
        actions={
          <>
            <Link href="/units/sign-in-ids" class="button">
              登录账号
            </Link>
            {editable && (
              <Link href="/units/new" class="button button-primary">
                新增单位
              </Link>
            )}
          </>
        }
      >
        {editable ? (
          <p>参加考核的单位及其类别、负责人和联系人。</p>
        ) : (
          <p>
            <span class="tag tag-plain">只读</span> 单位信息由考核办维护。
          </p>
        )}
      </PageHeader>
      {flash && <Notice>{flash}</Notice>}
      {data.status === 'loading' && <Loading />}
      {data.status === 'error' && (
        <ErrorBanner title="无法加载单位" message={data.error.message}>
          <button type="button" class="button" onClick={reload}>
            重试
          </button>
        </ErrorBanner>
      )}
      {data.status === 'ready' && (
        <>
          <div class="field search-field">
            <label for="unit-search">搜索单位</label>
            <input
              id="unit-search"
              type="search"
              value={query}
              placeholder="名称、编号、负责人或电话"
              aria-describedby="unit-search-count"
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
            <p id="unit-search-count" class="hint" aria-live="polite">
              {query.trim() ? `找到 ${found} 个单位` : `共 ${found} 个单位`}
            </p>
          </div>
          {groups.length === 0 ? (
            <EmptyState title={query.trim() ? '没有匹配的单位' : '还没有单位'}>
              <p>{query.trim() ? '换一个关键词试试。' : '考核办新增单位后会显示在这里。'}</p>
            </EmptyState>
          ) : (
            groups.map((group) => (
              <section key={group.id} aria-labelledby={`category-${group.id}`} class="unit-group">
                <h2 id={`category-${group.id}`}>
                  {group.name}
                  <span class="count">（{group.units.length}）</span>
                </h2>
                <PagedTable
                  id={`units-${group.id}`}
                  caption={`${group.name}单位列表`}
                  captionHidden
                  columns={columns(editable)}
                  rows={group.units}
                  rowKey={(u) => u.id}
                  resetKey={query.trim()}
                  unit="个单位"
                />
              </section>
            ))
          )}
        </>
      )}
    </>
  );
};
