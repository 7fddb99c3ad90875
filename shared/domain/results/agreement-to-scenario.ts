/**
 * The part of a unit's agreement the engine reads: the tree with the unit's targets, as signed. After
 * a mid-year amendment the tree is the latest signed revision's, and each period before its effective
 * period is scored on the target, rule and rule text of the revision then in force (`byPeriod`); the
 * scenario says which revision scored which period.
 */
import type { Agreement, AgreementDimension, AgreementLeaf } from '../../schemas/agreement';
import type { Leaf, Period, Agreement as ScenarioAgreement } from '../../schemas/scenario';
import { type RevisionInForce, revisionInPeriod, revisionsInForce } from '../agreements/in-force';

export { isScored } from '../agreements/in-force';

const PERIODS: readonly Period[] = ['Q1', 'Q2', 'Q3', 'Q4'];

const leafOf = (l: AgreementLeaf): Leaf => ({
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
});

const leavesByCode = (dimensions: readonly AgreementDimension[]) =>
  new Map(dimensions.flatMap((d) => d.leaves).map((l) => [l.code, l]));

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A leaf of the latest revision, with its periods limited to those where a revision in force holds
 * it, and the periods scored on an earlier revision's target, rule or rule text.
 */
const leafAcrossRevisions = (
  leaf: AgreementLeaf,
  inPeriod: ReadonlyMap<Period, { revision: number; leaves: Map<string, AgreementLeaf> }>,
  latest: number,
): Leaf => {
  const base = leafOf(leaf);
  const periods = leaf.periods.filter((p) => inPeriod.get(p)?.leaves.has(leaf.code));
  const byPeriod: NonNullable<Leaf['byPeriod']> = {};
  for (const period of periods) {
    const then = inPeriod.get(period);
    if (!then || then.revision === latest) continue;
    const earlier = then.leaves.get(leaf.code) as AgreementLeaf;
    if (earlier.rule.type !== leaf.rule.type) continue;
    const differs =
      !sameJson(earlier.target, leaf.target) ||
      !sameJson(earlier.rule, leaf.rule) ||
      earlier.ruleText !== leaf.ruleText;
    if (differs) {
      byPeriod[period] = {
        ...(earlier.target !== undefined ? { target: earlier.target } : {}),
        rule: earlier.rule,
        ...(earlier.ruleText ? { ruleText: earlier.ruleText } : {}),
      };
    }
  }
  return {
    ...base,
    // A leaf added by an amendment is not scored in periods before it took effect.
    ...(periods.length > 0 ? { periods } : {}),
    ...(Object.keys(byPeriod).length > 0 ? { byPeriod } : {}),
  };
};

export const toScenarioAgreement = (agreement: Agreement): ScenarioAgreement => {
  const inForce: RevisionInForce[] = revisionsInForce(agreement);
  const latest = inForce.at(-1);
  const dimensions = latest?.dimensions ?? agreement.dimensions;
  const inPeriod = new Map(
    PERIODS.flatMap((p) => {
      const r = revisionInPeriod(inForce, p);
      return r ? [[p, { revision: r.revision, leaves: leavesByCode(r.dimensions) }] as const] : [];
    }),
  );
  const single = inForce.length <= 1;
  return {
    unitId: agreement.unitId,
    indicators: dimensions.map((d) => ({
      name: d.name,
      leaves: d.leaves.map((l) =>
        single ? leafOf(l) : leafAcrossRevisions(l, inPeriod, latest?.revision ?? 0),
      ),
    })),
    ...(latest ? { revisions: Object.fromEntries([...inPeriod].map(([p, r]) => [p, r.revision])) } : {}),
  };
};

/**
 * The leaves assessed in `period` as they are scored then: the period's revision's target, rule and
 * rule text applied (what a rater verifies against).
 */
export const scoringLeavesInPeriod = (agreement: Agreement, period: Period): Leaf[] => {
  if (revisionsInForce(agreement).length === 0) return [];
  return toScenarioAgreement(agreement)
    .indicators.flatMap((d) => d.leaves)
    .filter((l) => l.periods.includes(period))
    .map(({ byPeriod, ...leaf }) => {
      const then = byPeriod?.[period];
      return then ? { ...leaf, ...then, ruleText: then.ruleText } : leaf;
    });
};
