/**
 * Demo rater assignments matching the demo facts: each category's verifier (`VERIFIER`) verifies its
 * formula indicators, three raters (`ratersFor`, never one affiliated with the unit) rate its
 * `rating` indicators, in every period the indicator is assessed in. Deterministic, so seeding
 * twice writes the same items.
 */
import { listAgreements } from '../../shared/db/agreement-repo';
import { assignmentItems } from '../../shared/db/assignment-repo';
import type { Db } from '../../shared/db/client';
import { batchPut } from '../../shared/db/items';
import { isScored } from '../../shared/domain/results/agreement-to-scenario';
import type { Agreement } from '../../shared/schemas/agreement';
import type { Assignment } from '../../shared/schemas/scoring';
import { ratersFor, VERIFIER } from './demo-facts';

/** The assignments of a year, from its signed agreements. */
export const demoAssignments = async (db: Db, year: number): Promise<Assignment[]> =>
  assignmentsOf(await listAgreements(db, year), year);

/** The assignments of the given agreements (pure: the municipal seed has them in hand). */
export const assignmentsOf = (agreements: readonly Agreement[], year: number): Assignment[] => {
  const out: Assignment[] = [];
  for (const agreement of agreements.filter(isScored)) {
    for (const leaf of agreement.dimensions.flatMap((d) => d.leaves)) {
      if (leaf.rule.type === 'deduction') continue;
      const raters =
        leaf.rule.type === 'rating'
          ? ratersFor(agreement.unitId)
          : [VERIFIER[agreement.categoryId] ?? 'rater-jiceng'];
      for (const period of leaf.periods) {
        for (const raterId of raters) {
          out.push({
            year,
            period,
            unitId: agreement.unitId,
            code: leaf.code,
            raterId,
            assignedBy: 'admin',
            assignedAt: `${year}-01-10T09:00:00+08:00`,
            version: 1,
          });
        }
      }
    }
  }
  return out;
};

/** Seeds the year's assignments; returns how many items were written. */
export const seedDemoAssignments = async (db: Db, year: number): Promise<number> => {
  const assignments = await demoAssignments(db, year);
  await batchPut(db, assignmentItems(assignments));
  return assignments.length;
};
