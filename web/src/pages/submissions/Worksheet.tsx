/**
 * A unit's worksheet for one period: the window (with its close in Beijing time), one card per
 * indicator, and the unit head's final submission (confirmed, idempotent: a retry reuses the key).
 */
import { useState } from 'preact/hooks';
import { isEditable } from '../../../../shared/domain/submissions/status';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { formatDateTime } from '../../format';
import { toApiError } from '../../use-resource';
import { IndicatorCard } from './IndicatorCard';
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

const WindowBanner = ({ data }: { data: WorksheetData }) => {
  const { window } = data;
  if (window.state === 'not_open') {
    return <Notice>本期上报尚未开始，{formatDateTime(window.opensAt)}（北京时间）开放。</Notice>;
  }
  if (window.state === 'closed') {
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

export const Worksheet = ({ refs, data, onChange, isUnitUser, isHead, canReview }: WorksheetProps) => {
  const [confirming, setConfirming] = useState(false);
  const [key, setKey] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<SubmitResult | null>(null);
  const open = data.window.state === 'open';
  const canWrite = isUnitUser && open;
  const pending = data.rows.filter((r) => !r.item || isEditable(r.item.status));
  const unsaved = data.rows.filter((r) => !r.item);

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
      setError(
        apiError.details.length > 0
          ? `${apiError.message}（${apiError.details.map((d) => d.message).join('；')}）`
          : apiError.message,
      );
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
      <WindowBanner data={data} />
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
      <div class="indicator-list">
        {data.rows.map((row) => (
          <IndicatorCard
            key={row.indicator.code}
            refs={refs}
            row={row}
            canWrite={canWrite}
            canReview={canReview && row.canReview}
            onItem={(item) => updateRow(row.indicator.code, { item })}
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
          {unsaved.length > 0 && <p class="hint">还有 {unsaved.length} 项指标尚未保存。</p>}
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
        <p>
          将提交 {pending.length} 项指标。提交后各指标锁定，不能再修改；被考核组退回的指标可以修改后重新提交。
        </p>
      </ConfirmDialog>
    </>
  );
};
