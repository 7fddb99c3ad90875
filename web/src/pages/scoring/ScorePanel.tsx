/**
 * The scoring panel of one queue item: the verified value (by the leaf's rule) or the rating, the
 * comment, autosave with a visible state (保存中 / 已保存 / 保存失败 with 重试; an edit is sent at
 * once when the rater moves to another item), a conflict shown with the value saved meanwhile (keep
 * mine or take theirs), the engine's score and explanation as saved, and returning the item to the
 * unit with a reason.
 */
import { useRef, useState } from 'preact/hooks';
import { SAVE_STATE_LABELS, type SaveState, useAutosave } from '../../autosave';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { ReasonField } from '../../components/ReasonField';
import { useReasonedAction } from '../../use-reasoned-action';
import { toApiError } from '../../use-resource';
import { ScoreHistory } from './ScoreHistory';
import { type Period, type QueueItem, type ScoreBody, type ScoreResult, scoringApi } from './scoring-api';

export type { SaveState };

export interface Draft {
  value: string;
  completion: string;
  points: string;
  band: string;
  comment: string;
}

export const draftOf = (item: QueueItem, score = item.score): Draft => {
  const s = (score ?? {}) as Record<string, unknown>;
  const value = item.ruleType === 'count' ? s.occurrences : s.verifiedValue;
  return {
    value: value === undefined || value === null ? '' : String(value),
    completion: typeof s.completion === 'string' ? s.completion : '',
    points: typeof s.pointsCents === 'number' ? String(s.pointsCents / 100) : '',
    band: typeof s.band === 'string' ? s.band : '',
    comment: typeof s.comment === 'string' ? s.comment : '',
  };
};

/** The request body of a draft, or null while the draft has nothing to save yet. */
const bodyOf = (item: QueueItem, d: Draft, version: number): ScoreBody | null => {
  const base = { version, comment: d.comment };
  if (item.ruleType === 'rating') {
    if (item.scale === 'bands') return d.band ? { ...base, band: d.band as ScoreBody['band'] } : null;
    return d.points.trim() ? { ...base, points: Number(d.points) } : null;
  }
  if (item.ruleType === 'completion') {
    return d.completion
      ? {
          ...base,
          completion: d.completion as ScoreBody['completion'],
          ...(d.value ? { verifiedValue: d.value } : {}),
        }
      : null;
  }
  if (item.ruleType === 'count') return d.value.trim() ? { ...base, occurrences: Number(d.value) } : null;
  if (!d.value.trim()) return null;
  if (item.measure === 'boolean') return { ...base, verifiedValue: d.value === 'true' };
  return { ...base, verifiedValue: item.measure === 'date' ? d.value : Number(d.value) };
};

interface ScorePanelProps {
  /** The signed-in rater (the score history says 您 for them). */
  me: string;
  year: number;
  period: Period;
  item: QueueItem;
  locked: boolean;
  onSaved: (item: QueueItem) => void;
  /** Every change of the save state, and the edit not yet saved (kept while the panel is closed). */
  onState: (state: SaveState, unsaved: Draft | null) => void;
  /** An edit whose save failed before the panel was last closed, with that state. */
  kept?: { draft: Draft; state: SaveState } | undefined;
  onReturned: () => void;
  /** Called by Escape inside the panel: focus goes back to the queue. */
  onLeave: () => void;
}

const COMPLETION_LABELS: Record<string, string> = {
  on_time: '按期完成',
  late: '逾期完成',
  not_done: '未完成',
};

/** The score of a draft in words, for the conflict notice. */
const draftText = (d: Draft): string =>
  [d.points && `${d.points} 分`, d.band, COMPLETION_LABELS[d.completion], d.value]
    .filter(Boolean)
    .join('，') || '（空）';

interface Conflict {
  version: number;
  record: QueueItem['score'];
}

export const ScorePanel = (props: ScorePanelProps) => {
  const { me, year, period, item, locked, onSaved, onState, kept, onReturned, onLeave } = props;
  const [draft, setDraft] = useState<Draft>(() => kept?.draft ?? draftOf(item));
  const latest = useRef(draft);
  // A ref, not state: an autosave queued before the previous one answered must use its new version.
  const version = useRef<number>(
    typeof item.score?.version === 'number' ? (item.score.version as number) : 0,
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [computed, setComputed] = useState(item.computed);
  const [returning, setReturning] = useState(false);
  // Bumped by each save, so an open score history reads it again.
  const [revision, setRevision] = useState(0);
  const id = `score-${item.unitId}-${item.code}`.replace(/[^\w-]/g, '_');

  const saveNow = async (next: Draft): Promise<SaveState> => {
    const body = bodyOf(item, next, version.current);
    if (!body) return 'idle';
    try {
      const result: ScoreResult = await scoringApi.score(year, item.unitId, period, item.code, body);
      version.current = result.version;
      setComputed(result.computed);
      setErrors({});
      setMessage(null);
      setConflict(null);
      setRevision((n) => n + 1);
      onSaved({
        ...item,
        state: item.state === 'returned' ? 'returned' : 'scored',
        score: result.record,
        computed: result.computed,
      });
      return 'saved';
    } catch (e) {
      const error = toApiError(e);
      if (error.code === 'STALE_VERSION') {
        setConflict({
          version: Number(error.extra.currentVersion ?? 0),
          record: (error.extra.current ?? null) as QueueItem['score'],
        });
        setMessage(null);
        return 'error';
      }
      setErrors(Object.fromEntries(error.details.map((d) => [d.path.replace(/^body\./, ''), d.message])));
      setMessage(error.message);
      return 'error';
    }
  };

  const autosave = useAutosave<Draft>({
    save: saveNow,
    initial: kept?.state ?? (item.score ? 'saved' : 'idle'),
    initialDraft: kept?.draft,
    onState: (state) => onState(state, state === 'saved' || state === 'idle' ? null : latest.current),
  });

  const change = (patch: Partial<Draft>) => {
    const next = { ...latest.current, ...patch };
    latest.current = next;
    setDraft(next);
    autosave.change(next);
  };

  /** Keep mine: save my edit over the newer version. Take theirs: show and keep the saved one. */
  const resolve = (keep: 'mine' | 'theirs') => {
    if (!conflict) return;
    version.current = conflict.version;
    setConflict(null);
    if (keep === 'mine') {
      void autosave.retry();
      return;
    }
    const theirs = draftOf(item, conflict.record);
    latest.current = theirs;
    setDraft(theirs);
    onSaved({ ...item, score: conflict.record });
    autosave.settle('saved');
  };

  const returnAction = useReasonedAction({
    tooShort: '请填写退回原因',
    minLength: 2,
    run: (reason) =>
      scoringApi.returnItem(year, item.unitId, period, item.code, reason, item.reported?.version ?? 0),
    onDone: () => {
      setReturning(false);
      onReturned();
    },
  });

  const valueField = () => {
    if (item.ruleType === 'rating' && item.scale === 'bands') {
      return (
        <Field id={`${id}-band`} label="等级" error={errors.band}>
          {(control) => (
            <select
              {...control}
              value={draft.band}
              disabled={locked}
              onChange={(e) => change({ band: e.currentTarget.value })}
            >
              <option value="">请选择</option>
              {['优', '良', '中', '差'].map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </select>
          )}
        </Field>
      );
    }
    if (item.ruleType === 'rating') {
      return (
        <Field id={`${id}-points`} label={`评分（0–${item.W} 分，0.1 分一档）`} error={errors.points}>
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              value={draft.points}
              disabled={locked}
              onInput={(e) => change({ points: e.currentTarget.value })}
            />
          )}
        </Field>
      );
    }
    if (item.ruleType === 'completion') {
      return (
        <Field id={`${id}-completion`} label="完成情况" error={errors.completion}>
          {(control) => (
            <select
              {...control}
              value={draft.completion}
              disabled={locked}
              onChange={(e) => change({ completion: e.currentTarget.value })}
            >
              <option value="">请选择</option>
              <option value="on_time">按期完成</option>
              <option value="late">逾期完成</option>
              <option value="not_done">未完成</option>
            </select>
          )}
        </Field>
      );
    }
    const label = item.ruleType === 'count' ? '核定发生次数' : '核定值';
    return (
      <Field id={`${id}-value`} label={label} error={errors.verifiedValue ?? errors.occurrences}>
        {(control) => (
          <input
            {...control}
            inputMode="decimal"
            value={draft.value}
            disabled={locked}
            onInput={(e) => change({ value: e.currentTarget.value })}
          />
        )}
      </Field>
    );
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the panel returns to the queue.
    <div
      class="score-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onLeave();
      }}
      onFocusOut={(e) => {
        // Focus leaving the panel (to the queue, another page): send the edit now.
        if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) {
          void autosave.flush();
        }
      }}
    >
      <h2>
        {item.code} {item.name}
      </h2>
      <p class="hint">
        分值 {item.W}
        {item.target !== null && ` · 目标值 ${String(item.target)}`} · {item.ruleText}
      </p>
      {valueField()}
      <Field id={`${id}-comment`} label="评分说明（低于满分须填写扣分理由）" error={errors.comment}>
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={draft.comment}
            disabled={locked}
            onInput={(e) => change({ comment: e.currentTarget.value })}
          />
        )}
      </Field>
      <p class={`save-state save-${autosave.state}`} role="status" aria-live="polite">
        {SAVE_STATE_LABELS[autosave.state]}
        {autosave.state === 'error' && !conflict && (
          <button type="button" class="link-button" onClick={() => void autosave.retry()}>
            重试
          </button>
        )}
      </p>
      {message && <p class="field-error">{message}</p>}
      {conflict && (
        <div class="banner banner-error" role="alert">
          <p class="banner-title">此项评分已被修改，您的修改尚未保存</p>
          <p>
            已保存的是：{draftText(draftOf(item, conflict.record))}；您填写的是：{draftText(latest.current)}。
          </p>
          <div class="form-actions">
            <button type="button" class="button button-primary" onClick={() => resolve('mine')}>
              保留我的
            </button>
            <button type="button" class="button" onClick={() => resolve('theirs')}>
              采用已保存的
            </button>
          </div>
        </div>
      )}
      <section aria-label="计算得分">
        <h3>得分</h3>
        {computed ? (
          <p>
            <strong data-testid="computed-score">{computed.score}</strong> 分 · {computed.explanation}
          </p>
        ) : (
          <p>尚未评分</p>
        )}
      </section>
      <ScoreHistory
        year={year}
        period={period}
        unitId={item.unitId}
        code={item.code}
        me={me}
        revision={revision}
      />
      {!locked && item.reported && item.reported.status !== 'returned' && (
        <div class="return-item">
          {returning ? (
            <>
              <ReasonField id={`${id}-reason`} label="退回原因" action={returnAction} />
              {returnAction.error && <ErrorBanner title="未退回" message={returnAction.error} />}
              <button
                type="button"
                class="button"
                aria-disabled={returnAction.busy}
                onClick={() => void returnAction.confirm()}
              >
                {returnAction.busy ? '正在退回…' : '确认退回'}
              </button>
            </>
          ) : (
            <button type="button" class="button" onClick={() => setReturning(true)}>
              退回单位补充
            </button>
          )}
        </div>
      )}
    </div>
  );
};
