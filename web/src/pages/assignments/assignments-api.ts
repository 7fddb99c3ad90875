/** The calls of the rater-assignment page (评分分派), on the shared `call`. Types from the shared schemas. */
import type { z } from '@hono/zod-openapi';
import type { Assignment, AssignResultSchema, AssignWrite } from '../../../../shared/schemas/scoring';
import type { Period } from '../../../../shared/schemas/year';
import { call } from '../../api';

export type { Assignment, AssignWrite, Period };
export type AssignResult = z.infer<typeof AssignResultSchema>;

const seg = (value: string | number) => encodeURIComponent(String(value));

export const assignmentsApi = {
  list: (year: number, period: Period) =>
    call<Assignment[]>(`/api/years/${seg(year)}/assignments?period=${period}`),
  assign: (year: number, body: AssignWrite) =>
    call<AssignResult>(`/api/years/${seg(year)}/assignments`, 'POST', body),
  reassign: (
    year: number,
    body: {
      period: Period;
      unitId: string;
      code: string;
      fromRaterId: string;
      toRaterId: string;
      reason: string;
    },
  ) => call<Assignment>(`/api/years/${seg(year)}/assignments/reassign`, 'POST', body),
};
