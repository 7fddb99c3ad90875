/**
 * Shows a PDF or an image in the page, from a short-lived presigned link (other types download).
 * A native modal `<dialog>`: the browser traps focus; Escape or 关闭 returns to the file's button.
 */
import { useEffect, useRef } from 'preact/hooks';

export interface Viewing {
  name: string;
  url: string;
  contentType: string;
}

export const FileViewer = ({ viewing, onClose }: { viewing: Viewing | null; onClose: () => void }) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (viewing && !element.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
    } else if (!viewing && element.open) {
      element.close();
      opener.current?.focus();
    }
  }, [viewing]);
  return (
    <dialog
      ref={dialog}
      class="dialog evidence-viewer"
      aria-label={viewing ? `查看材料：${viewing.name}` : '查看材料'}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      // Escape closes the viewer only, not a panel or sheet the viewer was opened from.
      onKeyDown={(event) => {
        if (event.key === 'Escape') event.stopPropagation();
      }}
    >
      {viewing && (
        <>
          <div class="viewer-head">
            <h2 class="viewer-title">{viewing.name}</h2>
            <button type="button" class="button" onClick={onClose}>
              关闭
            </button>
          </div>
          {viewing.contentType.startsWith('image/') ? (
            <img class="viewer-body" src={viewing.url} alt={viewing.name} />
          ) : (
            <iframe class="viewer-body" src={viewing.url} title={viewing.name} />
          )}
          <p class="hint">
            链接 5 分钟内有效。
            <a href={viewing.url} target="_blank" rel="noopener noreferrer">
              在新窗口打开
            </a>
          </p>
        </>
      )}
    </dialog>
  );
};
