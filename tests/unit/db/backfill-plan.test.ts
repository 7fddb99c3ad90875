import { describe, expect, it } from 'vitest';
import { planAmendmentIndexes, planRaterUnits, planSurveyIndexes } from '../../../shared/db/backfill-plan';

const Y = 2026;

describe('planRaterUnits', () => {
  it('counts each rater’s assignments per unit when no marker is stored', () => {
    // Prepare
    const assignments = [
      { raterId: 'r1', unitId: 'u1' },
      { raterId: 'r1', unitId: 'u1' },
      { raterId: 'r1', unitId: 'u2' },
      { raterId: 'r2', unitId: 'u1' },
    ];
    // Act
    const markers = planRaterUnits(Y, assignments, []);
    // Assess
    expect(markers).toEqual([
      { year: Y, raterId: 'r1', unitId: 'u1', assignments: 2 },
      { year: Y, raterId: 'r1', unitId: 'u2', assignments: 1 },
      { year: Y, raterId: 'r2', unitId: 'u1', assignments: 1 },
    ]);
  });

  it('leaves right markers, corrects wrong ones and zeroes one whose unit holds no assignment', () => {
    const assignments = [
      { raterId: 'r1', unitId: 'u1' },
      { raterId: 'r1', unitId: 'u2' },
    ];
    const stored = [
      { raterId: 'r1', unitId: 'u1', assignments: 1 },
      { raterId: 'r1', unitId: 'u2', assignments: 5 },
      { raterId: 'r1', unitId: 'u3', assignments: 2 },
      { raterId: 'r1', unitId: 'u4', assignments: 0 },
    ];
    expect(planRaterUnits(Y, assignments, stored)).toEqual([
      { year: Y, raterId: 'r1', unitId: 'u2', assignments: 1 },
      { year: Y, raterId: 'r1', unitId: 'u3', assignments: 0 },
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
