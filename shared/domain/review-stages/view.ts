/** The self-assessment and review pages' view of a unit's period: one row per indicator. */
import type { ReviewItem, StageReview } from '../../schemas/review-stages';
import type { Leaf, Value } from '../../schemas/scenario';
import type { Period } from '../../schemas/year';
import { wCentsOf } from '../scoring-workflow';
import { chainText, previousFigure } from './review';
import { liveSelfScore } from './self-score';

export interface UnitPeriodReviews {
  unitId: string;
  unitName: string;
  period: Period;
  leaves: readonly Leaf[];
  reported: ReadonlyMap<string, Value | null>;
  reviews: ReadonlyMap<string, StageReview>;
}

/** One row per leaf of the period, in agreement order, with the live self score and the chain. */
export const reviewItems = (p: UnitPeriodReviews, only?: (code: string) => boolean): ReviewItem[] =>
  p.leaves
    .filter((leaf) => !only || only(leaf.code))
    .map((leaf) => {
      const reportedValue = p.reported.get(leaf.code) ?? null;
      const live = liveSelfScore(leaf, reportedValue);
      const review = p.reviews.get(leaf.code) ?? null;
      return {
        unitId: p.unitId,
        unitName: p.unitName,
        period: p.period,
        code: leaf.code,
        name: leaf.name,
        rule: leaf.rule.type,
        wCents: wCentsOf(leaf),
        reportedValue,
        liveSelfCents: live?.cents ?? null,
        liveExplanation: live?.explanation ?? null,
        review,
        previousCents: review ? previousFigure(review) : null,
        chain: chainText(review),
      };
    });
