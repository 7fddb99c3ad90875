/** The calls of the scoring pages, on the shared `apiFetch`. Types only from the shared schemas. */

import type { z } from '@hono/zod-openapi';
import type {
  AuditEntry,
  Queue,
  QueueItem,
  QueuePage,
  RaterSheet,
  ScoreResultSchema,
  ScoreWriteSchema,
  ScoringProgress,
} from '../../../../shared/schemas/scoring';
import type { DownloadLink } from '../../../../shared/schemas/submission';
import type { Period } from '../../../../shared/schemas/year';
import { call as send } from '../../api';

export type { AuditEntry, Period, Queue, QueueItem, QueuePage, RaterSheet, ScoringProgress };
export type ScoreResult = z.infer<typeof ScoreResultSchema>;

/** A score write as sent (`comment` defaults to empty). */
export type ScoreBody = z.input<typeof ScoreWriteSchema>;

const seg = (value: string | number) => encodeURIComponent(String(value));
const scorePath = (year: number, unitId: string, period: Period, code: string) =>
  `/api/years/${seg(year)}/units/${seg(unitId)}/periods/${period}/scores/${seg(code)}`;

export const scoringApi = {
  queue: (year: number, period: Period) =>
    send<Queue>(`/api/years/${seg(year)}/periods/${period}/scoring-queue`),
  /** A page of the queue by units (a city's rater); `totals` come with the first page. */
  queuePage: (year: number, period: Period, pageSize: number, cursor?: string) =>
    send<QueuePage>(
      `/api/years/${seg(year)}/periods/${period}/scoring-queue-pages?pageSize=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    ),
  score: (year: number, unitId: string, period: Period, code: string, body: ScoreBody) =>
    send<ScoreResult>(scorePath(year, unitId, period, code), 'PUT', body, { keepalive: true }),
  /** Returning an item is the submissions' review (one route for the transition, audited there). */
  returnItem: (year: number, unitId: string, period: Period, code: string, reason: string, version: number) =>
    send<unknown>(
      `/api/years/${seg(year)}/units/${seg(unitId)}/periods/${period}/items/${seg(code)}/review`,
      'POST',
      { decision: 'return', reason, version },
    ),
  /** A short-lived link to one evidence file of an item (PDF and images open in the page's viewer). */
  fileLink: (year: number, unitId: string, period: Period, code: string, fileId: string) =>
    send<DownloadLink>(
      `/api/years/${seg(year)}/units/${seg(unitId)}/periods/${period}/items/${seg(code)}/files/${seg(fileId)}/link`,
    ),
  /** One item's score history (the audit trail, narrowed by the server to what the caller may read). */
  history: (year: number, unitId: string, period: Period, code: string) =>
    send<AuditEntry[]>(
      `/api/years/${seg(year)}/units/${seg(unitId)}/audit?period=${period}&code=${encodeURIComponent(code)}`,
    ),
  finalize: (year: number, period: Period) =>
    send<RaterSheet>(`/api/years/${seg(year)}/periods/${period}/sheet/finalize`, 'POST', { confirm: true }),
  progress: (year: number, period: Period) =>
    send<ScoringProgress>(`/api/years/${seg(year)}/periods/${period}/scoring-progress`),
  reopen: (year: number, period: Period, raterId: string, reason: string) =>
    send<RaterSheet>(
      `/api/years/${seg(year)}/periods/${period}/raters/${seg(raterId)}/sheet/reopen`,
      'POST',
      {
        reason,
      },
    ),
};
