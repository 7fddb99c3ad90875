/**
 * The scoring panel of one queue item: the verified value (by the leaf's rule) or the rating, the
 * comment, autosave with a visible 「已保存」 state, the engine's score and explanation as saved,
 * and returning the item to the unit with a reason.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Field } from '../../components/Field';
import { toApiError } from '../../use-resource';
import { type Period, type QueueItem, type ScoreBody, type ScoreResult, scoringApi } from './scoring-api';

type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'error';

const SAVE_LABELS: Record<SaveState, string> = {
  idle: '',
  dirty: '未保存',
  saving: '正在保存…',
  saved: '已保存',
  error: '未保存',
};

const AUTOSAVE_MS = 600;

interface Draft {
  value: string;
  completion: string;
  points: string;
  band: string;
  comment: string;
}

const draftOf = (item: QueueItem): Draft => {
  const s = (item.score ?? {}) as Record<string, unknown>;
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
  year: number;
  period: Period;
  item: QueueItem;
  locked: boolean;
  onSaved: (item: QueueItem) => void;
  onReturned: () => void;
  /** Called by Escape inside the panel: focus goes back to the queue. */
  onLeave: () => void;
}

export const ScorePanel = ({ year, period, item, locked, onSaved, onReturned, onLeave }: ScorePanelProps) => {
  const [draft, setDraft] = useState<Draft>(() => draftOf(item));
  // A ref, not state: an autosave queued before the previous one answered must use its new version.
  const version = useRef<number>(
    typeof item.score?.version === 'number' ? (item.score.version as number) : 0,
  );
  const saving = useRef<Promise<void>>(Promise.resolve());
  const [save, setSave] = useState<SaveState>(item.score ? 'saved' : 'idle');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [computed, setComputed] = useState(item.computed);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const id = `score-${item.unitId}-${item.code}`.replace(/[^\w-]/g, '_');

  const saveNow = async (next: Draft) => {
    const body = bodyOf(item, next, version.current);
    if (!body) return;
    setSave('saving');
    try {
      const result: ScoreResult = await scoringApi.score(year, item.unitId, period, item.code, body);
      version.current = result.version;
      setComputed(result.computed);
      setErrors({});
      setMessage(null);
      setSave('saved');
      onSaved({
        ...item,
        state: item.state === 'returned' ? 'returned' : 'scored',
        score: result.record,
        computed: result.computed,
      });
    } catch (e) {
      const error = toApiError(e);
      setSave('error');
      setErrors(Object.fromEntries(error.details.map((d) => [d.path.replace(/^body\./, ''), d.message])));
      setMessage(error.message);
    }
  };

  const change = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    setSave('dirty');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      saving.current = saving.current.then(() => saveNow(next));
    }, AUTOSAVE_MS);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  const submitReturn = async () => {
    try {
      await scoringApi.returnItem(year, item.unitId, period, item.code, reason, item.reported?.version ?? 0);
      setReturning(false);
      onReturned();
    } catch (e) {
      setMessage(toApiError(e).message);
    }
  };

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
      <p class="save-state" role="status" aria-live="polite">
        {SAVE_LABELS[save]}
      </p>
      {message && <p class="field-error">{message}</p>}
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
      {!locked && item.reported && item.reported.status !== 'returned' && (
        <div class="return-item">
          {returning ? (
            <>
              <Field id={`${id}-reason`} label="退回原因">
                {(control) => (
                  <textarea
                    {...control}
                    rows={2}
                    value={reason}
                    onInput={(e) => setReason(e.currentTarget.value)}
                  />
                )}
              </Field>
              <button type="button" class="button" onClick={() => void submitReturn()}>
                确认退回
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
