/**
 * The stored files of one owner (an indicator's evidence, an inspection's photos, an order's or a
 * proposal's evidence): each opens from a short-lived link in the page's viewer (PDF, images) or
 * downloads; while the owner is open its writer removes them, confirming first. Evidence and
 * attachments upload differently (their rows in progress are passed as `children`), but list alike.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { DownloadLink } from '../../../shared/schemas/submission';
import { formatDateTime } from '../format';
import { formatSize } from '../pages/submissions/upload';
import { toApiError } from '../use-resource';
import { ConfirmDialog } from './ConfirmDialog';
import { FileViewer, type Viewing } from './FileViewer';

/** What the list shows of a file (evidence files and attachments both have it). */
export interface ListedFile {
  fileId: string;
  name: string;
  size: number;
  uploadedByName?: string;
  uploadedAt?: string;
}

interface Props<F extends ListedFile> {
  files: readonly F[];
  /** The calls of the file's owner: a short-lived link, and removal. */
  link: (fileId: string) => Promise<DownloadLink>;
  remove: (fileId: string) => Promise<unknown>;
  /** Called once a file is removed. */
  onRemoved: (file: F) => void;
  /** The writer, while the owner is open: may remove files. */
  editable: boolean;
  /** The id of the element naming the list. */
  labelledBy?: string;
  /** Shows who uploaded each file and when, besides its size. */
  showUploader?: boolean;
  /** The title and text of the removal's confirmation. */
  removeTitle: string;
  removeText: (file: F) => ComponentChildren;
  /** Further rows (uploads in progress). */
  children?: ComponentChildren;
}

export const StoredFileList = <F extends ListedFile>({
  files,
  link,
  remove,
  onRemoved,
  editable,
  labelledBy,
  showUploader = false,
  removeTitle,
  removeText,
  children,
}: Props<F>) => {
  const [viewing, setViewing] = useState<Viewing | null>(null);
  const [removing, setRemoving] = useState<F | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  /** PDFs and images open in the page's viewer; DOCX and XLSX download. */
  const open = async (file: F) => {
    setError(undefined);
    try {
      const answer = await link(file.fileId);
      if (answer.inline) setViewing({ name: answer.name, url: answer.url, contentType: answer.contentType });
      else location.assign(answer.url);
    } catch (e) {
      setError(toApiError(e).message);
    }
  };
  const confirmRemoval = async () => {
    if (!removing) return;
    setBusy(true);
    try {
      await remove(removing.fileId);
      onRemoved(removing);
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
      setRemoving(null);
    }
  };

  return (
    <>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      <ul class="file-list" aria-labelledby={labelledBy}>
        {files.map((file) => (
          <li key={file.fileId} class="file-row">
            <button type="button" class="link-button" onClick={() => void open(file)}>
              {file.name}
            </button>
            <span class={showUploader ? 'muted' : 'muted nowrap'}>
              {formatSize(file.size)}
              {showUploader && file.uploadedAt
                ? ` · ${file.uploadedByName ?? ''} ${formatDateTime(file.uploadedAt)}`
                : ''}
            </span>
            {editable && (
              <button type="button" class="button button-quiet" onClick={() => setRemoving(file)}>
                删除<span class="visually-hidden">{file.name}</span>
              </button>
            )}
          </li>
        ))}
        {children}
      </ul>
      <FileViewer viewing={viewing} onClose={() => setViewing(null)} />
      <ConfirmDialog
        open={removing !== null}
        title={removeTitle}
        confirmLabel="删除"
        busy={busy}
        onConfirm={() => void confirmRemoval()}
        onCancel={() => setRemoving(null)}
      >
        {removing && removeText(removing)}
      </ConfirmDialog>
    </>
  );
};
