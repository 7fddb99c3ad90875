import { describe, expect, it } from 'vitest';
import { computeResults, excellentQuota, rankUnits } from '../../../shared/domain/scoring';
import { unitsWithBases } from './fixtures/builders';

/** rank, unit id, grade and final of each unit of the first category, in ranking order. */
const ranking = (results: ReturnType<typeof computeResults>) =>
  (results.categories[0]?.units ?? []).map((u) => [u.rank, u.unitId, u.grade, u.finalCents] as const);

describe('the 优秀 quota', () => {
  it.each([
    [1, 1],
    [4, 1],
    [5, 1],
    [9, 1],
    [10, 2],
  ])('is 20 %% of a category of %i units, rounded down, at least 1: %i', (unitCount, quota) => {
    // Prepare: every unit scores 90 or more
    const bases = Array.from({ length: unitCount }, (_, i) => 99 - i * 0.5);

    // Act
    const category = computeResults(unitsWithBases(bases)).categories[0];

    // Assess
    expect(excellentQuota(unitCount, 20)).toBe(quota);
    expect(category?.excellentQuota).toBe(quota);
    expect(category?.units.filter((u) => u.grade === '优秀')).toHaveLength(quota);
    expect(category?.units.filter((u) => u.grade === '良好')).toHaveLength(unitCount - quota);
  });

  it('gives 优秀 to every unit sharing a rank within the quota', () => {
    // Prepare: 4 units, quota 1, two tied first
    const scenario = unitsWithBases([95, 95, 93, 91]);

    // Act
    const results = computeResults(scenario);

    // Assess
    expect(ranking(results)).toEqual([
      [1, 'U1', '优秀', 9500],
      [1, 'U2', '优秀', 9500],
      [3, 'U3', '良好', 9300],
      [4, 'U4', '良好', 9100],
    ]);
  });

  it('needs a final of at least 90 as well as a rank within the quota', () => {
    // Act
    const results = computeResults(unitsWithBases([89.99, 70]));

    // Assess
    expect(ranking(results)).toEqual([
      [1, 'U1', '良好', 8999],
      [2, 'U2', '合格', 7000],
    ]);
  });
});

describe('grades', () => {
  it.each([
    [80, '良好'],
    [79.99, '合格'],
    [60, '合格'],
    [59.99, '不合格'],
  ])('grades a final of %s as %s', (base, grade) => {
    // Prepare: a first unit takes the 优秀 place
    const scenario = unitsWithBases([100, base]);

    // Act
    const results = computeResults(scenario);

    // Assess
    expect(results.categories[0]?.units[1]?.grade).toBe(grade);
  });
});

describe('ranking within a category', () => {
  it('ranks by final, then base, and gives fully tied units the same rank (1, 2, 2, 4)', () => {
    // Act
    const results = computeResults(unitsWithBases([85, 90, 95, 90]));

    // Assess
    expect(ranking(results).map(([rank, id]) => [rank, id])).toEqual([
      [1, 'U3'],
      [2, 'U2'],
      [2, 'U4'],
      [4, 'U1'],
    ]);
  });

  it('puts the higher base first when finals are equal', () => {
    // Prepare: U1 88 + 2 bonus = 90, U2 90 + 0 = 90
    const scenario = unitsWithBases([88, 90], { bonuses: [{ unitId: 'U1', points: 2, title: '市级表彰' }] });

    // Act
    const results = computeResults(scenario);

    // Assess
    expect(ranking(results)).toEqual([
      [1, 'U2', '优秀', 9000],
      [2, 'U1', '良好', 9000],
    ]);
  });

  it('places a vetoed unit after every other unit, grades it 不合格 and keeps its scores visible', () => {
    // Prepare: the vetoed unit has the best score
    const scenario = unitsWithBases([99, 92, 85], {
      vetoes: [{ unitId: 'U1', category: '安全生产责任事故', reason: '火灾致 1 人受伤' }],
    });

    // Act
    const results = computeResults(scenario);

    // Assess
    expect(ranking(results)).toEqual([
      [1, 'U2', '优秀', 9200],
      [2, 'U3', '良好', 8500],
      [3, 'U1', '不合格', 9900],
    ]);
    expect(results.categories[0]?.units[2]).toMatchObject({
      vetoed: true,
      vetoReason: '安全生产责任事故：火灾致 1 人受伤',
      baseCents: 9900,
    });
  });

  it('orders several vetoed units among themselves by final', () => {
    // Prepare
    const vetoes = ['U1', 'U2'].map((unitId) => ({ unitId, category: '瞒报迟报疫情', reason: '迟报' }));

    // Act
    const results = computeResults(unitsWithBases([70, 95, 60], { vetoes }));

    // Assess
    expect(ranking(results)).toEqual([
      [1, 'U3', '合格', 6000],
      [2, 'U2', '不合格', 9500],
      [3, 'U1', '不合格', 7000],
    ]);
  });

  it('ranks the same whatever order the units come in', () => {
    // Prepare
    const units = [
      { unitId: 'B', vetoed: false, finalCents: 9000, baseCents: 9000 },
      { unitId: 'A', vetoed: false, finalCents: 9000, baseCents: 9000 },
      { unitId: 'C', vetoed: true, finalCents: 9900, baseCents: 9900 },
      { unitId: 'D', vetoed: false, finalCents: 9000, baseCents: 8800 },
    ];

    // Act
    const forward = rankUnits(units);
    const backward = rankUnits([...units].reverse());

    // Assess
    expect(backward).toEqual(forward);
    expect(forward.map((u) => `${u.rank}${u.unitId}`)).toEqual(['1A', '1B', '3D', '4C']);
  });
});
