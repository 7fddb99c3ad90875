import { describe, expect, it } from 'vitest';
import { computeResults } from '../../../shared/domain/scoring';
import { fact, leaf, scenario } from './fixtures/builders';

const quarterly = leaf({
  code: 'R01',
  name: '行风建设',
  W: 20,
  rule: { type: 'rating' },
  periods: ['Q1', 'Q2', 'Q3', 'Q4'],
});
const annual = leaf({ code: 'A01', W: 80, rule: { type: 'threshold' }, target: 90 });
const rated = (period: 'Q1' | 'Q2' | 'Q3' | 'Q4', points: number) =>
  fact({ code: 'R01', period, ratings: [{ raterId: 'R1', points }] });

const firstUnit = (results: ReturnType<typeof computeResults>) => results.categories[0]?.units[0];
const leafOf = (results: ReturnType<typeof computeResults>, code: string) =>
  firstUnit(results)?.leaves.find((l) => l.code === code);

describe('period scores into an annual leaf score', () => {
  it('weighs the periods 10/10/10/70 by default', () => {
    // Prepare
    const input = scenario([quarterly, annual], {
      facts: [
        rated('Q1', 18),
        rated('Q2', 17),
        rated('Q3', 19),
        rated('Q4', 20),
        fact({ verifiedValue: 95 }),
      ],
    });

    // Act
    const r01 = leafOf(computeResults(input), 'R01');

    // Assess
    expect(r01?.annualCents).toBe(1940);
    expect(r01?.explanation).toBe(
      '按考核期加权：10% × 18.00 + 10% × 17.00 + 10% × 19.00 + 70% × 20.00 = 19.40',
    );
    expect(r01?.periods.map((p) => [p.period, p.weightPercent, p.scoreCents])).toEqual([
      ['Q1', 10, 1800],
      ['Q2', 10, 1700],
      ['Q3', 10, 1900],
      ['Q4', 70, 2000],
    ]);
  });

  it('renormalises the weights over the periods the leaf is assessed in, rounding half-up once', () => {
    // Prepare: Q2 and Q4 only: (10 × 15 + 70 × 20) / 80 = 19.375
    const input = scenario([{ ...quarterly, periods: ['Q2', 'Q4'] }, annual], {
      facts: [rated('Q2', 15), rated('Q4', 20), fact({ verifiedValue: 95 })],
    });

    // Act
    const r01 = leafOf(computeResults(input), 'R01');

    // Assess
    expect(r01?.annualCents).toBe(1938);
    expect(r01?.explanation).toBe('按考核期加权：(10% × 15.00 + 70% × 20.00) / 80% = 19.38');
  });

  it('uses the year’s own period weights', () => {
    // Prepare
    const input = scenario([quarterly, annual], {
      settings: { periodWeights: { Q1: 25, Q2: 25, Q3: 25, Q4: 25 } },
      facts: [
        rated('Q1', 16),
        rated('Q2', 17),
        rated('Q3', 18),
        rated('Q4', 19),
        fact({ verifiedValue: 95 }),
      ],
    });

    // Act
    const r01 = leafOf(computeResults(input), 'R01');

    // Assess
    expect(r01?.annualCents).toBe(1750);
  });

  it('flags the periods without verified data and scores them 0', () => {
    // Prepare: Q2 unverified, Q3 missing
    const input = scenario([quarterly, annual], {
      facts: [
        rated('Q1', 20),
        fact({ code: 'R01', period: 'Q2', verified: false }),
        rated('Q4', 20),
        fact({ verified: false, reportedValue: 92 }),
      ],
    });

    // Act
    const results = computeResults(input);

    // Assess
    expect(leafOf(results, 'R01')?.flags).toEqual(['missing']);
    expect(leafOf(results, 'R01')?.periods.map((p) => p.status)).toEqual([
      'scored',
      'missing',
      'missing',
      'scored',
    ]);
    expect(leafOf(results, 'R01')?.annualCents).toBe(1600);
    expect(leafOf(results, 'A01')).toMatchObject({
      annualCents: 0,
      flags: ['unverified'],
      explanation: '填报值 92，尚未核定，不计分，得 0.00',
    });
  });
});

describe('quarter views (asOfPeriod)', () => {
  const year = scenario([quarterly, annual], {
    facts: [rated('Q1', 18), rated('Q2', 17), rated('Q3', 19), rated('Q4', 20), fact({ verifiedValue: 95 })],
    bonuses: [
      { unitId: 'U1', points: 1, title: '市科技进步奖', period: 'Q4' },
      { unitId: 'U1', points: 0.5, title: '信息报送先进', period: 'Q1' },
    ],
  });

  it('renormalises over the periods assessed so far and leaves later ones out', () => {
    // Act
    const results = computeResults(year, { asOfPeriod: 'Q2' });

    // Assess
    expect(results.asOfPeriod).toBe('Q2');
    expect(leafOf(results, 'R01')).toMatchObject({
      annualCents: 1750,
      explanation: '按考核期加权：(10% × 18.00 + 10% × 17.00) / 20% = 17.50',
    });
    expect(leafOf(results, 'A01')).toMatchObject({
      annualCents: 0,
      periods: [],
      flags: ['not_yet_assessed'],
      explanation: '截至第二季度尚未考核（考核期：第四季度）',
    });
    expect(firstUnit(results)).toMatchObject({
      baseCents: 1750,
      maxCents: 2000,
      bonusCents: 50,
      finalCents: 1800,
    });
  });

  it('gives the whole year by default, the same as asOfPeriod Q4', () => {
    // Act
    const byDefault = computeResults(year);
    const q4 = computeResults(year, { asOfPeriod: 'Q4' });

    // Assess
    expect(byDefault).toEqual(q4);
    expect(firstUnit(byDefault)).toMatchObject({
      baseCents: 9940,
      maxCents: 10000,
      bonusCents: 150,
      finalCents: 10090,
    });
  });
});

describe('base, bonus, penalty and final', () => {
  const twoDimensions = () => [
    {
      name: '重点业务工作',
      leaves: [leaf({ code: 'A01', W: 60, rule: { type: 'linear', floor: 0 }, target: 100 })],
    },
    { name: '党风廉政建设', leaves: [leaf({ code: 'B01', W: 40, rule: { type: 'deduction' } })] },
  ];

  it('sums dimension subtotals into the base and lists each dimension’s maximum', () => {
    // Prepare: A01 60 × 0.8 = 48; B01 40 − 2.5 = 37.5
    const input = scenario([], {
      agreements: [{ unitId: 'U1', indicators: twoDimensions() }],
      facts: [fact({ verifiedValue: 80 })],
      deductions: [{ unitId: 'U1', code: 'B01', points: 2.5, source: '明查暗访 2024-05' }],
    });

    // Act
    const unit = firstUnit(computeResults(input));

    // Assess
    expect(unit?.dimensions).toEqual([
      { name: '重点业务工作', subtotalCents: 4800, maxCents: 6000 },
      { name: '党风廉政建设', subtotalCents: 3750, maxCents: 4000 },
    ]);
    expect(unit?.baseCents).toBe(8550);
  });

  it('caps the bonus at 5 points by default and subtracts the penalties in full when no cap is set', () => {
    // Prepare
    const input = scenario([leaf({ rule: { type: 'linear', floor: 0 }, target: 100 })], {
      facts: [fact({ verifiedValue: 80 })],
      bonuses: [
        { unitId: 'U1', points: 3, title: '省级表彰' },
        { unitId: 'U1', points: 4, title: '市科技进步奖' },
      ],
      penalties: [
        { unitId: 'U1', points: 2, title: '通报批评' },
        { unitId: 'U1', points: 3.5, title: '通报批评' },
      ],
    });

    // Act
    const unit = firstUnit(computeResults(input));

    // Assess
    expect(unit).toMatchObject({
      baseCents: 8000,
      bonusCents: 700,
      bonusAppliedCents: 500,
      penaltyCents: 550,
      penaltyAppliedCents: 550,
      finalCents: 7950,
    });
  });

  it('caps the penalty where the year sets a cap', () => {
    // Prepare
    const input = scenario([leaf({ rule: { type: 'linear', floor: 0 }, target: 100 })], {
      settings: { bonusCap: 2, penaltyCap: 3 },
      facts: [fact({ verifiedValue: 80 })],
      bonuses: [{ unitId: 'U1', points: 3, title: '省级表彰' }],
      penalties: [{ unitId: 'U1', points: 5, title: '通报批评' }],
    });

    // Act
    const unit = firstUnit(computeResults(input));

    // Assess
    expect(unit).toMatchObject({
      bonusAppliedCents: 200,
      penaltyCents: 500,
      penaltyAppliedCents: 300,
      finalCents: 7900,
    });
  });

  it('scores each unit against its own target (per-unit overrides in the agreement)', () => {
    // Prepare: the same indicator, 90 % for U1 and 95 % for U2, both at 92 %
    const indicator = (target: number) => [
      { name: '重点业务工作', leaves: [leaf({ target, defaultTarget: 90 })] },
    ];
    const input = scenario([], {
      units: [
        { id: 'U1', name: '洛阳镇卫生院', categoryId: 'primary' },
        { id: 'U2', name: '横林镇卫生院', categoryId: 'primary' },
      ],
      agreements: [
        { unitId: 'U1', indicators: indicator(90) },
        { unitId: 'U2', indicators: indicator(95) },
      ],
      facts: [fact({ verifiedValue: 92 }), fact({ unitId: 'U2', verifiedValue: 92 })],
    });

    // Act
    const units = computeResults(input).categories[0]?.units ?? [];

    // Assess
    expect(units.map((u) => [u.unitId, u.baseCents])).toEqual([
      ['U1', 10000],
      ['U2', 0],
    ]);
  });

  it('applies all approved deductions of the year once to a deduction leaf’s annual score', () => {
    // Prepare: a quarterly deduction leaf with findings in Q1 and Q3
    const input = scenario([], {
      agreements: [
        {
          unitId: 'U1',
          indicators: [
            {
              name: '综合',
              leaves: [
                leaf({ code: 'B01', W: 100, rule: { type: 'deduction' }, periods: ['Q1', 'Q2', 'Q3', 'Q4'] }),
              ],
            },
          ],
        },
      ],
      deductions: [
        { unitId: 'U1', code: 'B01', points: 2, source: '明查暗访', period: 'Q1' },
        { unitId: 'U1', code: 'B01', points: 1, source: '群众投诉', period: 'Q3' },
      ],
    });

    // Act
    const year = leafOf(computeResults(input), 'B01');
    const sofar = leafOf(computeResults(input, { asOfPeriod: 'Q2' }), 'B01');

    // Assess
    expect(year).toMatchObject({
      annualCents: 9700,
      periods: [],
      explanation: '100 − 2（明查暗访） − 1（群众投诉） = 97.00',
    });
    expect(sofar?.annualCents).toBe(9800);
  });
});
