/**
 * A unit's worksheet for one period: the window (with its close in Beijing time), one card per
 * indicator, and the unit head's final submission (confirmed, idempotent: a retry reuses the key).
 */
import { useState } from 'preact/hooks';
import { isEditable } from '../../../../shared/domain/submissions/status';
import { checkSubmission, indicatorList } from '../../../../shared/domain/submissions/submit-check';
import type { SaveState } from '../../autosave';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { formatDateTime } from '../../format';
import { toApiError } from '../../use-resource';
import { IndicatorCard } from './IndicatorCard';
import { SummaryExtraction } from './SummaryExtraction';
import type { Ref, SubmitResult, Worksheet as WorksheetData } from './submissions-api';
import { submissionsApi } from './submissions-api';

interface WorksheetProps {
  refs: Ref;
  data: WorksheetData;
  onChange: (data: WorksheetData) => void;
  /** Reporter or head of this unit. */
  isUnitUser: boolean;
  isHead: boolean;
  canReview: boolean;
}

/** Every item of the sheet accepted by the committee: nothing is left to do for this period. */
const allAccepted = (data: WorksheetData) =>
  data.rows.length > 0 && data.rows.every((r) => r.item?.status === 'accepted');

const WindowBanner = ({ data, isUnitUser }: { data: WorksheetData; isUnitUser: boolean }) => {
  const { window } = data;
  if (allAccepted(data)) return <Notice>本期材料已全部审核通过。</Notice>;
  if (window.state === 'not_open') {
    return (
      <Notice>
        本期上报 {formatDateTime(window.opensAt)}（北京时间）开放提交
        {isUnitUser ? '；开放前可以先填写数值、上传材料，自动保存为草稿。' : '。'}
      </Notice>
    );
  }
  if (window.state === 'closed') {
    // Red only when something is still the unit's to do (a draft, a returned or a missing item).
    const undone = data.rows.some((r) => !r.item || isEditable(r.item.status));
    if (!undone) {
      return (
        <Notice>
          本期上报已于 {formatDateTime(window.effectiveClosesAt)}（北京时间）截止，材料正在审核。
        </Notice>
      );
    }
    return (
      <div class="banner banner-error" role="note">
        <p class="banner-title">本期上报已截止</p>
        <p>
          截止时间 {formatDateTime(window.effectiveClosesAt)}
          （北京时间），不能再修改。如需补报，请联系考核办申请延期。
        </p>
      </div>
    );
  }
  return (
    <Notice>
      上报截止时间：<strong>{formatDateTime(window.effectiveClosesAt)}</strong>（北京时间）
      {window.extension && `，已延期，原因：${window.extension.reason}`}
    </Notice>
  );
};

/** What the submission will really do: the items it submits, the blanks that block it, missing evidence. */
const SubmitSummary = ({ rows }: { rows: WorksheetData['rows'] }) => {
  const { toSubmit, blanks, withoutEvidence } = checkSubmission(rows);
  return (
    <>
      {blanks.length > 0 ? (
        <div role="alert">
          <p>
            <strong>还有 {blanks.length} 项指标未填写，须填写并保存后才能提交：</strong>
          </p>
          <ul>
            {blanks.map((r) => (
              <li key={r.indicator.code}>
                {r.indicator.code} {r.indicator.name}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p>
          将提交 {toSubmit.length}{' '}
          项指标。提交后各指标锁定，不能再修改；被考核组退回的指标可以修改后重新提交。
        </p>
      )}
      {withoutEvidence.length > 0 && (
        <p class="hint">
          以下 {withoutEvidence.length} 项没有上传证明材料：{indicatorList(withoutEvidence)}。
        </p>
      )}
    </>
  );
};

export const Worksheet = ({ refs, data, onChange, isUnitUser, isHead, canReview }: WorksheetProps) => {
  const [confirming, setConfirming] = useState(false);
  const [key, setKey] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<SubmitResult | null>(null);
  const open = data.window.state === 'open';
  // Drafts (values and files) may be prepared before the window opens; only submission waits for it.
  const canWrite = isUnitUser && data.window.state !== 'closed';
  const pending = data.rows.filter((r) => !r.item || isEditable(r.item.status));
  const unfilled = data.rows.filter((r) => !r.item);
  // What the user changed and is not saved yet (waiting, in flight or failed), per indicator.
  const [states, setStates] = useState<Record<string, SaveState>>({});
  const [taken, setTaken] = useState<Record<string, number>>({});
  const changed = Object.values(states).filter((s) => s === 'dirty' || s === 'saving').length;
  const failed = Object.values(states).filter((s) => s === 'error').length;

  const updateRow = (code: string, change: Partial<WorksheetData['rows'][number]>) =>
    onChange({ ...data, rows: data.rows.map((r) => (r.indicator.code === code ? { ...r, ...change } : r)) });

  const submit = async () => {
    setBusy(true);
    setError(null);
    // One key per confirmed action; a retry after a failure sends the same key again.
    const idempotencyKey = key ?? crypto.randomUUID();
    setKey(idempotencyKey);
    try {
      const answer = await submissionsApi.submit(refs, idempotencyKey);
      setKey(null);
      // The locked items and the notice appear together.
      const fresh = await submissionsApi.worksheet(refs).catch(() => null);
      setResult(answer);
      setConfirming(false);
      if (fresh) onChange(fresh);
    } catch (e) {
      const apiError = toApiError(e);
      // A refusal (not a lost answer) ends this action: the next attempt is a new one.
      if (apiError.status >= 400 && apiError.status < 500) setKey(null);
      // The server's message names each blank indicator once.
      setError(apiError.message);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  if (data.rows.length === 0) {
    return <EmptyState title="本期没有考核指标">本单位责任书中没有在本期考核的指标。</EmptyState>;
  }
  return (
    <>
      <WindowBanner data={data} isUnitUser={isUnitUser} />
      {result && (
        <Notice>
          已提交：{result.submitted} 项{result.resubmitted > 0 ? `，重新提交 ${result.resubmitted} 项` : ''}。
        </Notice>
      )}
      {error && <ErrorBanner title="提交未成功" message={error} />}
      {data.periodSubmission && (
        <p class="muted">
          单位负责人已于 {formatDateTime(data.periodSubmission.submittedAt)} 提交本期材料
          {data.periodSubmission.rounds.length > 1 &&
            `，此后重新提交 ${data.periodSubmission.rounds.length - 1} 次`}
          。
        </p>
      )}
      {isUnitUser && (changed > 0 || failed > 0) && (
        <p class="save-summary" role="status">
          {changed > 0 && `${changed} 项修改正在保存。`}
          {failed > 0 && `${failed} 项修改未能保存，请查看标红的指标后重试。`}
        </p>
      )}
      {canWrite && (
        <SummaryExtraction
          refs={refs}
          rows={data.rows}
          onTaken={(code, item) => {
            updateRow(code, { item });
            // The card keeps what is being typed in its own state: a taken value renews it.
            setTaken((all) => ({ ...all, [code]: (all[code] ?? 0) + 1 }));
          }}
          onFile={(code, file) =>
            updateRow(code, {
              files: [...(data.rows.find((r) => r.indicator.code === code)?.files ?? []), file],
            })
          }
        />
      )}
      <div class="indicator-list">
        {data.rows.map((row) => (
          <IndicatorCard
            key={`${row.indicator.code}:${taken[row.indicator.code] ?? 0}`}
            refs={refs}
            row={row}
            canWrite={canWrite}
            canReview={canReview && row.canReview}
            onItem={(item) => updateRow(row.indicator.code, { item })}
            onState={(state) => setStates((all) => ({ ...all, [row.indicator.code]: state }))}
            onFiles={(files) => updateRow(row.indicator.code, { files })}
          />
        ))}
      </div>
      {isUnitUser && open && pending.length > 0 && (
        <div class="submit-bar">
          {isHead ? (
            <button type="button" class="button button-primary" onClick={() => setConfirming(true)}>
              提交本期材料
            </button>
          ) : (
            <p class="hint">填报完成后，请单位负责人登录提交本期材料。</p>
          )}
          {unfilled.length > 0 && <p class="hint">还有 {unfilled.length} 项指标尚未填报。</p>}
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title="提交本期材料"
        confirmLabel="确认提交"
        busy={busy}
        onConfirm={() => void submit()}
        onCancel={() => setConfirming(false)}
      >
        <SubmitSummary rows={data.rows} />
      </ConfirmDialog>
    </>
  );
};
