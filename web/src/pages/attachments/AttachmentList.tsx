/**
 * The files of one owner (现场照片, 整改佐证, 佐证材料): each opens from a short-lived link in the
 * page's viewer (PDF, images) or downloads; while the owner is open its writer adds and removes them.
 */
import { useState } from 'preact/hooks';
import type { Column } from '../../components/DataTable';
import { StoredFileList } from '../../components/StoredFileList';
import { useResource } from '../../use-resource';
import {
  ACCEPT_EVIDENCE,
  ACCEPT_PHOTOS,
  FilePicker,
  UploadLines,
  useAttachmentUploads,
} from './AttachmentUpload';
import { type AttachmentOwner, attachmentsApi } from './attachments-api';

interface Props {
  owner: AttachmentOwner;
  title: string;
  /** The writer, while the owner is open: may add and remove files. */
  editable?: boolean;
  accept?: string;
}

/** 查看照片 / 查看材料: a disclosure button that shows the owner's files below it. */
export const AttachmentsToggle = ({ label, ...props }: Props & { label: string }) => {
  const [shown, setShown] = useState(false);
  return (
    <div class="stack">
      <button type="button" class="button" aria-expanded={shown} onClick={() => setShown(!shown)}>
        {shown ? `收起${props.title}` : label}
      </button>
      {shown && <AttachmentList {...props} />}
    </div>
  );
};

const COLUMN = {
  photos: { header: '现场照片', label: '查看照片', accept: ACCEPT_PHOTOS },
  evidence: { header: '佐证材料', label: '查看材料', accept: ACCEPT_EVIDENCE },
} as const;

/** A table column whose cells open each row's photos (查看照片) or evidence files (查看材料). */
export const attachmentsColumn = <T,>(
  what: keyof typeof COLUMN,
  owner: (row: T) => AttachmentOwner,
  editable: (row: T) => boolean = () => false,
): Column<T> => ({
  header: COLUMN[what].header,
  render: (row) => (
    <AttachmentsToggle
      label={COLUMN[what].label}
      title={COLUMN[what].header}
      owner={owner(row)}
      editable={editable(row)}
      accept={COLUMN[what].accept}
    />
  ),
});

export const AttachmentList = ({ owner, title, editable = false, accept = ACCEPT_EVIDENCE }: Props) => {
  const [files, reload] = useResource(() => attachmentsApi.list(owner), [owner.kind, owner.id]);
  const uploads = useAttachmentUploads();
  const key = `att-${owner.kind}-${owner.id}`;

  return (
    <div class="evidence stack">
      <p class="evidence-title" id={`${key}-title`}>
        <strong>{title}</strong>
      </p>
      {files.status === 'loading' && <p class="muted">正在加载{title}…</p>}
      {files.status === 'error' && (
        <p class="field-error" role="alert">
          {files.error.message}
        </p>
      )}
      {files.status === 'ready' &&
        (files.data.length === 0 ? (
          <p class="muted">没有{title}</p>
        ) : (
          <StoredFileList
            files={files.data}
            link={(fileId) => attachmentsApi.link(owner, fileId)}
            remove={(fileId) => attachmentsApi.remove(owner, fileId)}
            onRemoved={reload}
            editable={editable}
            labelledBy={`${key}-title`}
            showUploader
            removeTitle={`删除${title}`}
            removeText={(file) => <p>删除“{file.name}”？删除后如需要须重新上传。</p>}
          />
        ))}
      {editable && (
        <FilePicker
          id={`${key}-input`}
          label={`上传${title}`}
          accept={accept}
          files={[]}
          busy={uploads.busy}
          onChange={(chosen) =>
            void uploads.run(owner, chosen).then(() => {
              uploads.clearDone();
              reload();
            })
          }
        />
      )}
      <UploadLines lines={uploads.lines} label={`${title}上传进度`} />
    </div>
  );
};
