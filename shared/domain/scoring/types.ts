/**
 * Internal model of the engine: a scenario compiled into exact integers, ready to score. Operands that
 * appear in explanations are formatted once here rather than once per period.
 */
import type { Band, CompletionStatus, Direction, Measure, Period } from '../../schemas/scenario';

/** Percent of `W` that each grade band of a rating is worth. */
export type BandTable = Readonly<Record<Band, number>>;

/** A scoring rule with its parameters as scaled integers (values ×10^4, points in cents) and as text. */
export type CompiledRule =
  | { type: 'threshold'; target: number; targetText: string }
  | { type: 'linear'; target: number; targetText: string; floor: number; floorText: string }
  | {
      type: 'step';
      target: number;
      targetText: string;
      s: number;
      sText: string;
      pCents: number;
      pText: string;
      mode: 'proportional' | 'ceil';
    }
  | { type: 'count'; pCents: number; pText: string }
  | { type: 'completion'; lateFactor: number }
  | { type: 'rating'; scale: 'points' | 'bands'; bands: BandTable }
  | { type: 'deduction' };

/** One leaf indicator of one unit's agreement. */
export interface CompiledLeaf {
  code: string;
  name: string;
  dimension: string;
  dimensionIndex: number;
  wCents: number;
  /** `W` as an operand ('15') and as a score ('15.00'). */
  wText: string;
  wScore: string;
  measure: Measure;
  direction: Direction;
  rule: CompiledRule;
  /** Assessed periods, in calendar order, without duplicates. */
  periods: readonly Period[];
  ruleText: string;
  /** The leaf as another revision of the agreement scores it in some periods (same rule type). */
  byPeriod?: Partial<Record<Period, CompiledLeaf>>;
}

/**
 * A rater's mark: cents on the points scale, percent of `W` on the band scale. Band tables are
 * strictly decreasing, so a percent names its band and equal marks read alike whoever gave them.
 */
export type Mark = number;

/**
 * What one fact contributes to one leaf period, already parsed for that leaf's rule. A verified value
 * (scaled; for `count` the number of occurrences) is kept as a bare number: it is the common case, and
 * a municipal year has a hundred thousand of them.
 */
export type PeriodInput =
  | number
  | { kind: 'missing' }
  | { kind: 'unverified'; reported: string | null }
  | { kind: 'completion'; status: CompletionStatus }
  | { kind: 'ratings'; marks: Mark[] }
  /** The figure of the last completed review stage (初审/复审/审定), which replaces the rule's score. */
  | { kind: 'staged'; cents: number; explanation: string };
