/**
 * The totals a city's progress page shows above its pages: of the units with an agreement, how many
 * have submitted the period, how many not yet, and how many of those are overdue (their deadline,
 * the period's close or their extension's end, has passed). Counted from one small record per unit
 * (the period submissions and extensions) and the year's agreement count, never from the items.
 */
import type { Extension, PeriodSubmission, ProgressTotals } from '../../schemas/submission';

export const progressTotals = (input: {
  /** Units with an agreement of the year (the agreement counter). */
  units: number;
  closesAt: string;
  submissions: readonly Pick<PeriodSubmission, 'unitId'>[];
  extensions: readonly Pick<Extension, 'unitId' | 'untilAt'>[];
  now: Date;
}): ProgressTotals => {
  const submitted = new Set(input.submissions.map((s) => s.unitId));
  const notSubmitted = Math.max(0, input.units - submitted.size);
  const passed = (at: string) => Date.parse(at) < input.now.getTime();
  // Unsubmitted units past the period's close (windowState: open up to and at closesAt), less those
  // whose extension still runs.
  const extended = input.extensions.filter((e) => !submitted.has(e.unitId) && !passed(e.untilAt)).length;
  const overdue = passed(input.closesAt) ? Math.max(0, notSubmitted - extended) : 0;
  return { units: input.units, submitted: submitted.size, notSubmitted, overdue };
};
