/** Self-assessment and staged review (docs/review-stages.md): the page's calls. */
import type { z } from '@hono/zod-openapi';
import type {
  DistanceReport,
  ReviewItem,
  ReviewStage,
  SelfAssessmentSchema,
} from '../../../../shared/schemas/review-stages';
import type { Period } from '../../api';
import { call } from '../../api';

export type SelfAssessment = z.infer<typeof SelfAssessmentSchema>;
export type { DistanceReport, ReviewItem, ReviewStage };

const seg = (v: string | number) => encodeURIComponent(String(v));
const unitPeriod = (year: number, unitId: string, period: Period) =>
  `/api/years/${seg(year)}/units/${seg(unitId)}/periods/${seg(period)}`;

export interface ScoreTrace {
  unitId: string;
  code: string;
  periods: {
    period: Period;
    reportedValue: number | string | boolean | null;
    narrative: string | null;
    verification: { value: unknown; comment: string; raterId: string; at: string } | null;
    files: { fileId: string; name: string }[];
    chain: string;
  }[];
}

export const reviewsApi = {
  selfAssessment: (year: number, unitId: string, period: Period) =>
    call<SelfAssessment>(`${unitPeriod(year, unitId, period)}/self-assessment`),
  saveSelf: (
    year: number,
    unitId: string,
    period: Period,
    code: string,
    body: { points?: number; note: string; version: number },
  ) => call<ReviewItem>(`${unitPeriod(year, unitId, period)}/self-assessment/${seg(code)}`, 'PUT', body),
  submitSelf: (year: number, unitId: string, period: Period) =>
    call<SelfAssessment>(`${unitPeriod(year, unitId, period)}/self-assessment/submit`, 'POST', {
      confirm: true,
    }),
  queue: (year: number, period: Period) =>
    call<ReviewItem[]>(`/api/years/${seg(year)}/periods/${seg(period)}/review-queue`),
  decide: (
    item: ReviewItem,
    year: number,
    body: { stage: ReviewStage; action: 'pass' | 'return'; points?: number; reason: string; version: number },
  ) =>
    call<ReviewItem>(`${unitPeriod(year, item.unitId, item.period)}/reviews/${seg(item.code)}`, 'POST', body),
  distance: (year: number) => call<DistanceReport>(`/api/years/${seg(year)}/review-distance`),
  trace: (year: number, unitId: string, code: string) =>
    call<ScoreTrace>(`/api/years/${seg(year)}/units/${seg(unitId)}/score-trace/${seg(code)}`),
};
