/**
 * One indicator of the worksheet: what is asked (requirement, target, rule), the reported value and
 * narrative (editable while the item is a draft or returned and the window is open), its evidence
 * files, its status with history, and the rater's accept / return.
 */
import { useRef, useState } from 'preact/hooks';
import { isEditable } from '../../../../shared/domain/submissions/status';
import { SAVE_STATE_LABELS, type SaveState, useAutosave } from '../../autosave';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field } from '../../components/Field';
import { formatDateTime } from '../../format';
import { toApiError } from '../../use-resource';
import { FileList } from './FileList';
import { CELL_LABELS, StatusBadge } from './labels';
import type { EvidenceFile, Ref, SubmissionItem, WorksheetRow } from './submissions-api';
import { submissionsApi } from './submissions-api';
import { measureHint, parseValueText, ValueInput, valueText } from './ValueInput';

interface IndicatorCardProps {
  refs: Ref;
  row: WorksheetRow;
  /** The caller reports for this unit and the window is open. */
  canWrite: boolean;
  /** The caller reviews (rater or admin). */
  canReview: boolean;
  onItem: (item: SubmissionItem) => void;
  /** The card's save state (the worksheet counts what is still unsaved). */
  onState: (state: SaveState) => void;
  onFiles: (files: EvidenceFile[]) => void;
}

const targetText = (row: WorksheetRow) => {
  const { target, measure } = row.indicator;
  if (target === null) return '—';
  if (measure === 'boolean') return target === true ? '是' : '否';
  return measure === 'rate' ? `${target}%` : String(target);
};

interface Entry {
  text: string;
  narrative: string;
}

export const IndicatorCard = ({
  refs,
  row,
  canWrite,
  canReview,
  onItem,
  onState,
  onFiles,
}: IndicatorCardProps) => {
  const { indicator, item, files } = row;
  const status = item?.status ?? 'draft';
  const editable = canWrite && isEditable(status);
  const [text, setText] = useState(valueText(item?.value ?? null));
  const [narrative, setNarrative] = useState(item?.narrative ?? '');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [reviewing, setReviewing] = useState(false);
  const id = `item-${indicator.code}`;
  // A ref: a save queued behind another must send the version the first one produced.
  const version = useRef(item?.version ?? 0);
  version.current = Math.max(version.current, item?.version ?? 0);
  const latest = useRef<Entry>({ text, narrative });

  const saveNow = async (entry: Entry): Promise<SaveState> => {
    setError(null);
    setFieldError(undefined);
    try {
      const next = await submissionsApi.save(refs, indicator.code, {
        value: parseValueText(entry.text, indicator.measure),
        narrative: entry.narrative,
        version: version.current,
      });
      version.current = next.version;
      onItem(next);
      return 'saved';
    } catch (e) {
      const apiError = toApiError(e);
      const detail = apiError.details.find((d) => d.path === 'body.value');
      if (detail) setFieldError(detail.message);
      else setError(apiError.message);
      return 'error';
    }
  };
  const autosave = useAutosave<Entry>({ save: saveNow, initial: 'idle', onState });

  const edit = (patch: Partial<Entry>) => {
    const next = { ...latest.current, ...patch };
    latest.current = next;
    if (patch.text !== undefined) setText(next.text);
    if (patch.narrative !== undefined) setNarrative(next.narrative);
    autosave.change(next);
  };

  /** 保存 sends the waiting edit now, or again after a failure. */
  const save = (event: Event) => {
    event.preventDefault();
    if (autosave.state === 'error') void autosave.retry();
    else if (autosave.state === 'dirty') void autosave.flush();
    else if (!item) void autosave.retry();
  };

  const review = async (decision: 'accept' | 'return') => {
    if (!item) return;
    setReviewing(true);
    setError(null);
    try {
      onItem(
        await submissionsApi.review(
          refs,
          indicator.code,
          decision === 'return'
            ? { decision, reason, version: item.version }
            : { decision, version: item.version },
        ),
      );
      setReturning(false);
      setReason('');
    } catch (e) {
      setError(toApiError(e).message);
      setReturning(false);
    } finally {
      setReviewing(false);
    }
  };

  return (
    <section class="indicator-card" aria-labelledby={`${id}-title`} data-code={indicator.code}>
      <header class="indicator-head">
        <h3 id={`${id}-title`}>
          <span class="indicator-code">{indicator.code}</span> {indicator.name}
        </h3>
        <StatusBadge status={item ? item.status : 'missing'} />
      </header>
      <dl class="indicator-facts">
        <div>
          <dt>一级指标</dt>
          <dd>{indicator.dimension}</dd>
        </div>
        <div>
          <dt>分值</dt>
          <dd>{indicator.W} 分</dd>
        </div>
        <div>
          <dt>目标值</dt>
          <dd>{targetText(row)}</dd>
        </div>
        {indicator.department && (
          <div>
            <dt>责任科室</dt>
            <dd>{indicator.department}</dd>
          </div>
        )}
      </dl>
      <p class="indicator-rule">
        <strong>评分标准：</strong>
        {indicator.ruleText}
      </p>
      {indicator.evidence && (
        <p class="indicator-rule">
          <strong>材料要求：</strong>
          {indicator.evidence}
        </p>
      )}
      {item?.status === 'returned' && item.returnReason && (
        <div class="banner banner-error" role="note">
          <p class="banner-title">已退回补充</p>
          <p>{item.returnReason}</p>
        </div>
      )}
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      <form
        class="item-form"
        onSubmit={save}
        onFocusOut={(e) => {
          // Focus leaving the form (another indicator, a link): send the edit now.
          if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) {
            void autosave.flush();
          }
        }}
      >
        {indicator.needsValue && (
          <Field id={`${id}-value`} label="截至本期末累计值" hint={measureHint(indicator)} error={fieldError}>
            {(control) => (
              <ValueInput
                indicator={indicator}
                text={text}
                onText={(value) => edit({ text: value })}
                control={control}
                disabled={!editable}
              />
            )}
          </Field>
        )}
        <Field id={`${id}-narrative`} label="情况说明">
          {(control) => (
            <textarea
              {...control}
              rows={3}
              maxLength={2000}
              value={narrative}
              disabled={!editable}
              onInput={(e) => edit({ narrative: e.currentTarget.value })}
            />
          )}
        </Field>
        {editable && (
          <div class="form-actions">
            <button
              type="submit"
              class="button button-primary"
              aria-disabled={autosave.state === 'saving' || autosave.state === 'saved'}
            >
              {autosave.state === 'error' ? '重试保存' : '保存'}
              <span class="visually-hidden">{indicator.name}</span>
            </button>
            <span class={`save-state save-${autosave.state}`} role="status" aria-live="polite">
              {autosave.state === 'error' ? '保存失败（可点“重试保存”）' : SAVE_STATE_LABELS[autosave.state]}
            </span>
          </div>
        )}
      </form>
      <FileList
        refs={refs}
        code={indicator.code}
        indicatorName={indicator.name}
        files={files}
        editable={editable}
        onChange={onFiles}
      />
      {canReview && item && (item.status === 'submitted' || item.status === 'resubmitted') && (
        <div class="form-actions review-actions">
          <button
            type="button"
            class="button button-primary"
            aria-disabled={reviewing}
            onClick={() => void review('accept')}
          >
            审核通过<span class="visually-hidden">{indicator.name}</span>
          </button>
          <button type="button" class="button" onClick={() => setReturning(true)}>
            退回补充<span class="visually-hidden">{indicator.name}</span>
          </button>
        </div>
      )}
      {item && item.history.length > 0 && (
        <details class="history">
          <summary>状态记录（{item.history.length}）</summary>
          <ol>
            {item.history.map((h) => (
              <li key={`${h.at}-${h.status}`}>
                {formatDateTime(h.at)} {h.byName} {CELL_LABELS[h.status]}
                {h.reason ? `：${h.reason}` : ''}
              </li>
            ))}
          </ol>
        </details>
      )}
      <ConfirmDialog
        open={returning}
        title={`退回“${indicator.name}”`}
        confirmLabel="退回"
        busy={reviewing}
        onConfirm={() => {
          if (reason.trim().length >= 2) void review('return');
        }}
        onCancel={() => setReturning(false)}
      >
        <Field id={`${id}-reason`} label="退回原因" required hint="单位将看到此原因，请写明需要补充的内容">
          {(control) => (
            <textarea
              {...control}
              rows={3}
              maxLength={500}
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          )}
        </Field>
      </ConfirmDialog>
    </section>
  );
};
