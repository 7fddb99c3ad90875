/** The calls of the scoring pages, on the shared `apiFetch`. Types only from the shared schemas. */

import type { z } from '@hono/zod-openapi';
import type {
  QueueItem,
  QueueSchema,
  RaterSheet,
  ScoreResultSchema,
  ScoringProgress,
} from '../../../../shared/schemas/scoring';
import type { Period } from '../../../../shared/schemas/year';
import { call as send } from '../../api';

export type { Period, QueueItem, RaterSheet, ScoringProgress };
export type Queue = z.infer<typeof QueueSchema>;
export type ScoreResult = z.infer<typeof ScoreResultSchema>;

export interface ScoreBody {
  version: number;
  verifiedValue?: number | string | boolean;
  completion?: 'on_time' | 'late' | 'not_done';
  occurrences?: number;
  points?: number;
  band?: '优' | '良' | '中' | '差';
  comment: string;
}

const seg = (value: string | number) => encodeURIComponent(String(value));
const scorePath = (year: number, unitId: string, period: Period, code: string) =>
  `/api/years/${seg(year)}/units/${seg(unitId)}/periods/${period}/scores/${seg(code)}`;

export const scoringApi = {
  queue: (year: number, period: Period) =>
    send<Queue>(`/api/years/${seg(year)}/periods/${period}/scoring-queue`),
  score: (year: number, unitId: string, period: Period, code: string, body: ScoreBody) =>
    send<ScoreResult>(scorePath(year, unitId, period, code), 'PUT', body, { keepalive: true }),
  /** Returning an item is the submissions' review (one route for the transition, audited there). */
  returnItem: (year: number, unitId: string, period: Period, code: string, reason: string, version: number) =>
    send<unknown>(
      `/api/years/${seg(year)}/units/${seg(unitId)}/periods/${period}/items/${seg(code)}/review`,
      'POST',
      { decision: 'return', reason, version },
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
