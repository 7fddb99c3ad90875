/**
 * The rater's queue a page at a time: grouped, a page holds 50 groups, each folded or open (a long
 * queue starts with only its first group open, so a city's thousands of items are not all drawn);
 * ungrouped, a page holds 100 items. Changing the filter goes back to page 1.
 */
import { useState } from 'preact/hooks';
import { Pagination, usePagination } from '../../components/Pagination';
import { GROUP_BY_UNIT_ABOVE, type QueueFilter, type QueueGroup } from './queue-model';

export const useQueuePages = (groups: QueueGroup[], filter: QueueFilter) => {
  const grouped = filter.groupBy !== 'none';
  const resetKey = JSON.stringify(filter);
  const byGroup = usePagination(grouped ? groups : [], resetKey, 50);
  const byItem = usePagination(grouped ? [] : (groups[0]?.items ?? []), resetKey, 100);
  // Groups start open when the queue is short; a long one opens its first group only.
  const items = groups.reduce((n, g) => n + g.items.length, 0);
  const foldByDefault = grouped && items > GROUP_BY_UNIT_ABOVE;
  const [toggled, setToggled] = useState<{ key: string; groups: ReadonlySet<string> }>({
    key: resetKey,
    groups: new Set(),
  });
  const flipped = toggled.key === resetKey ? toggled.groups : new Set<string>();
  const first = byGroup.rows[0]?.key;
  const isOpen = (key: string) => !grouped || (foldByDefault ? key === first : true) !== flipped.has(key);
  const pageGroups = grouped ? byGroup.rows : groups[0] ? [{ ...groups[0], items: byItem.rows }] : [];
  return {
    groups: pageGroups,
    open: pageGroups.filter((g) => isOpen(g.key)),
    isOpen,
    toggle: (key: string) => {
      const next = new Set(flipped);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      setToggled({ key: resetKey, groups: next });
    },
    pagination: grouped ? (
      <Pagination id="queue-groups" label="评分任务" paged={byGroup} unit="组" />
    ) : (
      <Pagination id="queue-items" label="评分任务" paged={byItem} unit="项" />
    ),
  };
};
