/**
 * Autosave for a form: an edit is saved after a short pause, and at once when focus leaves the form,
 * when the form unmounts (another item, another page) or when the page is hidden. Saves run one
 * after another, so a later edit never overtakes an earlier one. The visible state is one of
 * 保存中 / 已保存 / 保存失败 (with a retry), and the form is known to `leave-guard`.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { guardUnsaved } from './leave-guard';

export type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'error';

export const SAVE_STATE_LABELS: Record<SaveState, string> = {
  idle: '',
  dirty: '待保存',
  saving: '保存中',
  saved: '已保存',
  error: '保存失败',
};

export const AUTOSAVE_MS = 600;

interface AutosaveOptions<D> {
  /** Saves a draft; answers the state it ended in ('error' after showing why, 'idle' if nothing to save). */
  save: (draft: D) => Promise<SaveState>;
  initial: SaveState;
  /** An edit kept from before (a failed save when the form was left): what 重试 sends. */
  initialDraft?: D | undefined;
  /** Told every change of state (e.g. to show it in a list beside the form). */
  onState?: (state: SaveState) => void;
}

export const useAutosave = <D>({ save, initial, initialDraft, onState }: AutosaveOptions<D>) => {
  const [state, setStateValue] = useState<SaveState>(initial);
  const current = useRef(state);
  // The callbacks change every render; the timers and the unmount clean-up use the newest.
  const options = useRef({ save, onState });
  options.current = { save, onState };
  const pending = useRef<{ draft: D } | null>(null);
  const latest = useRef<{ draft: D } | null>(initialDraft === undefined ? null : { draft: initialDraft });
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const chain = useRef<Promise<void>>(Promise.resolve());

  const setState = (next: SaveState) => {
    current.current = next;
    setStateValue(next);
    options.current.onState?.(next);
  };

  const run = (draft: D): Promise<void> => {
    setState('saving');
    chain.current = chain.current.then(async () => {
      try {
        const ended = await options.current.save(draft);
        // A newer edit waiting for its turn keeps the form 待保存.
        if (!pending.current) setState(ended);
      } catch {
        setState('error');
      }
    });
    return chain.current;
  };

  /** Sends the waiting edit now (if any); resolves when every save so far has answered. */
  const flush = (): Promise<void> => {
    clearTimeout(timer.current);
    const waiting = pending.current;
    if (!waiting) return chain.current;
    pending.current = null;
    return run(waiting.draft);
  };

  /** Records an edit; it is saved after a pause unless flushed sooner. */
  const change = (draft: D) => {
    pending.current = { draft };
    latest.current = { draft };
    setState('dirty');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
  };

  /** Saves the latest edit again (after a failure or a resolved conflict). */
  const retry = (): Promise<void> => {
    clearTimeout(timer.current);
    pending.current = null;
    return latest.current ? run(latest.current.draft) : chain.current;
  };

  /** Ends in `state` without saving (e.g. the user took the version saved meanwhile). */
  const settle = (state: SaveState) => {
    clearTimeout(timer.current);
    pending.current = null;
    setState(state);
  };

  useEffect(() => {
    const unguard = guardUnsaved({
      level: () => {
        const s = current.current;
        return s === 'error' ? 'failed' : s === 'dirty' || s === 'saving' ? 'pending' : 'none';
      },
      flush: () => void flush(),
    });
    return () => {
      // Moving to another item or page sends the edit; the save outlives the form.
      void flush();
      unguard();
    };
  }, []);

  return { state, change, flush, retry, settle };
};
