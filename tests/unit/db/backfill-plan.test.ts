import { describe, expect, it } from 'vitest';
import { planAmendmentIndexes, planRaterUnits, planSurveyIndexes } from '../../../shared/db/backfill-plan';

const Y = 2026;

describe('planRaterUnits', () => {
  const counts = (q1: number, q2: number, q3: number, q4: number) => ({
    assignmentsQ1: q1,
    assignmentsQ2: q2,
    assignmentsQ3: q3,
    assignmentsQ4: q4,
  });

  it('counts each rater’s assignments per unit, in all and per period, when no marker is stored', () => {
    // Prepare
    const assignments = [
      { raterId: 'r1', unitId: 'u1', period: 'Q1' },
      { raterId: 'r1', unitId: 'u1', period: 'Q4' },
      { raterId: 'r1', unitId: 'u2', period: 'Q4' },
      { raterId: 'r2', unitId: 'u1', period: 'Q2' },
    ] as const;
    // Act
    const markers = planRaterUnits(Y, assignments, []);
    // Assess
    expect(markers).toEqual([
      { year: Y, raterId: 'r1', unitId: 'u1', assignments: 2, ...counts(1, 0, 0, 1) },
      { year: Y, raterId: 'r1', unitId: 'u2', assignments: 1, ...counts(0, 0, 0, 1) },
      { year: Y, raterId: 'r2', unitId: 'u1', assignments: 1, ...counts(0, 1, 0, 0) },
    ]);
  });

  it('leaves right markers, corrects wrong ones and zeroes one whose unit holds no assignment', () => {
    const assignments = [
      { raterId: 'r1', unitId: 'u1', period: 'Q4' },
      { raterId: 'r1', unitId: 'u2', period: 'Q4' },
      { raterId: 'r1', unitId: 'u5', period: 'Q3' },
    ] as const;
    const stored = [
      { raterId: 'r1', unitId: 'u1', assignments: 1, ...counts(0, 0, 0, 1) },
      { raterId: 'r1', unitId: 'u2', assignments: 5 },
      { raterId: 'r1', unitId: 'u3', assignments: 2 },
      { raterId: 'r1', unitId: 'u4', assignments: 0, ...counts(0, 0, 0, 0) },
      // Right in all, without the per-period counts of this version: written again with them.
      { raterId: 'r1', unitId: 'u5', assignments: 1 },
    ];
    expect(planRaterUnits(Y, assignments, stored)).toEqual([
      { year: Y, raterId: 'r1', unitId: 'u2', assignments: 1, ...counts(0, 0, 0, 1) },
      { year: Y, raterId: 'r1', unitId: 'u3', assignments: 0, ...counts(0, 0, 0, 0) },
      { year: Y, raterId: 'r1', unitId: 'u5', assignments: 1, ...counts(0, 0, 1, 0) },
    ]);
  });
});

describe('planSurveyIndexes', () => {
  it('indexes a result lacking its gsi1 entry and leaves an indexed one', () => {
    const stored = [
      { pk: `YEAR#${Y}#UNIT#u1`, sk: 'SURVEY#Q4#3.3', period: 'Q4', code: '3.3' },
      {
        pk: `YEAR#${Y}#UNIT#u1`,
        sk: 'SURVEY#Q2#3.3',
        period: 'Q2',
        code: '3.3',
        gsi1pk: `YEAR#${Y}#SURVEYS#Q2`,
        gsi1sk: '3.3#u1',
      },
    ];
    expect(planSurveyIndexes(Y, 'u1', stored)).toEqual([
      {
        key: { pk: `YEAR#${Y}#UNIT#u1`, sk: 'SURVEY#Q4#3.3' },
        set: { gsi1pk: `YEAR#${Y}#SURVEYS#Q4`, gsi1sk: '3.3#u1' },
        remove: [],
      },
    ]);
  });
});

describe('planAmendmentIndexes', () => {
  it('indexes a pending amendment, removes a decided one’s entry and leaves the rest', () => {
    const pk = `YEAR#${Y}#UNIT#u1`;
    const stored = [
      { pk, sk: 'AMENDMENT#a1', id: 'a1', state: 'pending' },
      { pk, sk: 'AMENDMENT#a2', id: 'a2', state: 'approved', gsi2pk: 'x', gsi2sk: 'y' },
      { pk, sk: 'AMENDMENT#a3', id: 'a3', state: 'rejected' },
      {
        pk,
        sk: 'AMENDMENT#a4',
        id: 'a4',
        state: 'pending',
        gsi2pk: `YEAR#${Y}#AMENDMENTS#PENDING`,
        gsi2sk: 'UNIT#u1#a4',
      },
    ];
    expect(planAmendmentIndexes(Y, 'u1', stored)).toEqual([
      {
        key: { pk, sk: 'AMENDMENT#a1' },
        set: { gsi2pk: `YEAR#${Y}#AMENDMENTS#PENDING`, gsi2sk: 'UNIT#u1#a1' },
        remove: [],
        when: 'pending',
      },
      { key: { pk, sk: 'AMENDMENT#a2' }, set: {}, remove: ['gsi2pk', 'gsi2sk'], when: 'decided' },
    ]);
  });
});
