/**
 * From a category template to one unit's agreement: the template's leaves with the unit's planned
 * targets (`base`), then the unit's own changes (`customisation`) on top. Pure; every reference to
 * an indicator that is not there is reported, never silently dropped.
 */
import type { AgreementDimension, AgreementLeaf, Customisation } from '../../schemas/agreement';
import type { TemplateDimension, UnitTargets } from '../../schemas/template';
import type { Problem } from '../scoring';
import { withRuleTexts } from './rule-text';

/** The template's tree with the targets planned for this unit (or the template's defaults). */
export const baseFromTemplate = (
  dimensions: readonly TemplateDimension[],
  unitTargets: UnitTargets,
  unitId: string,
): AgreementDimension[] =>
  dimensions.map((dimension) => ({
    name: dimension.name,
    leaves: dimension.leaves.map((leaf): AgreementLeaf => {
      const planned = unitTargets[unitId]?.[leaf.code];
      return {
        ...leaf,
        target: planned ?? leaf.defaultTarget,
        origin: 'template',
        targetSource:
          planned !== undefined ? 'unit_plan' : leaf.defaultTarget !== undefined ? 'template' : 'none',
      };
    }),
  }));

export interface Resolved {
  dimensions: AgreementDimension[];
  /** References in the customisation to indicators that `base` does not have. */
  problems: Problem[];
}

/**
 * Applies a unit's customisation to its base: target and weight overrides, removed indicators,
 * extra indicators appended to their dimension (a new dimension goes last). Rule texts the
 * template leaves open are generated afterwards, from the unit's own target.
 */
export const applyCustomisation = (base: readonly AgreementDimension[], c: Customisation): Resolved => {
  const problems: Problem[] = [];
  const baseCodes = new Set(base.flatMap((d) => d.leaves.map((l) => l.code)));
  const unknown = (field: 'targets' | 'weights' | 'removedCodes', code: string) => {
    if (!baseCodes.has(code)) {
      problems.push({
        path: `customisation.${field}.${code}`,
        message: `指标 ${code} 不在本单位的模板指标中`,
      });
    }
  };
  for (const code of Object.keys(c.targets)) unknown('targets', code);
  for (const code of Object.keys(c.weights)) unknown('weights', code);
  for (const code of c.removedCodes) unknown('removedCodes', code);
  const removed = new Set(c.removedCodes);

  const dimensions: AgreementDimension[] = base.map((dimension) => ({
    name: dimension.name,
    leaves: dimension.leaves
      .filter((leaf) => !removed.has(leaf.code))
      .map((leaf) => {
        const target = c.targets[leaf.code];
        const W = c.weights[leaf.code];
        return {
          ...leaf,
          ...(W === undefined ? {} : { W }),
          ...(target === undefined ? {} : { target, targetSource: 'agreement' as const }),
        };
      }),
  }));
  for (const extra of c.extraIndicators) {
    const leaf: AgreementLeaf = {
      ...extra.leaf,
      origin: 'unit',
      targetSource: extra.leaf.target === undefined ? 'none' : 'agreement',
    };
    const dimension = dimensions.find((d) => d.name === extra.dimension);
    if (dimension) dimension.leaves.push(leaf);
    else dimensions.push({ name: extra.dimension, leaves: [leaf] });
  }
  return { dimensions: withRuleTexts(dimensions.filter((d) => d.leaves.length > 0)), problems };
};
