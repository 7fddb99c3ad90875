/**
 * What changed between two results versions (公示结果版本差异): after an upheld objection is rescored,
 * the committee and the unit see which units moved, by how much, and which leaves caused it.
 * Pure: it compares two engine outputs and knows nothing about how they were stored.
 */
import type { Grade, Results, UnitResult } from '../../schemas/results';

export interface UnitStanding {
  rank: number;
  finalCents: number;
  grade: Grade;
  vetoed: boolean;
}

export interface LeafChange {
  code: string;
  name: string;
  beforeCents: number | null;
  afterCents: number | null;
}

export interface UnitChange {
  unitId: string;
  unitName: string;
  categoryId: string;
  categoryName: string;
  /** null when the unit is not in that version (e.g. its agreement was signed in between). */
  before: UnitStanding | null;
  after: UnitStanding | null;
  leaves: LeafChange[];
}

export interface ResultsDiff {
  /** Units whose standing or any leaf changed, in category order, then by the new rank. */
  units: UnitChange[];
  /** Units whose final score changed (a rank moved only because a neighbour's did is not counted). */
  rescoredUnits: number;
}

const standing = (u: UnitResult): UnitStanding => ({
  rank: u.rank,
  finalCents: u.finalCents,
  grade: u.grade,
  vetoed: u.vetoed,
});

const sameStanding = (a: UnitStanding | null, b: UnitStanding | null) =>
  a !== null &&
  b !== null &&
  a.rank === b.rank &&
  a.finalCents === b.finalCents &&
  a.grade === b.grade &&
  a.vetoed === b.vetoed;

const leafChanges = (before: UnitResult | undefined, after: UnitResult | undefined): LeafChange[] => {
  const old = new Map((before?.leaves ?? []).map((l) => [l.code, l]));
  const changes: LeafChange[] = [];
  const seen = new Set<string>();
  for (const leaf of after?.leaves ?? []) {
    seen.add(leaf.code);
    const was = old.get(leaf.code);
    if (was?.annualCents === leaf.annualCents) continue;
    changes.push({
      code: leaf.code,
      name: leaf.name,
      beforeCents: was?.annualCents ?? null,
      afterCents: leaf.annualCents,
    });
  }
  for (const leaf of before?.leaves ?? []) {
    if (!seen.has(leaf.code))
      changes.push({ code: leaf.code, name: leaf.name, beforeCents: leaf.annualCents, afterCents: null });
  }
  return changes;
};

interface Located {
  unit: UnitResult;
  categoryId: string;
  categoryName: string;
  order: number;
}

const locate = (results: Results): Map<string, Located> => {
  const found = new Map<string, Located>();
  results.categories.forEach((category, c) => {
    for (const unit of category.units) {
      found.set(unit.unitId, {
        unit,
        categoryId: category.categoryId,
        categoryName: category.name,
        order: c * 100_000 + unit.rank,
      });
    }
  });
  return found;
};

/** The changes from `before` to `after`; both must be results of the same year and period. */
export const diffResults = (before: Results, after: Results): ResultsDiff => {
  const was = locate(before);
  const now = locate(after);
  const changes: (UnitChange & { order: number })[] = [];
  let rescoredUnits = 0;
  for (const unitId of new Set([...now.keys(), ...was.keys()])) {
    const a = was.get(unitId);
    const b = now.get(unitId);
    const beforeStanding = a ? standing(a.unit) : null;
    const afterStanding = b ? standing(b.unit) : null;
    const leaves = leafChanges(a?.unit, b?.unit);
    if (leaves.length === 0 && sameStanding(beforeStanding, afterStanding)) continue;
    if (beforeStanding?.finalCents !== afterStanding?.finalCents) rescoredUnits++;
    const where = (b ?? a) as Located;
    changes.push({
      unitId,
      unitName: where.unit.unitName,
      categoryId: where.categoryId,
      categoryName: where.categoryName,
      before: beforeStanding,
      after: afterStanding,
      leaves,
      order: b ? b.order : a ? a.order + 50_000 : 0,
    });
  }
  changes.sort((x, y) => x.order - y.order);
  return { units: changes.map(({ order: _o, ...change }) => change), rescoredUnits };
};
