/** The admin reopens a rater's finalized sheet, with a reason (it goes to the audit trail). */
import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { type Period, scoringApi } from './scoring-api';

export const ReopenSheet = (props: {
  year: number;
  period: Period;
  raterId: string;
  name: string;
  onDone: () => void;
}) => {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (reason.trim().length < 2) {
      setReasonError('请填写重新开放的原因');
      return;
    }
    setBusy(true);
    try {
      await scoringApi.reopen(props.year, props.period, props.raterId, reason.trim());
      setOpen(false);
      props.onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class="button small" onClick={() => setOpen(true)}>
        重新开放
      </button>
      <ConfirmDialog
        open={open}
        title={`重新开放 ${props.name} 的 ${props.period} 评分表`}
        confirmLabel="重新开放"
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => setOpen(false)}
      >
        <p>重新开放后该成员可以修改本期评分；原因将记入审计记录。</p>
        <Field id={`reopen-reason-${props.raterId}`} label="原因" required error={reasonError}>
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          )}
        </Field>
        {error && <ErrorBanner message={error} />}
      </ConfirmDialog>
    </>
  );
};
