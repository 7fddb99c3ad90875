/**
 * What the assignment page works out from plain data: the units and indicators of each category
 * in a period, who is assigned to a cell (category × indicator), 回避 conflicts, and the groups a
 * copy of the previous period's assignments posts. No requests here.
 */
import type { AgreementSummary } from '../../../../shared/schemas/agreement';
import type { User } from '../../../../shared/schemas/org';
import type { TemplateLeaf, TemplateView } from '../../../../shared/schemas/template';
import type { Assignment, Period } from './assignments-api';

export interface CategoryPlan {
  categoryId: string;
  name: string;
  /** Units with a signed agreement (only they are scored). */
  units: { unitId: string; unitName: string }[];
  /** Leaves assessed in the period that someone scores (deductions come from inspections). */
  leaves: TemplateLeaf[];
}

export const PERIOD_ORDER: Period[] = ['Q1', 'Q2', 'Q3', 'Q4'];

/** Each category's signed units and its indicators scored in `period`. */
export const planOf = (
  agreements: readonly AgreementSummary[],
  templates: readonly (TemplateView | null)[],
  period: Period,
): CategoryPlan[] =>
  templates
    .filter((t): t is TemplateView => t !== null)
    .map((t) => ({
      categoryId: t.categoryId,
      name: t.categoryName,
      units: agreements
        .filter((a) => a.categoryId === t.categoryId && (a.state === 'signed' || a.state === 'locked'))
        .map((a) => ({ unitId: a.unitId, unitName: a.unitName })),
      leaves: t.dimensions
        .flatMap((d) => d.leaves)
        .filter((l) => l.periods.includes(period) && l.rule.type !== 'deduction'),
    }))
    .filter((c) => c.leaves.length > 0);

/** The raters assigned to `code` in these units, with how many of the units each has. */
export const cellRaters = (
  assignments: readonly Assignment[],
  code: string,
  unitIds: readonly string[],
): { raterId: string; units: number }[] => {
  const counts = new Map<string, number>();
  for (const a of assignments) {
    if (a.code === code && unitIds.includes(a.unitId))
      counts.set(a.raterId, (counts.get(a.raterId) ?? 0) + 1);
  }
  return [...counts].map(([raterId, units]) => ({ raterId, units }));
};

/** The units among `unitIds` a rater must not score (回避: affiliated with them). */
export const conflictsOf = (rater: Pick<User, 'affiliatedUnitIds'>, unitIds: readonly string[]): string[] =>
  unitIds.filter((u) => rater.affiliatedUnitIds.includes(u));

/** The previous period, or null for Q1. */
export const previousPeriod = (period: Period): Period | null =>
  PERIOD_ORDER[PERIOD_ORDER.indexOf(period) - 1] ?? null;

/** Last period's assignments as one request each (indicator × rater → its units). */
export const copyGroups = (
  previous: readonly Assignment[],
): { code: string; raterId: string; unitIds: string[] }[] => {
  const groups = new Map<string, { code: string; raterId: string; unitIds: string[] }>();
  for (const a of previous) {
    const key = `${a.code}|${a.raterId}`;
    const group = groups.get(key) ?? { code: a.code, raterId: a.raterId, unitIds: [] };
    group.unitIds.push(a.unitId);
    groups.set(key, group);
  }
  return [...groups.values()];
};
