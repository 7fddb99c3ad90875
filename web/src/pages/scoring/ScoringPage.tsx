/**
 * 考评评分 (/scoring): a rater's worksheet (queue, the unit's evidence, the scoring panel; keyboard
 * J/K or ↓/↑ between items; on a phone the opened item is a sheet over the queue) and, for the
 * admin, the progress of the period.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Me, Year } from '../../api';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { PeriodSelect, periodFromQuery, useYearChoice } from '../../components/YearChoice';
import { focusWindow } from '../../format';
import { PERIOD_LABELS } from '../../labels';
import { guardUnsaved } from '../../leave-guard';
import { PHONE_QUERY, useMediaQuery } from '../../use-media-query';
import { toApiError, useResource } from '../../use-resource';
import { itemKey, QueueFilterBar, QueueList } from './QueueList';
import { groupQueue, initialFilter, type QueueFilter } from './queue-model';
import { type Draft, type SaveState, ScorePanel } from './ScorePanel';
import { ScoreSheet } from './ScoreSheet';
import { ScoringProgressView } from './ScoringProgress';
import { type Period, type Queue, type QueueItem, scoringApi } from './scoring-api';
import { UnitMaterials } from './UnitMaterials';
import { useQueuePages } from './use-queue-pages';
import { useQueueSource } from './use-queue-source';

const PERIODS: Period[] = ['Q1', 'Q2', 'Q3', 'Q4'];

export const ScoringPage = ({ user }: { user: Me }) => {
  const [years] = useResource(() => api.years.list(), []);
  if (years.status === 'loading') return <Loading />;
  if (years.status === 'error') return <ErrorBanner message={years.error.message} />;
  if (years.data.length === 0) return <EmptyState title="尚无考核年度" />;
  return <ScoringView user={user} years={years.data} />;
};

const ScoringView = ({ user, years }: { user: Me; years: Year[] }) => {
  const { year, chooser } = useYearChoice(years, 'scoring-year');
  if (!year) return <EmptyState title="尚无考核年度" />;
  return (
    <>
      <PageHeader title="考核评分">
        <p>{year.title}</p>
      </PageHeader>
      {chooser && <div class="filters">{chooser}</div>}
      <PeriodChoice key={year.year} user={user} year={year} />
    </>
  );
};

/** `?period=` when given, else for a rater the latest period with work (pending first), else the open one. */
const usePeriod = (user: Me, year: Year) => {
  const asked = periodFromQuery();
  const fallback = focusWindow(year.periods, new Date())?.period ?? 'Q1';
  const isRater = user.roles.includes('rater');
  const [queues] = useResource(
    async () =>
      asked || !isRater
        ? null
        : // A page of 100 units a period: a county's whole queue, a bounded read of a city's.
          Promise.all(PERIODS.map((p) => scoringApi.queuePage(year.year, p, 100).catch(() => null))),
    [year.year],
  );
  const [chosen, setChosen] = useState<Period | undefined>(asked);
  if (chosen) return { period: chosen, setPeriod: setChosen };
  if (queues.status === 'loading') return { period: undefined, setPeriod: setChosen };
  const loaded = queues.status === 'ready' && queues.data ? queues.data : [];
  const latest = (has: (q: Queue) => boolean) =>
    [...PERIODS].reverse().find((p) => {
      const q = loaded[PERIODS.indexOf(p)];
      return q ? has(q) : false;
    });
  const period =
    latest((q) => q.counts.pending > 0 && q.sheet.state !== 'finalized') ??
    latest((q) => q.items.length > 0) ??
    fallback;
  return { period, setPeriod: setChosen };
};

const PeriodChoice = ({ user, year }: { user: Me; year: Year }) => {
  const { period, setPeriod } = usePeriod(user, year);
  const isRater = user.roles.includes('rater');
  if (!period) return <Loading />;
  return (
    <>
      <PeriodSelect id="scoring-period" value={period} onChange={setPeriod} />
      {isRater && <Worksheet key={period} user={user} year={year.year} period={period} />}
      {user.roles.includes('admin') && <ScoringProgressView year={year.year} period={period} />}
    </>
  );
};

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.isContentEditable);

const Worksheet = ({ user, year, period }: { user: Me; year: number; period: Period }) => {
  // A city's rater reads a page of units at a time from the server; a county's the whole queue.
  const { queue, reload, setQueue, pager, totals } = useQueueSource(year, period);
  const [index, setIndexState] = useState(0);
  // The key handler reads the ref: two quick key presses must not both start from a stale render.
  const indexRef = useRef(0);
  const setIndex = (i: number) => {
    indexRef.current = i;
    setIndexState(i);
  };
  const [confirming, setConfirming] = useState(false);
  // On a phone the opened item is a full-screen sheet over the queue (desktop: beside it).
  const phone = useMediaQuery(PHONE_QUERY);
  const [sheetOpen, setSheetOpen] = useState(false);
  const closingIndex = useRef(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = useRef<HTMLElement>(null);
  const [chosenFilter, setFilterState] = useState<QueueFilter | null>(null);
  const items = queue.status === 'ready' ? queue.data.items : [];
  // A city's queue (thousands of items) opens grouped by unit, each group folded but the first.
  const filter = chosenFilter ?? initialFilter(items.length);
  const groups = groupQueue(items, filter);
  const view = useQueuePages(groups, filter);
  // The items as shown (filtered, grouped, on this page, in open groups): J/K walk this order.
  const shown = view.open.flatMap((g) => g.items);
  const count = shown.length;
  const setFilter = (next: QueueFilter) => {
    setFilterState(next);
    setIndex(0);
  };
  // Each item's save state this visit, and the edits not yet saved (a failed save keeps its edit
  // for 重试 when the item is opened again).
  const [saveStates, setSaveStates] = useState<Record<string, SaveState>>({});
  const unsaved = useRef(new Map<string, { draft: Draft; state: SaveState }>());
  useEffect(
    () =>
      guardUnsaved({
        level: () => ([...unsaved.current.values()].some((u) => u.state === 'error') ? 'failed' : 'none'),
        flush: () => undefined,
      }),
    [],
  );

  const focusItem = (i: number) => {
    setIndex(i);
    list.current?.querySelectorAll<HTMLElement>('.queue-list button')[i]?.focus();
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.altKey || e.ctrlKey || e.metaKey || count === 0) return;
      // A dialog (the file viewer, a confirmation) has the keys while it is open.
      if (document.querySelector('dialog[open]')) return;
      if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        focusItem(Math.min(count - 1, indexRef.current + 1));
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        focusItem(Math.max(0, indexRef.current - 1));
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [count]);

  if (queue.status === 'loading') return <Loading />;
  if (queue.status === 'error') return <ErrorBanner message={queue.error.message} />;
  const data = queue.data;
  // A server page may be empty (its units all recused) while others follow: the pager stays.
  if (data.items.length === 0 && !pager) {
    return (
      <EmptyState title="本期没有分派给您的评分任务">
        {user.roles.includes('admin') ? (
          <Link href={`/assignments?year=${year}&period=${period}`}>去分派考核组成员</Link>
        ) : (
          '评分任务由考核办分派；可切换考核期或年度查看其他任务。'
        )}
      </EmptyState>
    );
  }
  const item = shown[Math.min(index, shown.length - 1)];
  const locked = data.sheet.state === 'finalized';

  const updateItem = (updated: QueueItem) =>
    setQueue((q) => {
      if (q.status !== 'ready') return q;
      const items = q.data.items.map((x) =>
        x.unitId === updated.unitId && x.code === updated.code ? updated : x,
      );
      const counts = { pending: 0, scored: 0, returned: 0 };
      for (const x of items) counts[x.state]++;
      return { status: 'ready', data: { ...q.data, items, counts } as Queue };
    });

  const finalize = async () => {
    setBusy(true);
    try {
      await scoringApi.finalize(year, period);
      setConfirming(false);
      reload();
    } catch (e) {
      setError(toApiError(e).message);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  /**
   * Closes the phone's sheet; focus goes back to the item in the queue it was showing (the browser
   * first returns focus to the item the sheet was opened from, which would select that one again).
   */
  const closeSheet = () => {
    closingIndex.current = indexRef.current;
    setSheetOpen(false);
  };

  const detail = item && (
    <>
      <UnitMaterials year={year} period={period} item={item} />
      <ScorePanel
        key={itemKey(item)}
        me={user.userId}
        year={year}
        period={period}
        item={item}
        locked={locked}
        onSaved={updateItem}
        kept={unsaved.current.get(itemKey(item))}
        onState={(state, draft) => {
          const key = itemKey(item);
          if (draft) unsaved.current.set(key, { draft, state });
          else unsaved.current.delete(key);
          setSaveStates((all) => ({ ...all, [key]: state }));
        }}
        onReturned={reload}
        onLeave={phone ? closeSheet : () => focusItem(index)}
      />
    </>
  );

  return (
    <section aria-labelledby="worksheet-title">
      <h2 id="worksheet-title">我的评分表</h2>
      <p class="hint" id="keyboard-help">
        键盘操作：J 或 ↓ 下一项，K 或 ↑ 上一项，Enter 进入评分，Esc 返回列表；修改后自动保存。
      </p>
      {totals && (
        <p>
          本期分派 {totals.assigned} 项 · 本人已评分（评分类指标）{totals.rated} 项
        </p>
      )}
      <p>
        {totals ? '本页：' : ''}待评 {data.counts.pending} · 已评 {data.counts.scored} · 已退回{' '}
        {data.counts.returned}
        {locked ? ' · 已定稿' : ''}
      </p>
      {locked && <Notice>本期评分表已定稿，如需修改请联系考核办重新开放。</Notice>}
      {error && <ErrorBanner message={error} />}
      <QueueFilterBar items={data.items} filter={filter} onFilter={setFilter} />
      <div
        class="scoring-layout"
        style={{ display: 'grid', gap: '1rem', gridTemplateColumns: 'repeat(auto-fit, minmax(17rem, 1fr))' }}
      >
        <QueueList
          groups={view.groups}
          isOpen={view.isOpen}
          onToggle={(key) => {
            view.toggle(key);
            setIndex(0);
          }}
          pagination={
            <>
              {view.pagination}
              {pager}
            </>
          }
          current={item}
          saveStates={saveStates}
          listRef={list}
          onFocusItem={(x) => setIndex(shown.indexOf(x))}
          onOpen={(x) => {
            setIndex(shown.indexOf(x));
            // Enter (or a click) opens the item: focus its first field (the sheet does it on a phone).
            if (phone) setSheetOpen(true);
            else
              setTimeout(
                () => document.querySelector<HTMLElement>('.score-panel input, .score-panel select')?.focus(),
                0,
              );
          }}
        />
        {!phone && detail}
      </div>
      {phone && item && (
        <ScoreSheet
          open={sheetOpen}
          title={`${item.unitName} · ${item.code}`}
          onClose={closeSheet}
          onClosed={() => focusItem(closingIndex.current)}
          onPrevious={index > 0 ? () => setIndex(index - 1) : undefined}
          onNext={index < count - 1 ? () => setIndex(index + 1) : undefined}
        >
          {detail}
        </ScoreSheet>
      )}
      {!locked && (
        <button type="button" class="button button-primary" onClick={() => setConfirming(true)}>
          定稿本期评分表
        </button>
      )}
      <ConfirmDialog
        open={confirming}
        title="定稿评分表"
        confirmLabel="确认定稿"
        busy={busy}
        onConfirm={() => void finalize()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          定稿后本期评分不能再修改（待评 {data.counts.pending} 项）。确定定稿{PERIOD_LABELS[period]}评分表吗？
        </p>
      </ConfirmDialog>
    </section>
  );
};
