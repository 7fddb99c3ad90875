/**
 * The outcome of an upheld objection once a new draft version answers it: the contested indicator's
 * annual score and the unit's final score before (the version it was weighed against) and after.
 * Pure: two engine outputs in, the figures and the objector's message out.
 */
import type { Results } from '../../schemas/results';
import { formatPoints } from '../scoring/decimal';

export interface ObjectionOutcome {
  draftVersion: number;
  leafBeforeCents: number | null;
  leafAfterCents: number | null;
  finalBeforeCents: number | null;
  finalAfterCents: number | null;
}

const unitOf = (results: Results, unitId: string) =>
  results.categories.flatMap((c) => c.units).find((u) => u.unitId === unitId);

/** The figures of `code` for `unitId` in the version before (`previous`) and the answering one. */
export const objectionOutcome = (
  previous: Results,
  next: Results,
  draftVersion: number,
  objection: { unitId: string; code: string },
): ObjectionOutcome => {
  const before = unitOf(previous, objection.unitId);
  const after = unitOf(next, objection.unitId);
  const leaf = (u: typeof before) => u?.leaves.find((l) => l.code === objection.code)?.annualCents ?? null;
  return {
    draftVersion,
    leafBeforeCents: leaf(before),
    leafAfterCents: leaf(after),
    finalBeforeCents: before?.finalCents ?? null,
    finalAfterCents: after?.finalCents ?? null,
  };
};

const points = (cents: number | null) => (cents === null ? '—' : `${formatPoints(cents)} 分`);

/** What the objector reads: 指标得分 12.00 分 → 15.00 分，总分 82.89 分 → 85.89 分（第 2 版公示结果）. */
export const outcomeMessage = (leafName: string, o: ObjectionOutcome): string =>
  `重新评分后，${leafName}得分 ${points(o.leafBeforeCents)} → ${points(o.leafAfterCents)}，` +
  `总分 ${points(o.finalBeforeCents)} → ${points(o.finalAfterCents)}（第 ${o.draftVersion} 版公示结果）`;
