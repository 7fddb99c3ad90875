/**
 * The evidence files of one indicator: the checked files (view or download with a short-lived
 * link; remove before submission) and the uploads in progress, each with a progress bar, its stage,
 * and a retry button when it failed.
 */
import { useRef, useState } from 'preact/hooks';
import { StoredFileList } from '../../components/StoredFileList';
import { toApiError } from '../../use-resource';
import { type EvidenceFile, type Ref, submissionsApi } from './submissions-api';
import { precheck, type UploadStage, uploadEvidence } from './upload';

interface Upload {
  id: number;
  file: File;
  stage: UploadStage | 'failed';
  progress: number;
  error?: string;
}

const STAGE_TEXT: Record<UploadStage, string> = {
  hashing: '正在计算校验值…',
  signing: '正在申请上传…',
  uploading: '正在上传',
  checking: '正在校验文件内容…',
};

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,application/pdf,image/jpeg,image/png';

interface FileListProps {
  refs: Ref;
  code: string;
  indicatorName: string;
  files: EvidenceFile[];
  editable: boolean;
  onChange: (files: EvidenceFile[]) => void;
}

let nextUploadId = 1;

export const FileList = ({ refs, code, indicatorName, files, editable, onChange }: FileListProps) => {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const current = useRef(files);
  current.current = files;

  const patch = (id: number, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.id === id ? { ...u, ...change } : u)));

  const start = async (upload: Upload) => {
    const refused = precheck(upload.file);
    if (refused) return patch(upload.id, { stage: 'failed', error: refused });
    patch(upload.id, { stage: 'hashing', progress: 0, error: undefined });
    try {
      const stored = await uploadEvidence(refs, code, upload.file, (stage, progress) =>
        patch(upload.id, { stage, progress }),
      );
      setUploads((list) => list.filter((u) => u.id !== upload.id));
      onChange([...current.current, stored]);
    } catch (e) {
      patch(upload.id, { stage: 'failed', error: toApiError(e).message });
    }
  };

  const choose = (list: FileList | null) => {
    const added = [...(list ?? [])].map(
      (file): Upload => ({ id: nextUploadId++, file, stage: 'hashing', progress: 0 }),
    );
    setUploads((existing) => [...existing, ...added]);
    for (const upload of added) void start(upload);
    if (input.current) input.current.value = '';
  };

  const inputId = `files-${code}`;
  return (
    <div class="evidence">
      <h4 class="evidence-title" id={`${inputId}-title`}>
        佐证材料
      </h4>
      {files.length === 0 && uploads.length === 0 && <p class="muted">尚未上传材料</p>}
      <StoredFileList
        files={files}
        link={(fileId) => submissionsApi.link(refs, code, fileId)}
        remove={(fileId) => submissionsApi.removeFile(refs, code, fileId)}
        onRemoved={(removed) => onChange(current.current.filter((f) => f.fileId !== removed.fileId))}
        editable={editable}
        labelledBy={`${inputId}-title`}
        removeTitle="删除材料"
        removeText={(file) => (
          <p>
            删除“{indicatorName}”的材料“{file.name}”？删除后如需要须重新上传。
          </p>
        )}
      >
        {uploads.map((upload) => (
          <li key={upload.id} class="file-row upload-row" data-stage={upload.stage}>
            <span class="file-name">{upload.file.name}</span>
            {upload.stage === 'failed' ? (
              <>
                <span class="field-error" role="alert">
                  上传失败：{upload.error}
                </span>
                <span class="upload-actions">
                  <button type="button" class="button" onClick={() => void start(upload)}>
                    重试<span class="visually-hidden">{upload.file.name}</span>
                  </button>
                  <button
                    type="button"
                    class="button button-quiet"
                    onClick={() => setUploads((list) => list.filter((u) => u.id !== upload.id))}
                  >
                    取消<span class="visually-hidden">{upload.file.name}</span>
                  </button>
                </span>
              </>
            ) : (
              <>
                <progress
                  max={100}
                  value={Math.round(upload.progress * 100)}
                  aria-label={`${upload.file.name} 上传进度`}
                />
                <span class="muted nowrap" aria-live="polite">
                  {STAGE_TEXT[upload.stage]}
                  {upload.stage === 'uploading' ? ` ${Math.round(upload.progress * 100)}%` : ''}
                </span>
              </>
            )}
          </li>
        ))}
      </StoredFileList>
      {editable && (
        <div class="file-picker">
          <input
            id={inputId}
            ref={input}
            class="visually-hidden"
            type="file"
            multiple
            accept={ACCEPT}
            aria-describedby={`${inputId}-hint`}
            onChange={(e) => choose(e.currentTarget.files)}
          />
          {/* After the input, so `input:focus-visible + label` shows the keyboard focus on it. */}
          <label for={inputId} class="button">
            上传材料
          </label>
          <p id={`${inputId}-hint`} class="hint">
            PDF、JPEG/PNG 图片、Word（DOCX）、Excel（XLSX），每个不超过 50 MB
          </p>
        </div>
      )}
    </div>
  );
};
