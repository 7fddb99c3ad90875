import { describe, expect, it } from 'vitest';
import { scoreLeafPeriod } from '../../../shared/domain/scoring';
import type { Band } from '../../../shared/schemas/scenario';
import { fact, leaf } from './fixtures/builders';

const pointsLeaf = leaf({ W: 20, rule: { type: 'rating' } });
const bandsLeaf = leaf({ W: 10, rule: { type: 'rating', scale: 'bands' } });

const byPoints = (points: number[]) => points.map((p, i) => ({ raterId: `R${i + 1}`, points: p }));
const byBands = (bands: Band[]) => bands.map((band, i) => ({ raterId: `R${i + 1}`, band }));

describe('several raters on a rating indicator', () => {
  it.each([
    [[18.5], 1850],
    [[18, 19], 1850],
    [[19.5, 18, 17], 1817],
    [[20, 18, 16, 15], 1725],
    [[20, 19, 18, 16, 15], 1767],
    [[20, 20, 18, 16, 15], 1800],
    [[20, 19, 18, 17, 16, 10], 1750],
    [[20, 19, 18, 15, 15, 15], 1675],
    [[20, 19.5, 18, 18, 17, 16, 15], 1770],
    [[18, 18, 18, 18, 18, 18, 18], 1800],
    [[20, 20, 19, 18, 17, 15, 15], 1780],
  ])(
    'scores the marks %j as %i cents (mean; from 5 raters on without one highest and one lowest)',
    (points, cents) => {
      // Act
      const scored = scoreLeafPeriod(pointsLeaf, fact({ ratings: byPoints(points) }));

      // Assess
      expect(scored).toMatchObject({ scoreCents: cents, status: 'scored' });
    },
  );

  it('drops only one of several equal highest or lowest marks, and says which it dropped', () => {
    // Act
    const scored = scoreLeafPeriod(pointsLeaf, fact({ ratings: byPoints([15, 20, 19, 15, 18, 20, 17]) }));

    // Assess
    expect(scored.explanation).toBe(
      '7 位评分：20、20、19、18、17、15、15；去掉最高 20 和最低 15，平均 (20 + 19 + 18 + 17 + 15) / 5 = 17.80',
    );
  });

  it('gives the same score and wording whatever order the raters come in', () => {
    // Prepare
    const ratings = byPoints([20, 19.5, 18, 18, 17, 16, 15]);

    // Act
    const forward = scoreLeafPeriod(pointsLeaf, fact({ ratings }));
    const backward = scoreLeafPeriod(pointsLeaf, fact({ ratings: [...ratings].reverse() }));

    // Assess
    expect(backward).toEqual(forward);
  });

  it('scores grade bands as 优 100 %, 良 80 %, 中 60 %, 差 40 % of W', () => {
    // Act
    const scored = scoreLeafPeriod(bandsLeaf, fact({ ratings: byBands(['优', '良', '良']) }));

    // Assess
    expect(scored).toMatchObject({
      scoreCents: 867,
      explanation: '3 位评分：优、良、良，10 × (100% + 80% + 80%) / 3 = 8.67',
    });
  });

  it('drops the highest and lowest band from 5 raters on', () => {
    // Act
    const scored = scoreLeafPeriod(bandsLeaf, fact({ ratings: byBands(['差', '优', '良', '中', '优']) }));

    // Assess
    expect(scored).toMatchObject({
      scoreCents: 800,
      explanation: '5 位评分：优、优、良、中、差；去掉最高 优 和最低 差，10 × (100% + 80% + 60%) / 3 = 8.00',
    });
  });

  it('uses the band table of the agreement when it has one', () => {
    // Prepare
    const custom = leaf({
      W: 10,
      rule: { type: 'rating', scale: 'bands', bands: { 优: 100, 良: 85, 中: 70, 差: 50 } },
    });

    // Act
    const scored = scoreLeafPeriod(custom, fact({ ratings: byBands(['良', '中']) }));

    // Assess
    expect(scored.scoreCents).toBe(775);
  });

  it('counts ratings without a separate verification: the marks are the raters’ own', () => {
    // Act
    const scored = scoreLeafPeriod(pointsLeaf, fact({ verified: false, ratings: byPoints([16]) }));

    // Assess
    expect(scored).toMatchObject({ scoreCents: 1600, status: 'scored' });
  });

  it('scores 0 as missing when nobody has rated yet', () => {
    // Act
    const scored = scoreLeafPeriod(pointsLeaf, fact({ ratings: [] }));

    // Assess
    expect(scored).toEqual({ scoreCents: 0, status: 'missing', explanation: '无评分，得 0.00' });
  });
});
