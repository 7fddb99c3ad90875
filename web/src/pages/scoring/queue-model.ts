/**
 * The rater's queue as shown: filtered by status, unit, a search text and 与工作总结不一致, then grouped by unit or
 * indicator (or not), each group with its counts. The shown order is the keyboard's J/K order.
 */
import type { QueueItem } from './scoring-api';

export type QueueState = QueueItem['state'];
export type GroupBy = 'none' | 'unit' | 'indicator';

export interface QueueFilter {
  state: QueueState | '';
  unitId: string;
  text: string;
  groupBy: GroupBy;
  /** Only items whose reported value disagrees with the unit's work summary. */
  disagrees?: boolean;
}

export const NO_FILTER: QueueFilter = { state: '', unitId: '', text: '', groupBy: 'none', disagrees: false };

/** Above this many items the queue opens grouped by unit (a city's rater has thousands). */
export const GROUP_BY_UNIT_ABOVE = 300;

/** The filter a queue opens with: ungrouped, or by unit when it is long. */
export const initialFilter = (items: number): QueueFilter =>
  items > GROUP_BY_UNIT_ABOVE ? { ...NO_FILTER, groupBy: 'unit' } : NO_FILTER;

export interface QueueGroup {
  key: string;
  title: string;
  items: QueueItem[];
  counts: Record<QueueState, number>;
}

const matches = (item: QueueItem, f: QueueFilter) => {
  const text = f.text.trim().toLowerCase();
  return (
    (!f.state || item.state === f.state) &&
    (!f.unitId || item.unitId === f.unitId) &&
    (!f.disagrees || item.summary?.disagrees === true) &&
    (!text || `${item.unitName} ${item.code} ${item.name}`.toLowerCase().includes(text))
  );
};

/** The groups to show, in queue order within each group (one untitled group when not grouping). */
export const groupQueue = (items: readonly QueueItem[], f: QueueFilter): QueueGroup[] => {
  const groups = new Map<string, QueueGroup>();
  for (const item of items.filter((x) => matches(x, f))) {
    const [key, title] =
      f.groupBy === 'unit'
        ? [item.unitId, item.unitName]
        : f.groupBy === 'indicator'
          ? [item.code, `${item.code} ${item.name}`]
          : ['all', ''];
    const group = groups.get(key) ?? {
      key,
      title,
      items: [],
      counts: { pending: 0, scored: 0, returned: 0 },
    };
    group.items.push(item);
    group.counts[item.state]++;
    groups.set(key, group);
  }
  return [...groups.values()];
};

/** The units of the queue, once each, for the unit filter. */
export const queueUnits = (items: readonly QueueItem[]): [string, string][] => [
  ...new Map(items.map((x) => [x.unitId, x.unitName] as [string, string])),
];

/**
 * The points field's label: 0.1 steps, or exactly W where W is off that grid (the engine's rule).
 * @example pointsLabel(2.75) // '评分（0–2.75 分，0.1 分一档或满分 2.75）'
 */
export const pointsLabel = (W: number | string): string =>
  `评分（0–${W} 分，0.1 分一档${Math.round(Number(W) * 100) % 10 === 0 ? '' : `或满分 ${W}`}）`;
