/**
 * Choosing files and uploading them to an owner (an inspection, a rectification order, a proposal)
 * one after another, with a status line per file. The forms choose files before the owner exists
 * and upload once it is created; a failed file says which and why, and the others still go.
 */
import { useRef, useState } from 'preact/hooks';
import { Field } from '../../components/Field';
import { toApiError } from '../../use-resource';
import { formatSize, precheck, type UploadStage } from '../submissions/upload';
import { type AttachmentOwner, uploadAttachment } from './attachments-api';

/** Photos (现场照片): images and PDF; `capture` is not forced, so the gallery stays available. */
export const ACCEPT_PHOTOS = 'image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf';
export const ACCEPT_EVIDENCE = `${ACCEPT_PHOTOS},.docx,.xlsx`;
export const EVIDENCE_HINT = 'PDF、JPEG/PNG 图片、Word（DOCX）、Excel（XLSX），每个不超过 50 MB';

export interface UploadLine {
  name: string;
  state: 'waiting' | UploadStage | 'done' | 'failed';
  progress: number;
  error?: string;
}

/** Uploads files in turn and keeps a line per file; `run` resolves to the failed ones. */
export const useAttachmentUploads = () => {
  const [lines, setLines] = useState<UploadLine[]>([]);
  const run = async (owner: AttachmentOwner, files: readonly File[]) => {
    setLines(files.map((f) => ({ name: f.name, state: 'waiting', progress: 0 })));
    const failed: { file: File; error: string }[] = [];
    for (const [k, file] of files.entries()) {
      const patch = (change: Partial<UploadLine>) =>
        setLines((list) => list.map((line, j) => (j === k ? { ...line, ...change } : line)));
      const refused = precheck(file);
      if (refused) {
        patch({ state: 'failed', error: refused });
        failed.push({ file, error: refused });
        continue;
      }
      try {
        await uploadAttachment(owner, file, (state, progress) => patch({ state, progress }));
        patch({ state: 'done', progress: 1 });
      } catch (e) {
        const error = toApiError(e).message;
        patch({ state: 'failed', error });
        failed.push({ file, error });
      }
    }
    return failed;
  };
  /** Drops the lines of files that arrived (they are listed with the owner's files now). */
  const clearDone = () => setLines((list) => list.filter((line) => line.state !== 'done'));
  /** Lines are patched by position: a second choice while these run would overwrite them. */
  const busy = lines.some((line) => line.state !== 'done' && line.state !== 'failed');
  return { lines, run, clearDone, busy };
};

const lineText = (line: UploadLine) => {
  if (line.state === 'done') return '已上传';
  if (line.state === 'checking') return '正在校验文件内容…';
  if (line.state === 'uploading') return `正在上传 ${Math.round(line.progress * 100)}%`;
  return line.state === 'waiting' ? '等待上传' : '正在准备上传…';
};

/** One status line per file: progress while it goes, 已上传, or 上传失败 with the reason. */
export const UploadLines = ({ lines, label }: { lines: UploadLine[]; label: string }) =>
  lines.length === 0 ? null : (
    <ul class="file-list" aria-label={label}>
      {lines.map((line, k) => (
        <li key={`${k}-${line.name}`} class="file-row upload-row" data-stage={line.state}>
          <span class="file-name">{line.name}</span>
          {line.state === 'failed' ? (
            <span class="field-error" role="alert">
              “{line.name}”上传失败：{line.error}
            </span>
          ) : (
            <>
              {line.state !== 'done' && (
                <progress
                  max={100}
                  value={Math.round(line.progress * 100)}
                  aria-label={`${line.name} 上传进度`}
                />
              )}
              <span class="muted nowrap" aria-live="polite">
                {lineText(line)}
              </span>
            </>
          )}
        </li>
      ))}
    </ul>
  );

interface PickerProps {
  id: string;
  label: string;
  hint?: string;
  accept?: string;
  files: readonly File[];
  onChange: (files: File[]) => void;
  /** While earlier files upload, choosing more waits. */
  busy?: boolean;
}

/** A labelled multi-file input; the chosen files are listed, each removable, until uploaded. */
export const FilePicker = ({
  id,
  label,
  hint = EVIDENCE_HINT,
  accept = ACCEPT_EVIDENCE,
  files,
  onChange,
  busy = false,
}: PickerProps) => {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div class="stack">
      <Field id={id} label={label} hint={busy ? '正在上传已选择的文件，完成后可继续选择' : hint}>
        {(p) => (
          <div class="file-picker">
            {/* The browser's own button speaks the browser's language: hidden, ours stands in for it. */}
            <input
              {...p}
              ref={input}
              class="visually-hidden"
              type="file"
              disabled={busy}
              multiple
              accept={accept}
              onChange={(e) => {
                onChange([...files, ...(e.currentTarget.files ?? [])]);
                // Cleared, so the same file can be chosen again after removing it.
                e.currentTarget.value = '';
              }}
            />
            {/* After the input, so `input:focus-visible + .button` shows the keyboard focus on it. */}
            <span class="button" aria-hidden="true" onClick={() => input.current?.click()}>
              选择文件
            </span>{' '}
            <span class="muted" aria-hidden="true">
              {files.length > 0 ? `已选择 ${files.length} 个文件` : '未选择文件'}
            </span>
          </div>
        )}
      </Field>
      {files.length > 0 && (
        <ul class="file-list" aria-label={`已选择的${label}`}>
          {files.map((file, k) => (
            <li key={`${k}-${file.name}`} class="file-row">
              <span class="file-name">{file.name}</span>
              <span class="muted nowrap">{formatSize(file.size)}</span>
              <button
                type="button"
                class="button button-quiet"
                onClick={() => onChange(files.filter((_, j) => j !== k))}
              >
                移除<span class="visually-hidden">{file.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};
