/**
 * Attachments of an inspection (现场照片), a rectification order (整改佐证) or a proposal (佐证材料):
 * the calls of shared/http/routes/attachments.ts, and one file's upload through the same presigned
 * POST as quarter-end evidence (../submissions/upload.ts).
 */
import type {
  Attachment,
  AttachmentOwnerKind,
  AttachmentTicket,
} from '../../../../shared/schemas/attachment';
import type { DownloadLink } from '../../../../shared/schemas/submission';
import { seg, send } from '../inspections/inspections-api';
import { type UploadStage, uploadFile } from '../submissions/upload';

export type { Attachment, AttachmentOwnerKind };

/** What the files belong to. */
export interface AttachmentOwner {
  year: number;
  unitId: string;
  kind: AttachmentOwnerKind;
  id: string;
}

const base = (o: AttachmentOwner) =>
  `/api/years/${seg(o.year)}/units/${seg(o.unitId)}/attachments/${o.kind}/${seg(o.id)}`;

export const attachmentsApi = {
  list: (o: AttachmentOwner) => send<Attachment[]>(base(o)),
  requestUpload: (
    o: AttachmentOwner,
    file: { name: string; size: number; contentType: string; sha256: string },
  ) => send<AttachmentTicket>(base(o), 'POST', file),
  complete: (o: AttachmentOwner, fileId: string) =>
    send<Attachment>(`${base(o)}/${seg(fileId)}/complete`, 'POST'),
  link: (o: AttachmentOwner, fileId: string) => send<DownloadLink>(`${base(o)}/${seg(fileId)}/link`),
  remove: (o: AttachmentOwner, fileId: string) => send<void>(`${base(o)}/${seg(fileId)}`, 'DELETE'),
};

/** Uploads one file to the owner: hash, sign, POST to storage, confirm. */
export const uploadAttachment = (
  owner: AttachmentOwner,
  file: File,
  report: (stage: UploadStage, progress: number) => void,
): Promise<Attachment> =>
  uploadFile(
    {
      requestUpload: (f) => attachmentsApi.requestUpload(owner, f),
      completeUpload: (fileId) => attachmentsApi.complete(owner, fileId),
    },
    file,
    report,
  );
