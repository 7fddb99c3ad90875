/** The admin reopens a rater's finalized sheet, with a reason (it goes to the audit trail). */
import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ReasonField } from '../../components/ReasonField';
import { PERIOD_LABELS } from '../../labels';
import { useReasonedAction } from '../../use-reasoned-action';
import { type Period, scoringApi } from './scoring-api';

export const ReopenSheet = (props: {
  year: number;
  period: Period;
  raterId: string;
  name: string;
  onDone: () => void;
}) => {
  const [open, setOpen] = useState(false);
  const action = useReasonedAction({
    tooShort: '请填写重新开放的原因',
    minLength: 2,
    run: (reason) => scoringApi.reopen(props.year, props.period, props.raterId, reason),
    onDone: () => {
      setOpen(false);
      props.onDone();
    },
  });
  return (
    <>
      <button type="button" class="button small" onClick={() => setOpen(true)}>
        重新开放
      </button>
      <ConfirmDialog
        open={open}
        title={`重新开放 ${props.name} 的${PERIOD_LABELS[props.period]}评分表`}
        confirmLabel="重新开放"
        busy={action.busy}
        onConfirm={() => void action.confirm()}
        onCancel={() => setOpen(false)}
      >
        <p>重新开放后该成员可以修改本期评分；原因将记入审计记录。</p>
        <ReasonField id={`reopen-reason-${props.raterId}`} label="原因" rows={3} action={action} />
        {action.error && <ErrorBanner message={action.error} />}
      </ConfirmDialog>
    </>
  );
};
