/**
 * Pages read from the server one at a time (a city's lists: the API answers a page and the cursor of
 * the next): `useCursorPages` loads the current page and keeps the cursors of the pages seen, so
 * 上一页 goes back without the server knowing page numbers; `CursorPagination` shows 第 x 页, the rows
 * shown (with 共 n when the count is known), 首页 / 上一页 / 下一页 (focusable at an end, aria-disabled)
 * and 每页 20 / 50 / 100. A change of the filters (`resetKey`) goes back to the first page.
 */
import { useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api';
import { useResource } from '../use-resource';
import { PageButton, PageSizeSelect } from './Pagination';

export interface ServerPage<T> {
  items: T[];
  next: string | null;
  total: number | null;
}

export interface CursorPaged<T> {
  status: 'loading' | 'error' | 'ready';
  error: ApiError | null;
  rows: T[];
  /** 1-based. */
  page: number;
  size: number;
  /** Rows before the current page. */
  start: number;
  hasNext: boolean;
  total: number | null;
  first: () => void;
  previous: () => void;
  next: () => void;
  setSize: (size: number) => void;
  reload: () => void;
}

/** The current server page of `load`; `resetKey` names the filters (and a reload after a change). */
export const useCursorPages = <T,>(
  load: (pageSize: number, cursor: string | undefined) => Promise<ServerPage<T>>,
  resetKey: string,
  initialSize = 50,
): CursorPaged<T> => {
  const [size, setSizeState] = useState(initialSize);
  // The cursors of pages 1..n (page 1 has none), under the filters they were read with.
  const [trail, setTrail] = useState<{ key: string; cursors: (string | undefined)[] }>({
    key: resetKey,
    cursors: [undefined],
  });
  const cursors = trail.key === resetKey ? trail.cursors : [undefined];
  const cursor = cursors.at(-1);
  const [data, reload] = useResource(() => load(size, cursor), [resetKey, size, cursor]);
  // While the next page loads the last one stays on screen, so the pager (and its focus) never unmounts.
  const shown = useRef<ServerPage<T> | null>(null);
  if (data.status === 'ready') shown.current = data.data;
  const ready = shown.current;
  const move = (next: (string | undefined)[]) => setTrail({ key: resetKey, cursors: next });
  return {
    status: data.status,
    error: data.status === 'error' ? data.error : null,
    rows: ready?.items ?? [],
    page: cursors.length,
    size,
    start: (cursors.length - 1) * size,
    // Only a page on screen that is the current one says whether another follows.
    hasNext: data.status === 'ready' && Boolean(data.data.next),
    total: ready?.total ?? null,
    first: () => move([undefined]),
    previous: () => move(cursors.length > 1 ? cursors.slice(0, -1) : cursors),
    next: () => {
      if (data.status === 'ready' && data.data.next) move([...cursors, data.data.next]);
    },
    setSize: (next) => {
      setSizeState(next);
      move([undefined]);
    },
    reload,
  };
};

export const CursorPagination = <T,>({
  id,
  label,
  paged,
  unit = '条',
  initialSize = 50,
}: {
  id: string;
  label: string;
  paged: CursorPaged<T>;
  unit?: string;
  initialSize?: number;
}) => {
  const { page, start, rows, hasNext, total, size } = paged;
  if (paged.status === 'ready' && page === 1 && !hasNext && size === initialSize) return null;
  const shown = rows.length === 0 ? `本页无${unit}` : `第 ${start + 1}–${start + rows.length} ${unit}`;
  return (
    <nav class="pagination" aria-label={`${label}分页`}>
      <p class="pagination-status" aria-live="polite">
        第 {page} 页 · {shown}
        {total !== null && `，共 ${total} ${unit}`}
      </p>
      <div class="pagination-buttons">
        <PageButton label="首页" disabled={page === 1} onClick={paged.first} />
        <PageButton label="上一页" disabled={page === 1} onClick={paged.previous} />
        <PageButton label="下一页" disabled={!hasNext} onClick={paged.next} />
      </div>
      <PageSizeSelect id={id} size={size} unit={unit} onChange={paged.setSize} />
    </nav>
  );
};
