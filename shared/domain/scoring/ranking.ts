/** Ranking within a category: vetoed units last, then final, then base; full ties share a rank. */

export interface Rankable {
  unitId: string;
  vetoed: boolean;
  finalCents: number;
  baseCents: number;
}

/** Ranking order; units that tie on everything are listed by id so the output never depends on input order. */
export const compareForRanking = (a: Rankable, b: Rankable): number =>
  Number(a.vetoed) - Number(b.vetoed) ||
  b.finalCents - a.finalCents ||
  b.baseCents - a.baseCents ||
  (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0);

const tied = (a: Rankable, b: Rankable): boolean =>
  a.vetoed === b.vetoed && a.finalCents === b.finalCents && a.baseCents === b.baseCents;

/**
 * Sorts units into ranking order and numbers them competition-style: 1, 2, 2, 4.
 * @example rankUnits(units).map((u) => u.rank) // [1, 2, 2, 4]
 */
export const rankUnits = <T extends Rankable>(units: readonly T[]): (T & { rank: number })[] => {
  const sorted = [...units].sort(compareForRanking);
  const ranked: (T & { rank: number })[] = [];
  sorted.forEach((unit, i) => {
    const previous = ranked[i - 1];
    ranked.push({ ...unit, rank: previous && tied(previous, unit) ? previous.rank : i + 1 });
  });
  return ranked;
};
