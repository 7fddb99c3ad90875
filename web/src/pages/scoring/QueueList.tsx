/**
 * The rater's queue: a filter bar (status, unit, search, grouping) and the items shown, grouped
 * with counts per group. Items are buttons in one navigation, so J/K walk the shown order.
 */
import type { ComponentChildren, Ref } from 'preact';
import { SAVE_STATE_LABELS } from '../../autosave';
import { SelectField } from '../../components/SelectField';
import { type GroupBy, type QueueFilter, type QueueGroup, queueUnits } from './queue-model';
import type { SaveState } from './ScorePanel';
import { DISAGREES_LABEL, disagreesWithSummary } from './SummaryCheck';
import type { QueueItem } from './scoring-api';

export const STATE_LABELS = { pending: '待评', scored: '已评', returned: '已退回' } as const;

export const itemKey = (x: QueueItem) => `${x.unitId}|${x.code}`;

/** An item's save state in the queue, once it was edited this visit. */
const SaveMark = ({ state }: { state: SaveState | undefined }) =>
  state && state !== 'idle' ? (
    <span class={`save-mark save-${state}`}>
      {' '}
      · {state === 'error' ? '保存失败（重试）' : SAVE_STATE_LABELS[state]}
    </span>
  ) : null;

interface FilterBarProps {
  items: readonly QueueItem[];
  filter: QueueFilter;
  onFilter: (filter: QueueFilter) => void;
}

export const QueueFilterBar = ({ items, filter, onFilter }: FilterBarProps) => (
  <form class="filters" aria-label="筛选评分任务" onSubmit={(e) => e.preventDefault()}>
    <SelectField
      inline
      id="queue-state"
      label="状态"
      value={filter.state}
      options={[['', '全部'], ...Object.entries(STATE_LABELS)] as [QueueFilter['state'], string][]}
      onChange={(state) => onFilter({ ...filter, state })}
    />
    <SelectField
      inline
      id="queue-unit"
      label="单位"
      value={filter.unitId}
      options={[['', '全部单位'], ...queueUnits(items)]}
      onChange={(unitId) => onFilter({ ...filter, unitId })}
    />
    <div class="field inline-field">
      <label for="queue-search">搜索</label>
      <input
        id="queue-search"
        type="search"
        placeholder="单位、指标编号或名称"
        value={filter.text}
        onInput={(e) => onFilter({ ...filter, text: e.currentTarget.value })}
      />
    </div>
    <SelectField
      inline
      id="queue-group"
      label="分组"
      value={filter.groupBy}
      options={
        [
          ['none', '不分组'],
          ['unit', '按单位'],
          ['indicator', '按指标'],
        ] as [GroupBy, string][]
      }
      onChange={(groupBy) => onFilter({ ...filter, groupBy })}
    />
    <div class="field inline-field">
      <input
        id="queue-disagrees"
        type="checkbox"
        checked={filter.disagrees === true}
        onChange={(e) => onFilter({ ...filter, disagrees: e.currentTarget.checked })}
      />
      <label for="queue-disagrees">{DISAGREES_LABEL}</label>
    </div>
  </form>
);

interface QueueListProps {
  /** The groups of this page. */
  groups: QueueGroup[];
  isOpen: (key: string) => boolean;
  onToggle: (key: string) => void;
  /** The page controls (none when the queue fits in one page). */
  pagination: ComponentChildren;
  current: QueueItem | undefined;
  saveStates: Record<string, SaveState>;
  listRef: Ref<HTMLElement>;
  onFocusItem: (item: QueueItem) => void;
  onOpen: (item: QueueItem) => void;
}

const countText = (g: QueueGroup) =>
  `待评 ${g.counts.pending} · 已评 ${g.counts.scored}${g.counts.returned ? ` · 已退回 ${g.counts.returned}` : ''}`;

/**
 * The groups of the page, each titled with its counts; a group's title is a button that folds it
 * (a folded group draws no items, and J/K skip it).
 */
export const QueueList = ({
  groups,
  isOpen,
  onToggle,
  pagination,
  current,
  saveStates,
  listRef,
  onFocusItem,
  onOpen,
}: QueueListProps) => (
  <nav aria-label="评分任务" ref={listRef}>
    {groups.length === 0 && <p>没有符合条件的评分任务。</p>}
    {groups.map((g) => {
      const open = isOpen(g.key);
      return (
        <div key={g.key} class="queue-group">
          {g.title && (
            <h3 class="queue-group-title">
              <button
                type="button"
                class="link-button queue-group-toggle"
                aria-expanded={open ? 'true' : 'false'}
                onClick={() => onToggle(g.key)}
              >
                <span aria-hidden="true">{open ? '▾' : '▸'} </span>
                {g.title}（{g.items.length} 项：{countText(g)}）
              </button>
            </h3>
          )}
          {open && (
            <ol class="queue-list" aria-describedby="keyboard-help">
              {g.items.map((x) => (
                <li key={itemKey(x)}>
                  <button
                    type="button"
                    class="link-button"
                    aria-current={current && itemKey(current) === itemKey(x) ? 'true' : undefined}
                    onFocus={() => onFocusItem(x)}
                    onClick={() => onOpen(x)}
                  >
                    {x.unitName} · {x.code} {x.name} ·{' '}
                    <span class={`state-${x.state}`}>{STATE_LABELS[x.state]}</span>
                    {disagreesWithSummary(x) && <span class="tag tag-flag">{DISAGREES_LABEL}</span>}
                    <SaveMark state={saveStates[itemKey(x)]} />
                  </button>
                </li>
              ))}
            </ol>
          )}
        </div>
      );
    })}
    {pagination}
  </nav>
);
