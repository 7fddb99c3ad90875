/**
 * An action that takes a written reason (returning an item, reassigning a rater, reopening a
 * sheet, recomputing a draft, publishing a correction): the reason is checked before the call, the
 * API's `body.reason` problem is shown at the field (`ReasonField`) and any other refusal beside
 * the action, and the action stays busy while the call runs. One implementation for every page.
 */
import { useState } from 'preact/hooks';
import { toApiError } from './use-resource';

export const useReasonedAction = <T>(options: {
  initialReason?: string;
  /** The message when the reason is required and too short; undefined: the reason is optional. */
  tooShort: string | undefined;
  /** The fewest characters of a required reason (as the API asks); 4 unless told. */
  minLength?: number;
  run: (reason: string) => Promise<T>;
  onDone: (result: T) => void;
}) => {
  const [reason, setReason] = useState(options.initialReason ?? '');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setError(null);
    if (options.tooShort && reason.trim().length < (options.minLength ?? 4)) {
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

export type ReasonedAction = ReturnType<typeof useReasonedAction>;
