/** The part of a signed agreement the engine reads: the tree with the unit's targets. */
import type { Agreement } from '../../schemas/agreement';
import type { Agreement as ScenarioAgreement } from '../../schemas/scenario';

/** Agreements count for results once signed; drafts and issued-but-unsigned ones do not. */
export const isScored = (agreement: Pick<Agreement, 'state'>) =>
  agreement.state === 'signed' || agreement.state === 'locked';

export const toScenarioAgreement = (agreement: Agreement): ScenarioAgreement => ({
  unitId: agreement.unitId,
  indicators: agreement.dimensions.map((d) => ({
    name: d.name,
    leaves: d.leaves.map((l) => ({
      code: l.code,
      name: l.name,
      W: l.W,
      measure: l.measure,
      direction: l.direction,
      rule: l.rule,
      ...(l.target !== undefined ? { target: l.target } : {}),
      ...(l.defaultTarget !== undefined ? { defaultTarget: l.defaultTarget } : {}),
      periods: l.periods,
      ...(l.ruleText ? { ruleText: l.ruleText } : {}),
    })),
  })),
});
