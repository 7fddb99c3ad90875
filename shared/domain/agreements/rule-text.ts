/**
 * Rule texts for leaves that give none: the scoring engine's own wording (`ruleTextOf`), so the
 * printed agreement says exactly what the engine computes ("目标值 90%，每低于目标 1 个百分点扣 2 分，扣完为止").
 */
import type { AgreementDimension } from '../../schemas/agreement';
import { ruleTextOf } from '../scoring';

export const withRuleTexts = (dimensions: AgreementDimension[]): AgreementDimension[] =>
  dimensions.map((dimension) => ({
    name: dimension.name,
    leaves: dimension.leaves.map((leaf) => {
      if (leaf.ruleText) return leaf;
      const text = ruleTextOf(leaf);
      return text ? { ...leaf, ruleText: text } : leaf;
    }),
  }));
