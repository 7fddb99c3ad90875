/**
 * On a phone, the opened item (its materials and scoring panel) as a full-screen sheet over the
 * queue: a native modal `<dialog>` (the list behind is inert), ← 返回列表 or Escape closes it and the
 * page puts focus back on the item in the list; 上一项 / 下一项 walk the queue without leaving.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

interface Props {
  open: boolean;
  title: string;
  onClose: () => void;
  /** Called once the sheet has closed (the browser has just put focus back where it was when it opened). */
  onClosed: () => void;
  /** Absent at the first / last item. */
  onPrevious: (() => void) | undefined;
  onNext: (() => void) | undefined;
  children: ComponentChildren;
}

export const ScoreSheet = ({ open, title, onClose, onClosed, onPrevious, onNext, children }: Props) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      // Straight into the first field of the panel, as Enter does on a desk.
      element.querySelector<HTMLElement>('.score-panel input, .score-panel select')?.focus();
    } else if (!open && element.open) {
      element.close();
      onClosed();
    }
  }, [open]);
  return (
    <dialog
      ref={dialog}
      class="score-sheet"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <div class="sheet-head">
            <button type="button" class="button" onClick={onClose}>
              ← 返回列表
            </button>
            <h2 id={titleId}>{title}</h2>
          </div>
          {children}
          <div class="sheet-nav">
            <button type="button" class="button" disabled={!onPrevious} onClick={onPrevious}>
              上一项
            </button>
            <button type="button" class="button" disabled={!onNext} onClick={onNext}>
              下一项
            </button>
          </div>
        </>
      )}
    </dialog>
  );
};
