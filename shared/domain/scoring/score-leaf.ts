/** Scoring one leaf period on its own, e.g. to preview a score while a rater types a value. */
import type { z } from 'zod';
import { type Leaf, LeafSchema } from '../../schemas/scenario';
import { compileLeaf, readPoints } from './agreement';
import { InvalidScenarioError } from './errors';
import { type FactValues, readFact } from './facts';
import type { Problem } from './problems';
import { type PeriodScore, scoreDeduction, scorePeriodInput } from './rules';

/**
 * Scores one period of one leaf from its fact (or, for a `deduction` leaf, its approved deductions).
 * Throws `InvalidScenarioError` when the leaf or the fact cannot be scored.
 * @example scoreLeafPeriod(leaf, { verified: true, verifiedValue: 88.52 }).explanation
 *   // '15 × (88.52 − 70) / (90 − 70) = 13.89'
 */
export const scoreLeafPeriod = (
  leaf: z.input<typeof LeafSchema> | Leaf,
  fact?: FactValues,
  deductions: readonly { points: number | string; source: string }[] = [],
): PeriodScore => {
  const problems: Problem[] = [];
  const compiled = compileLeaf(LeafSchema.parse(leaf), 'leaf', { name: '', index: 0 }, null, problems);
  if (!compiled) throw new InvalidScenarioError(problems);
  if (compiled.rule.type === 'deduction') {
    const items = deductions.map((d, i) => ({
      cents: readPoints(d.points, `deductions[${i}].points`, '扣分', problems) ?? 0,
      source: d.source,
    }));
    if (problems.length > 0) throw new InvalidScenarioError(problems);
    return { ...scoreDeduction(compiled.wCents, items), status: 'scored' };
  }
  const input = fact === undefined ? undefined : readFact(compiled, fact, 'fact', problems);
  if (problems.length > 0) throw new InvalidScenarioError(problems);
  return scorePeriodInput(compiled, input);
};
