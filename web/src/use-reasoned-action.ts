/**
 * A confirmed action that takes a written reason (recomputing a draft, publishing a correction):
 * the reason is checked before the call, the API's `body.reason` problem is shown at the field and
 * any other refusal in the dialog, and the dialog stays busy while the call runs.
 */
import { useState } from 'preact/hooks';
import { toApiError } from '../../use-resource';

export const useReasonedAction = <T>(options: {
  initialReason?: string;
  /** The message when the reason is required and shorter than 4 characters; undefined: optional. */
  tooShort: string | undefined;
  run: (reason: string) => Promise<T>;
  onDone: (result: T) => void;
}) => {
  const [reason, setReason] = useState(options.initialReason ?? '');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setError(null);
    if (options.tooShort && reason.trim().length < 4) {
      setReasonError(options.tooShort);
      return;
    }
    setReasonError(undefined);
    setBusy(true);
    try {
      options.onDone(await options.run(reason.trim()));
    } catch (e) {
      const apiError = toApiError(e);
      const detail = apiError.details.find((d) => d.path === 'body.reason');
      if (detail) setReasonError(detail.message);
      else setError(apiError.message);
    } finally {
      setBusy(false);
    }
  };

  return { reason, setReason, reasonError, error, busy, confirm };
};
