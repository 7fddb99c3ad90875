/**
 * Asks before an irreversible action. A native modal `<dialog>` (the browser traps focus and
 * makes the page inert); focus starts on 取消, the safe choice, and returns to the button that
 * opened it. Escape cancels unless the action is already running.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  busy?: boolean;
  /** The confirm button refuses (aria-disabled) while something blocks the action. */
  confirmDisabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ComponentChildren;
}

export const ConfirmDialog = ({
  open,
  title,
  confirmLabel,
  busy = false,
  confirmDisabled = false,
  onConfirm,
  onCancel,
  children,
}: ConfirmDialogProps) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
      cancelButton.current?.focus();
    } else if (!open && element.open) {
      element.close();
      // The opener may be gone (the action changed the page): fall back to the main region.
      const target = opener.current?.isConnected ? opener.current : document.getElementById('main');
      target?.focus();
    }
  }, [open]);

  const cancel = () => {
    if (!busy) onCancel();
  };

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        cancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div id={bodyId} class="dialog-body">
        {children}
      </div>
      <div class="dialog-actions">
        {/* aria-disabled, not disabled: a disabled button would drop focus to <body> mid-action. */}
        <button ref={cancelButton} type="button" class="button" aria-disabled={busy} onClick={cancel}>
          取消
        </button>
        <button
          type="button"
          class="button button-primary"
          aria-disabled={busy || confirmDisabled}
          onClick={() => {
            if (!busy && !confirmDisabled) onConfirm();
          }}
        >
          {busy ? '正在处理…' : confirmLabel}
        </button>
      </div>
    </dialog>
  );
};
