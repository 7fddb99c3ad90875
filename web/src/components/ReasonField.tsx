/** The written reason of a `useReasonedAction`: a required textarea with the reason's problem at it. */
import type { ReasonedAction } from '../use-reasoned-action';
import { Field } from './Field';

export const ReasonField = ({
  id,
  label,
  action,
  rows = 2,
  required = true,
}: {
  id: string;
  label: string;
  action: Pick<ReasonedAction, 'reason' | 'setReason' | 'reasonError'>;
  rows?: number;
  required?: boolean;
}) => (
  <Field id={id} label={label} required={required} error={action.reasonError}>
    {(control) => (
      <textarea
        {...control}
        rows={rows}
        value={action.reason}
        onInput={(e) => action.setReason(e.currentTarget.value)}
      />
    )}
  </Field>
);
