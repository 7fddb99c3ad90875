/**
 * The calls of the submission, progress and notification pages, on the shared `apiFetch` (token,
 * one error type). Types only from the shared schemas: no zod in the bundle.
 */
import type {
  DownloadLink,
  EvidenceFile,
  Extension,
  ItemWrite,
  NotificationList,
  Progress,
  ProgressPage,
  Review,
  SubmissionItem,
  SubmitResult,
  UploadRequest,
  UploadTicket,
  Worksheet,
} from '../../../../shared/schemas/submission';
import type { Period } from '../../../../shared/schemas/year';
import { queryString, call as send } from '../../api';

export type {
  EvidenceFile,
  Extension,
  NotificationList,
  Period,
  Progress,
  ProgressPage,
  SubmissionItem,
  SubmitResult,
  UploadTicket,
  Worksheet,
};
export type WorksheetRow = Worksheet['rows'][number];
export type ReportedValue = SubmissionItem['value'];

const seg = (value: string | number) => encodeURIComponent(String(value));
const unitPeriod = (year: number, unitId: string, period: Period) =>
  `/api/years/${seg(year)}/units/${seg(unitId)}/periods/${period}`;
const item = (year: number, unitId: string, period: Period, code: string) =>
  `${unitPeriod(year, unitId, period)}/items/${seg(code)}`;

export interface Ref {
  year: number;
  unitId: string;
  period: Period;
}

export const submissionsApi = {
  worksheet: (r: Ref) => send<Worksheet>(`${unitPeriod(r.year, r.unitId, r.period)}/worksheet`),
  save: (r: Ref, code: string, body: ItemWrite) =>
    send<SubmissionItem>(item(r.year, r.unitId, r.period, code), 'PUT', body, { keepalive: true }),
  /** The key is made once per user action and reused on retries: the server writes once. */
  submit: (r: Ref, idempotencyKey: string) =>
    send<SubmitResult>(
      `${unitPeriod(r.year, r.unitId, r.period)}/submission`,
      'POST',
      {},
      { headers: { 'idempotency-key': idempotencyKey } },
    ),
  review: (r: Ref, code: string, body: Review) =>
    send<SubmissionItem>(`${item(r.year, r.unitId, r.period, code)}/review`, 'POST', body),
  requestUpload: (r: Ref, code: string, file: UploadRequest) =>
    send<UploadTicket>(`${item(r.year, r.unitId, r.period, code)}/files`, 'POST', file),
  completeUpload: (r: Ref, code: string, fileId: string) =>
    send<EvidenceFile>(`${item(r.year, r.unitId, r.period, code)}/files/${seg(fileId)}/complete`, 'POST'),
  removeFile: (r: Ref, code: string, fileId: string) =>
    send<void>(`${item(r.year, r.unitId, r.period, code)}/files/${seg(fileId)}`, 'DELETE'),
  link: (r: Ref, code: string, fileId: string) =>
    send<DownloadLink>(`${item(r.year, r.unitId, r.period, code)}/files/${seg(fileId)}/link`),
  grantExtension: (r: Ref, until: string, reason: string) =>
    send<Extension>(`${unitPeriod(r.year, r.unitId, r.period)}/extension`, 'PUT', { until, reason }),
  revokeExtension: (r: Ref) => send<void>(`${unitPeriod(r.year, r.unitId, r.period)}/extension`, 'DELETE'),
  progress: (year: number, period: Period, query = '') =>
    send<Progress>(`/api/years/${seg(year)}/periods/${period}/progress${query}`),
  /** A page of units of the progress matrix (a city's), with the year's totals. */
  progressPage: (
    year: number,
    period: Period,
    query: { categoryId?: string; search?: string; pageSize: number; cursor?: string | undefined },
  ) => send<ProgressPage>(`/api/years/${seg(year)}/periods/${period}/progress-pages?${queryString(query)}`),
  notifications: () => send<NotificationList>('/api/notifications'),
  markRead: (id: string) => send<void>(`/api/notifications/${seg(id)}/read`, 'POST'),
  markAllRead: () => send<{ marked: number }>('/api/notifications/read-all', 'POST'),
};
