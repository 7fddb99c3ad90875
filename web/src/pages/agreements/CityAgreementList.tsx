/**
 * 目标责任书 of a city (more agreements than one page of 100): each category's agreements read from
 * the server a page at a time (GET …/agreement-pages), the search and the state filter applied by the
 * server, 共 n 份 where the count is known (the whole year, unfiltered). A county's year never gets here:
 * its list arrives whole in the first page and AgreementList shows it as before.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Category } from '../../api';
import { CursorPagination, useCursorPages } from '../../components/CursorPagination';
import type { Column } from '../../components/DataTable';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { SelectField } from '../../components/SelectField';
import { UnitSearch } from '../../components/UnitSearch';
import { type AgreementSummary, agreementsApi } from './agreements-api';

/** How long typing must pause before a search is sent. */
const SEARCH_PAUSE_MS = 300;

export type CityAction = 'generate' | 'issue' | 'remind';

const CategoryPages = ({
  year,
  category,
  columns,
  search,
  state,
}: {
  year: number;
  category: Category;
  columns: Column<AgreementSummary>[];
  search: string;
  state: string;
}) => {
  const paged = useCursorPages(
    (pageSize, cursor) =>
      agreementsApi.page(year, { categoryId: category.id, state, search, pageSize, cursor }),
    `${year}|${search}|${state}`,
  );
  if (paged.status === 'error')
    return (
      <ErrorBanner title="无法加载责任书" message={paged.error?.message ?? ''}>
        <button type="button" class="button" onClick={paged.reload}>
          重试
        </button>
      </ErrorBanner>
    );
  if (paged.status === 'loading' && paged.rows.length === 0) return <Loading />;
  return (
    <>
      {paged.rows.length === 0 && paged.page === 1 ? (
        <p class="muted">{search || state ? '没有符合条件的责任书。' : '尚未生成。'}</p>
      ) : (
        <DataTable
          caption={`${category.name}责任书`}
          captionHidden
          columns={columns}
          rows={paged.rows}
          rowKey={(a) => a.unitId}
        />
      )}
      <CursorPagination
        id={`agreements-${category.id}`}
        label={`${category.name}责任书`}
        paged={paged}
        unit="份"
      />
    </>
  );
};

export const CityAgreementList = ({
  year,
  categories,
  total,
  columns,
  isAdmin,
  stateOptions,
  onAction,
}: {
  year: number;
  categories: Category[];
  /** The year's agreements (known by key), or null when this user sees only some. */
  total: number | null;
  columns: Column<AgreementSummary>[];
  isAdmin: boolean;
  stateOptions: readonly (readonly [string, string])[];
  onAction: (kind: CityAction, category: Category) => void;
}) => {
  const [search, setSearch] = useState('');
  // The server reads a category's whole range for a name search: ask once typing pauses, not per key.
  const [asked, setAsked] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setAsked(search.replace(/\s+/g, '')), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [search]);
  const [state, setState] = useState('');
  return (
    <>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <UnitSearch id="agreements-search" value={search} onChange={setSearch} />
        <SelectField
          inline
          id="agreements-choice"
          label="状态"
          value={state}
          options={stateOptions}
          onChange={setState}
        />
      </form>
      {total !== null && (
        <p class="filter-count" aria-live="polite">
          共 {total} 份{asked || state ? '（各类别按条件分页显示）' : ''}
        </p>
      )}
      {categories.map((category) => (
        <section key={category.id} class="panel" aria-labelledby={`cat-${category.id}`}>
          <div class="panel-heading">
            <h2 id={`cat-${category.id}`}>{category.name}</h2>
            {isAdmin && (
              <div class="panel-actions">
                <button type="button" class="button" onClick={() => onAction('generate', category)}>
                  按模板生成{category.name}责任书
                </button>
                <button type="button" class="button" onClick={() => onAction('issue', category)}>
                  下达全部草稿<span class="visually-hidden">{category.name}</span>
                </button>
                <button type="button" class="button" onClick={() => onAction('remind', category)}>
                  提醒签订<span class="visually-hidden">{category.name}</span>
                </button>
              </div>
            )}
          </div>
          <CategoryPages year={year} category={category} columns={columns} search={asked} state={state} />
        </section>
      ))}
    </>
  );
};
