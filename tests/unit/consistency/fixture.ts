import { type Scenario, ScenarioSchema } from '../../../shared/schemas/scenario';

/** Marks on the rating leaf R (W = 20) of units U1–U5 by raters a, b, c. Rater a is the lenient one. */
export const MARKS: Record<string, Record<string, number>> = {
  U1: { a: 20, b: 16, c: 15 },
  U2: { a: 19, b: 15, c: 16 },
  U3: { a: 18, b: 14, c: 14 },
  U4: { a: 20, b: 17, c: 17 },
  U5: { a: 17, b: 13, c: 13 },
};

const units = Object.keys(MARKS);

/**
 * Five units of one category: a completion leaf C (W = 80, all on time) and the rating leaf R, and a
 * 14-point penalty on U5 so that its grade sits on the 80-point line.
 */
export const consistencyScenario = (marks = MARKS): Scenario =>
  ScenarioSchema.parse({
    schemaVersion: 1,
    year: 2026,
    categories: [{ id: 'A', name: '甲类' }],
    units: units.map((id) => ({ id, name: `单位${id}`, categoryId: 'A' })),
    agreements: units.map((unitId) => ({
      unitId,
      indicators: [
        {
          name: '工作',
          leaves: [
            { code: 'C', name: '按期完成', W: 80, rule: { type: 'completion' } },
            { code: 'R', name: '群众评价', W: 20, rule: { type: 'rating' } },
          ],
        },
      ],
    })),
    facts: units.flatMap((unitId) => [
      { unitId, code: 'C', period: 'Q4', verified: true, completion: 'on_time' },
      {
        unitId,
        code: 'R',
        period: 'Q4',
        ratings: Object.entries(marks[unitId] ?? {}).map(([raterId, points]) => ({ raterId, points })),
      },
    ]),
    penalties: [{ unitId: 'U5', points: 14, title: '通报批评' }],
  });
