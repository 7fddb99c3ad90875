/**
 * Where the rater's worksheet reads its queue. It asks for a first server page of units: when that
 * page is the whole queue, or the queue holds no more than `GROUP_BY_UNIT_ABOVE` items (a county's
 * rater), the worksheet works on the whole queue as before; a city's rater (thousands of items) reads
 * a page of units at a time from the server (`…/scoring-queue-pages`), with 首页 / 上一页 / 下一页 and
 * 每页 20 / 50 / 100 个单位, the header's totals kept from the first page. While the next page loads
 * the last stays on screen, so the pager (and its focus) never unmounts.
 */
import { useRef, useState } from 'preact/hooks';
import { CursorPagination } from '../../components/CursorPagination';
import { type Resource, useResource } from '../../use-resource';
import { GROUP_BY_UNIT_ABOVE } from './queue-model';
import { type Period, type Queue, type QueuePage, scoringApi } from './scoring-api';

type Loaded = { queue: Queue; next: string | null; paged: boolean };

export const useQueueSource = (year: number, period: Period) => {
  const [size, setSize] = useState(50);
  // The cursors of pages 1..n (page 1 has none).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const totals = useRef<QueuePage['totals']>(null);
  const cursor = cursors.at(-1);
  const [resource, reload, setResource] = useResource(async (): Promise<Loaded> => {
    const page = await scoringApi.queuePage(year, period, size, cursor);
    if (page.totals) totals.current = page.totals;
    const paged =
      cursor !== undefined || (page.next !== null && (page.totals?.assigned ?? 0) > GROUP_BY_UNIT_ABOVE);
    if (paged || page.next === null) return { queue: page, next: page.next, paged };
    return { queue: await scoringApi.queue(year, period), next: null, paged: false };
  }, [year, period, size, cursor]);
  const last = useRef<Loaded | null>(null);
  if (resource.status === 'ready') last.current = resource.data;
  const shown = resource.status === 'loading' && last.current?.paged ? last.current : null;
  const loaded = resource.status === 'ready' ? resource.data : shown;
  const queue: Resource<Queue> = loaded
    ? { status: 'ready', data: loaded.queue }
    : resource.status === 'error'
      ? resource
      : { status: 'loading' };
  const setQueue = (update: (q: Resource<Queue>) => Resource<Queue>) =>
    setResource((r) => {
      if (r.status !== 'ready') return r;
      const next = update({ status: 'ready', data: r.data.queue });
      return next.status === 'ready' ? { status: 'ready', data: { ...r.data, queue: next.data } } : r;
    });
  const paged = loaded?.paged ?? false;
  const units = loaded ? [...new Set(loaded.queue.items.map((i) => i.unitId))] : [];
  const move = (next: (string | undefined)[]) => setCursors(next);
  const pager = paged ? (
    <CursorPagination
      id="queue-units"
      label="评分单位"
      unit="个单位"
      paged={{
        status: resource.status,
        error: resource.status === 'error' ? resource.error : null,
        rows: units,
        page: cursors.length,
        size,
        start: (cursors.length - 1) * size,
        hasNext: resource.status === 'ready' && Boolean(resource.data.next),
        total: null,
        first: () => move([undefined]),
        previous: () => move(cursors.length > 1 ? cursors.slice(0, -1) : cursors),
        next: () => {
          if (resource.status === 'ready' && resource.data.next) move([...cursors, resource.data.next]);
        },
        setSize: (next) => {
          setSize(next);
          move([undefined]);
        },
        reload,
      }}
    />
  ) : null;
  return { queue, reload, setQueue, pager, totals: paged ? totals.current : null };
};
