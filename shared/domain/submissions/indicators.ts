/**
 * The worksheet's rows: the leaves of a unit's agreement assessed in one period, in the agreement's
 * order, with what the unit needs to read before reporting (requirement text, target, rule).
 */
import type { AgreementDimension } from '../../schemas/agreement';
import type { IndicatorSheet } from '../../schemas/submission';
import type { Period } from '../../schemas/year';
import { describeRule } from '../agreements/labels';
import { needsValue } from './values';

/** The indicators of `period` in an agreement's content. */
export const indicatorsForPeriod = (
  dimensions: readonly AgreementDimension[],
  period: Period,
): IndicatorSheet[] =>
  dimensions.flatMap((dimension) =>
    dimension.leaves
      .filter((leaf) => leaf.periods.includes(period))
      .map((leaf) => ({
        code: leaf.code,
        name: leaf.name,
        dimension: dimension.name,
        W: leaf.W,
        measure: leaf.measure,
        direction: leaf.direction,
        ruleType: leaf.rule.type,
        ruleText: leaf.ruleText || describeRule(leaf.rule),
        target: leaf.target ?? null,
        evidence: leaf.evidence ?? '',
        department: leaf.department ?? '',
        needsValue: needsValue(leaf.rule.type),
      })),
  );
