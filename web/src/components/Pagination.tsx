/**
 * Pages of a long list (a city has hundreds of units): `usePagination` slices the rows and
 * `Pagination` shows 第 x / y 页, the rows shown of the filtered total, 首页 / 上一页 / 下一页 / 末页
 * buttons (keyboard-operable; at an end they stay focusable with aria-disabled, so focus is never
 * lost) and 每页 20 / 50 / 100 条. A change of the filters (`resetKey`) goes back to page 1.
 * A list that fits in one page of the first size shows no controls: county lists look as before.
 */
import { useState } from 'preact/hooks';

export const PAGE_SIZES = [20, 50, 100] as const;

export interface Paged<T> {
  /** The rows of the current page. */
  rows: T[];
  page: number;
  pageCount: number;
  size: number;
  /** Rows before the current page (the first shown is `start + 1`). */
  start: number;
  /** All rows, filtered: the total the counts show. */
  total: number;
  /** Whether the controls are worth showing (more than one page, or a size was chosen). */
  paged: boolean;
  setPage: (page: number) => void;
  setSize: (size: number) => void;
}

/**
 * The current page of `rows`. `resetKey` names the filters: when it changes, the page is 1 again.
 * @example const paged = usePagination(filtered, `${search}|${state}`);
 */
export const usePagination = <T,>(rows: readonly T[], resetKey = '', initialSize = 50): Paged<T> => {
  const [size, setSizeState] = useState(initialSize);
  // The page belongs to the filters it was chosen under: other filters read as page 1.
  const [chosen, setChosen] = useState({ key: resetKey, page: 1 });
  const pageCount = Math.max(1, Math.ceil(rows.length / size));
  const page = Math.min(chosen.key === resetKey ? chosen.page : 1, pageCount);
  const start = (page - 1) * size;
  return {
    rows: rows.slice(start, start + size),
    page,
    pageCount,
    size,
    start,
    total: rows.length,
    paged: rows.length > size || size !== initialSize,
    setPage: (next) => setChosen({ key: resetKey, page: Math.max(1, Math.min(next, pageCount)) }),
    setSize: (next) => {
      setSizeState(next);
      setChosen({ key: resetKey, page: 1 });
    },
  };
};

interface PaginationProps<T> {
  /** Prefix of the controls' ids. */
  id: string;
  /** What the list holds, for the navigation's name (e.g. 三级医院排名). */
  label: string;
  paged: Paged<T>;
  /** How a row is counted (条, 个单位, 份…). */
  unit?: string;
}

/** A page button: at an end it stays focusable with aria-disabled, so focus is never lost. */
export const PageButton = ({
  label,
  disabled,
  onClick,
}: {
  label: string;
  disabled: boolean;
  onClick: () => void;
}) => (
  <button
    type="button"
    class="button button-quiet"
    aria-disabled={disabled ? 'true' : undefined}
    onClick={() => {
      if (!disabled) onClick();
    }}
  >
    {label}
  </button>
);

/** 每页 20 / 50 / 100 {unit}. */
export const PageSizeSelect = ({
  id,
  size,
  unit,
  onChange,
}: {
  id: string;
  size: number;
  unit: string;
  onChange: (size: number) => void;
}) => (
  <div class="field inline-field">
    <label for={`${id}-page-size`}>每页</label>
    <select
      id={`${id}-page-size`}
      value={String(size)}
      onChange={(e) => onChange(Number(e.currentTarget.value))}
    >
      {PAGE_SIZES.map((s) => (
        <option key={s} value={String(s)}>
          {s} {unit}
        </option>
      ))}
    </select>
  </div>
);

export const Pagination = <T,>({ id, label, paged, unit = '条' }: PaginationProps<T>) => {
  if (!paged.paged) return null;
  const { page, pageCount, start, total, rows, setPage } = paged;
  return (
    <nav class="pagination" aria-label={`${label}分页`}>
      <p class="pagination-status" aria-live="polite">
        第 {page} / {pageCount} 页 ·{' '}
        {total === 0 ? `共 0 ${unit}` : `第 ${start + 1}–${start + rows.length} ${unit}，共 ${total} ${unit}`}
      </p>
      <div class="pagination-buttons">
        <PageButton label="首页" disabled={page === 1} onClick={() => setPage(1)} />
        <PageButton label="上一页" disabled={page === 1} onClick={() => setPage(page - 1)} />
        <PageButton label="下一页" disabled={page === pageCount} onClick={() => setPage(page + 1)} />
        <PageButton label="末页" disabled={page === pageCount} onClick={() => setPage(pageCount)} />
      </div>
      <PageSizeSelect id={id} size={paged.size} unit={unit} onChange={paged.setSize} />
    </nav>
  );
};
