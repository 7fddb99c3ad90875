/**
 * The notice of a review stage returning an item to the unit (docs/review-stages.md): its head and
 * reporters learn the indicator, the stage, the reason and where to act. Built here, written by the
 * caller inside the return's own transaction, like a submission item's return.
 */
import { PERIOD_NAMES } from '../domain/agreements/in-force';
import { REVIEW_STAGE_LABELS, type ReviewStage } from '../schemas/review-stages';
import type { Period } from '../schemas/year';
import type { Db } from './client';
import type { NewNotification } from './notification-repo';
import { notesForUnit } from './unit-notes';

export const reviewReturnNotes = (
  db: Db,
  item: { year: number; unitId: string; period: Period; code: string; name: string },
  returned: { stage: ReviewStage; reason: string; byName: string },
  at: Date,
): Promise<NewNotification[]> =>
  notesForUnit(
    db,
    item.unitId,
    at,
    {
      kind: 'returned',
      title: `${PERIOD_NAMES[item.period]}自评${REVIEW_STAGE_LABELS[returned.stage]}退回：${item.name}`,
      body: `${returned.byName}在${REVIEW_STAGE_LABELS[returned.stage]}中退回了指标“${item.code} ${item.name}”，原因：${returned.reason}。请修改自评后由单位负责人重新提交。`,
      link: `/reviews?year=${item.year}&period=${item.period}`,
    },
    ['reporter', 'unit_head'],
  );
