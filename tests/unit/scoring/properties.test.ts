import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/domain/canonical-json';
import { computeResults, scoreLeafPeriod, validateScenario } from '../../../shared/domain/scoring';
import type { Results } from '../../../shared/schemas/results';
import { formulaLeaf, rate, smallScenario } from './fixtures/arbitraries';
import { fact, leaf } from './fixtures/builders';

const RUNS = { numRuns: 150 };
const toCents = (points: number | string) => Math.round(Number(points) * 100);
const allUnits = (results: Results) => results.categories.flatMap((c) => c.units);

describe('properties of the engine', () => {
  it('keeps every leaf period score within [0, W]', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('higher' as const, 'lower' as const).chain(formulaLeaf),
        rate,
        (definition, value) => {
          // Act
          const { scoreCents } = scoreLeafPeriod(definition, fact({ verifiedValue: value }));

          // Assess
          expect(scoreCents).toBeGreaterThanOrEqual(0);
          expect(scoreCents).toBeLessThanOrEqual(toCents(definition.W));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never lowers a higher-is-better score for a higher verified value (and mirrors for lower-is-better)', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom('higher' as const, 'lower' as const)
          .chain((d) => fc.tuple(fc.constant(d), formulaLeaf(d))),
        rate,
        rate,
        ([direction, definition], a, b) => {
          // Prepare
          const [low, high] = a <= b ? [a, b] : [b, a];

          // Act
          const atLow = scoreLeafPeriod(definition, fact({ verifiedValue: low })).scoreCents;
          const atHigh = scoreLeafPeriod(definition, fact({ verifiedValue: high })).scoreCents;

          // Assess
          if (direction === 'higher') expect(atHigh).toBeGreaterThanOrEqual(atLow);
          else expect(atHigh).toBeLessThanOrEqual(atLow);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives the same rating whatever order the raters come in', () => {
    const marks = fc
      .array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 9 })
      .map((tenths) => tenths.map((t, i) => ({ raterId: `R${i}`, points: t / 10 })))
      .chain((ratings) =>
        fc.tuple(fc.constant(ratings), fc.shuffledSubarray(ratings, { minLength: ratings.length })),
      );
    fc.assert(
      fc.property(marks, ([ratings, shuffled]) => {
        // Prepare
        const rated = leaf({ W: 20, rule: { type: 'rating' } });

        // Act / Assess
        expect(scoreLeafPeriod(rated, fact({ ratings: shuffled }))).toEqual(
          scoreLeafPeriod(rated, fact({ ratings })),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('generates only scenarios it can score', () => {
    fc.assert(
      fc.property(smallScenario, (scenario) => {
        // Act / Assess
        expect(validateScenario(scenario)).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps base within [0, 100], leaves within [0, W], and dimension subtotals summing exactly to base', () => {
    fc.assert(
      fc.property(smallScenario, (scenario) => {
        // Act
        const units = allUnits(computeResults(scenario));

        // Assess
        for (const unit of units) {
          expect(unit.baseCents).toBeGreaterThanOrEqual(0);
          expect(unit.baseCents).toBeLessThanOrEqual(10_000);
          expect(unit.dimensions.reduce((sum, d) => sum + d.subtotalCents, 0)).toBe(unit.baseCents);
          for (const dimension of unit.dimensions) {
            const leaves = unit.leaves.filter((l) => l.dimension === dimension.name);
            expect(leaves.reduce((sum, l) => sum + l.annualCents, 0)).toBe(dimension.subtotalCents);
          }
          for (const l of unit.leaves) {
            expect(l.annualCents).toBeGreaterThanOrEqual(0);
            expect(l.annualCents).toBeLessThanOrEqual(l.wCents);
          }
          expect(unit.finalCents).toBe(unit.baseCents + unit.bonusAppliedCents - unit.penaltyAppliedCents);
        }
      }),
      RUNS,
    );
  });

  it('ranks consistently with the ordering, and grades consistently with ranks and the quota', () => {
    fc.assert(
      fc.property(smallScenario, (scenario) => {
        // Act
        const results = computeResults(scenario);

        // Assess
        for (const category of results.categories) {
          category.units.forEach((unit, i) => {
            const previous = category.units[i - 1];
            if (previous) {
              const tied =
                previous.vetoed === unit.vetoed &&
                previous.finalCents === unit.finalCents &&
                previous.baseCents === unit.baseCents;
              const before =
                (!previous.vetoed && unit.vetoed) ||
                (previous.vetoed === unit.vetoed &&
                  (previous.finalCents > unit.finalCents ||
                    (previous.finalCents === unit.finalCents && previous.baseCents > unit.baseCents)));
              expect(tied || before).toBe(true);
              expect(unit.rank).toBe(tied ? previous.rank : i + 1);
            } else {
              expect(unit.rank).toBe(1);
            }
            if (unit.vetoed) expect(unit.grade).toBe('不合格');
            if (unit.grade === '优秀') {
              expect(unit.finalCents).toBeGreaterThanOrEqual(9_000);
              expect(unit.rank).toBeLessThanOrEqual(category.excellentQuota);
            }
          });
        }
      }),
      RUNS,
    );
  });

  it('gives byte-identical results for the same input, whatever order the facts and units come in', () => {
    fc.assert(
      fc.property(smallScenario, fc.nat(), (scenario, seed) => {
        // Prepare
        const rotate = <T>(items: T[]) => {
          const k = items.length === 0 ? 0 : seed % items.length;
          return [...items.slice(k), ...items.slice(0, k)].reverse();
        };
        const reordered = {
          ...structuredClone(scenario),
          facts: rotate(scenario.facts),
          units: rotate(scenario.units),
        };

        // Act
        const first = canonicalJson(computeResults(scenario));
        const again = canonicalJson(computeResults(scenario));
        const fromReordered = canonicalJson(computeResults(reordered));

        // Assess
        expect(again).toBe(first);
        expect(fromReordered).toBe(first);
      }),
      { numRuns: 100 },
    );
  });
});
