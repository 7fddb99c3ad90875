/** 延期: the admin extends (or revokes the extension of) one unit's deadline of the period. */
import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DATE_INPUT } from '../../components/date-input';
import { Notice } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { toApiError } from '../../use-resource';
import { type Period, submissionsApi } from '../submissions/submissions-api';
import type { UnitRow } from './ProgressMatrix';

export const ExtensionDialog = ({
  year,
  period,
  row,
  onDone,
  onCancel,
}: {
  year: number;
  period: Period;
  row: UnitRow;
  onDone: () => void;
  onCancel: () => void;
}) => {
  const [until, setUntil] = useState(row.extension?.until ?? '');
  const [reason, setReason] = useState(row.extension?.reason ?? '');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const refs = { year, period, unitId: row.unitId };
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      await action();
      onDone();
    } catch (e) {
      const apiError = toApiError(e);
      setErrors(Object.fromEntries(apiError.details.map((d) => [d.path, d.message])));
      setMessage(apiError.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      open
      title={`延长“${row.unitName}”的上报时间`}
      confirmLabel="批准延期"
      busy={busy}
      onConfirm={() => void run(() => submissionsApi.grantExtension(refs, until, reason))}
      onCancel={onCancel}
    >
      {message && (
        <p class="field-error" role="alert">
          {message}
        </p>
      )}
      <Field id="extension-until" label="延期至（含当日）" required error={errors['body.until']}>
        {(control) => (
          <input
            {...control}
            {...DATE_INPUT}
            value={until}
            onInput={(e) => setUntil(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field id="extension-reason" label="延期原因" required error={errors['body.reason']}>
        {(control) => (
          <textarea
            {...control}
            rows={2}
            maxLength={300}
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        )}
      </Field>
      {row.extension && (
        <button
          type="button"
          class="button button-quiet"
          onClick={() => void run(() => submissionsApi.revokeExtension(refs))}
        >
          撤销延期
        </button>
      )}
      <Notice>延期只对本单位有效，截止时间为所选日期 24 时（北京时间）。</Notice>
    </ConfirmDialog>
  );
};
