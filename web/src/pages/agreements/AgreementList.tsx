/**
 * 目标责任书: the year's agreements by category, found by unit name and state ("显示 x / y 份"). The
 * admin generates a category's agreements from its template, issues its drafts and reminds the heads
 * of the unsigned ones (提醒签订) in one action each; everyone else sees the agreements their role may
 * read (a unit: its own).
 */
import { useState } from 'preact/hooks';
import { AGREEMENT_STATE_LABELS } from '../../../../shared/domain/agreements/labels';
import { type ApiError, api, type Category, type Me } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PagedTable } from '../../components/PagedTable';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { ListFilters, matchesUnit } from '../../components/UnitSearch';
import { formatDateTime } from '../../format';
import { toApiError, useResource } from '../../use-resource';
import { type AgreementSummary, agreementsApi } from './agreements-api';
import { CityAgreementList } from './CityAgreementList';
import { defaultYear, useYears, yearFromQuery } from './use-years';

type Pending = { kind: 'generate' | 'issue' | 'remind'; category: Category } | null;

const STATE_OPTIONS = [
  ['', '全部状态'],
  ...Object.entries(AGREEMENT_STATE_LABELS),
] as const satisfies readonly (readonly [string, string])[];

const DIALOG: Record<NonNullable<Pending>['kind'], { title: string; confirm: string }> = {
  generate: { title: '按模板生成责任书？', confirm: '确认生成' },
  issue: { title: '下达全部草稿责任书？', confirm: '确认下达' },
  remind: { title: '提醒签订目标责任书？', confirm: '发送提醒' },
};

const remindText = (category: Category, r: { units: number; notified: number; withoutHead: string[] }) =>
  (r.notified > 0
    ? `${category.name}：已提醒 ${r.units - r.withoutHead.length} 个单位的负责人签订责任书。`
    : `${category.name}：今天已提醒过这些单位，未重复发送。`) +
  (r.withoutHead.length ? `${r.withoutHead.join('、')}没有负责人账号，未能提醒。` : '');

const columns = (year: number): Column<AgreementSummary>[] => [
  {
    header: '单位',
    render: (a) => (
      <Link href={`/agreements/${year}/${encodeURIComponent(a.unitId)}`}>
        <strong>{a.unitName}</strong>
      </Link>
    ),
  },
  {
    header: '状态',
    render: (a) => (
      <>
        <span class={`state-badge agreement-${a.state}`}>{AGREEMENT_STATE_LABELS[a.state]}</span>
        {a.pendingAmendmentId && <span class="tag">变更待审批</span>}
      </>
    ),
  },
  { header: '版本', render: (a) => `第 ${a.revision} 版`, className: 'num' },
  { header: '指标数', render: (a) => a.leafCount, className: 'num' },
  {
    header: '签订',
    render: (a) =>
      a.signature ? (
        <>
          {a.signature.name} <span class="nowrap muted">{formatDateTime(a.signature.at)}</span>
        </>
      ) : (
        <span class="muted">未签订</span>
      ),
  },
];

/** Whether an agreement passes the search (unit name) and the state filter. */
const shows = (a: AgreementSummary, search: string, state: string) =>
  matchesUnit(a.unitName, search) && (state === '' || a.state === state);

export const AgreementList = ({ user }: { user: Me }) => {
  const isAdmin = user.roles.includes('admin');
  const [years] = useYears();
  const [chosen, setChosen] = useState<number | undefined>(yearFromQuery);
  const year = chosen ?? (years.status === 'ready' ? defaultYear(years.data) : undefined);
  const [data, reload] = useResource(async () => {
    if (year === undefined) return null;
    // The first page of 100: a county's whole list (shown as before), or the sign of a city's.
    const [categories, first] = await Promise.all([
      api.categories.list(),
      agreementsApi.page(year, { pageSize: 100 }),
    ]);
    // More than one page: a city's year, each category read a page at a time (CityAgreementList).
    return [categories, first.items, first.next === null ? undefined : first.total] as const;
  }, [year]);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [state, setState] = useState('');

  const act = async () => {
    if (!pending || year === undefined) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      if (pending.kind === 'generate') {
        const result = await agreementsApi.generate(year, pending.category.id);
        setDone(
          `${pending.category.name}：新生成 ${result.created.length} 份，重新生成草稿 ${result.regenerated.length} 份` +
            (result.skipped.length ? `，${result.skipped.length} 份已下达或签订，未改动` : '') +
            '。',
        );
      } else if (pending.kind === 'remind') {
        setDone(remindText(pending.category, await agreementsApi.remind(year, pending.category.id)));
      } else {
        const result = await agreementsApi.issueAll(year, pending.category.id);
        setDone(`${pending.category.name}：已下达 ${result.issued.length} 份责任书。`);
      }
      reload();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
      setPending(null);
    }
  };

  return (
    <>
      <PageHeader
        title="目标责任书"
        actions={
          <>
            {years.status === 'ready' && years.data.length > 1 && (
              <SelectField
                inline
                id="agreement-year"
                label="考核年度"
                value={year}
                options={years.data.map((y) => [y.year, `${y.year} 年度`] as const)}
                onChange={setChosen}
              />
            )}
            {(isAdmin || user.roles.includes('leader')) && year !== undefined && (
              <Link href={`/templates?year=${year}`} class="button">
                指标模板
              </Link>
            )}
          </>
        }
      >
        <p>各单位按类别指标模板签订的年度目标管理责任书：下达、签订、锁定，签订后的修改经审批成为新版本。</p>
      </PageHeader>
      {done && <Notice>{done}</Notice>}
      {error && (
        <ErrorBanner title="操作未完成" message={error.message}>
          {error.details.length > 0 && (
            <ul class="error-links">
              {error.details.slice(0, 12).map((d) => (
                <li key={d.path}>{d.message}</li>
              ))}
            </ul>
          )}
        </ErrorBanner>
      )}
      {(years.status === 'loading' || data.status === 'loading') && <Loading />}
      {data.status === 'error' && (
        <ErrorBanner title="无法加载责任书" message={data.error.message}>
          <button type="button" class="button" onClick={reload}>
            重试
          </button>
        </ErrorBanner>
      )}
      {data.status === 'ready' && data.data && year !== undefined && data.data[2] !== undefined && (
        <CityAgreementList
          year={year}
          categories={data.data[0]}
          total={data.data[2]}
          columns={columns(year)}
          isAdmin={isAdmin}
          stateOptions={STATE_OPTIONS}
          onAction={(kind, category) => setPending({ kind, category })}
        />
      )}
      {data.status === 'ready' && data.data && year !== undefined && data.data[2] === undefined && (
        <>
          {data.data[1].length > 1 && (
            <ListFilters
              id="agreements"
              search={search}
              onSearch={setSearch}
              choice={{ label: '状态', value: state, options: STATE_OPTIONS }}
              onChoose={setState}
              shown={data.data[1].filter((a) => shows(a, search, state)).length}
              total={data.data[1].length}
              unit="份"
            />
          )}
          {data.data[0].map((category) => {
            const all = data.data![1].filter((a) => a.categoryId === category.id);
            const rows = all.filter((a) => shows(a, search, state));
            const filtering = search !== '' || state !== '';
            if ((!isAdmin || filtering) && rows.length === 0) return null;
            const drafts = all.filter((a) => a.state === 'draft').length;
            const unsigned = all.filter((a) => a.state === 'issued').length;
            const signed = all.filter((a) => a.state === 'signed' || a.state === 'locked').length;
            return (
              <section key={category.id} class="panel" aria-labelledby={`cat-${category.id}`}>
                <div class="panel-heading">
                  <h2 id={`cat-${category.id}`}>
                    {category.name}{' '}
                    <span class="count">
                      {all.length} 份{all.length > 0 && ` · 已签 ${signed} / ${all.length}`}
                    </span>
                  </h2>
                  {isAdmin && (
                    <div class="panel-actions">
                      <button
                        type="button"
                        class="button"
                        onClick={() => setPending({ kind: 'generate', category })}
                      >
                        按模板生成{category.name}责任书
                      </button>
                      {drafts > 0 && (
                        <button
                          type="button"
                          class="button button-primary"
                          onClick={() => setPending({ kind: 'issue', category })}
                        >
                          下达全部草稿（{drafts} 份）
                        </button>
                      )}
                      {unsigned > 0 && (
                        <button
                          type="button"
                          class="button"
                          onClick={() => setPending({ kind: 'remind', category })}
                        >
                          提醒签订<span class="visually-hidden">{category.name}</span>（{unsigned} 份未签）
                        </button>
                      )}
                    </div>
                  )}
                </div>
                {rows.length === 0 ? (
                  <p class="muted">尚未生成。先在“指标模板”中建立并校验本类别模板，再按模板生成。</p>
                ) : (
                  <PagedTable
                    id={`agreements-${category.id}`}
                    caption={`${category.name}责任书`}
                    captionHidden
                    columns={columns(year)}
                    rows={rows}
                    rowKey={(a) => a.unitId}
                    resetKey={`${year}|${search}|${state}`}
                    unit="份"
                  />
                )}
              </section>
            );
          })}
          {data.data[1].length === 0 && !isAdmin && (
            <EmptyState title="暂无可查看的责任书">
              <p>考核办下达本年度责任书后，这里会列出。</p>
            </EmptyState>
          )}
        </>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={DIALOG[pending?.kind ?? 'generate'].title}
        confirmLabel={DIALOG[pending?.kind ?? 'generate'].confirm}
        busy={busy}
        onConfirm={act}
        onCancel={() => setPending(null)}
      >
        {pending?.kind === 'generate' ? (
          <p>
            将按{pending.category.name}的 {year}{' '}
            年度指标模板为本类别每个单位生成草稿；已有草稿按模板重新生成，
            保留其单位个性化内容；已下达、签订或锁定的责任书不会改动。
          </p>
        ) : pending?.kind === 'remind' ? (
          <p>
            将给{pending.category.name}
            已下达、尚未签订责任书的单位负责人发送站内提醒；同一天重复提醒不会重复发送。
          </p>
        ) : (
          <p>本类别所有草稿责任书将下达给单位负责人签订；任何一份有问题则全部不下达。</p>
        )}
      </ConfirmDialog>
    </>
  );
};
