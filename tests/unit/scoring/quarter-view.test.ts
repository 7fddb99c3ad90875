/**
 * Quarter views grade on the score rate (预计等级), and a leaf can be scored on another revision's
 * target in the periods before an amendment took effect.
 */
import { describe, expect, it } from 'vitest';
import { computeResults } from '../../../shared/domain/scoring';
import { fact, leaf, scenario } from './fixtures/builders';

const quarterly = leaf({ code: 'Q01', W: 20, target: 90, periods: ['Q1', 'Q2', 'Q3', 'Q4'] });
const annual = leaf({ code: 'A01', W: 80, target: 90, periods: ['Q4'] });
const full = (period: 'Q1' | 'Q2' | 'Q3' | 'Q4') => fact({ code: 'Q01', period, verifiedValue: 95 });

const unitOf = (results: ReturnType<typeof computeResults>) => results.categories[0]?.units[0];

describe('a quarter view (预计等级)', () => {
  it('grades a unit with every point assessed so far on its score rate, never 不合格', () => {
    // Prepare: as of Q3 only Q01 (20 points) has been assessed, and all of it was earned.
    const input = scenario([quarterly, annual], { facts: [full('Q1'), full('Q2'), full('Q3')] });

    // Act
    const unit = unitOf(computeResults(input, { asOfPeriod: 'Q3' }));

    // Assess
    expect(unit).toMatchObject({ baseCents: 2000, maxCents: 2000, scoreRateBasisPoints: 10_000 });
    expect(unit?.grade).toBe('优秀');
  });

  it('applies the 90/80/60 lines to the rate: 15 of 20 points is 75 %, 合格', () => {
    // Prepare
    const input = scenario([{ ...quarterly, rule: { type: 'linear', floor: 50 } }, annual], {
      facts: [fact({ code: 'Q01', period: 'Q1', verifiedValue: 80 })],
    });

    // Act
    const unit = unitOf(computeResults(input, { asOfPeriod: 'Q1' }));

    // Assess
    expect(unit).toMatchObject({
      baseCents: 1500,
      maxCents: 2000,
      scoreRateBasisPoints: 7500,
      grade: '合格',
    });
  });

  it('still grades a vetoed unit 不合格', () => {
    const input = scenario([quarterly, annual], {
      facts: [full('Q1')],
      vetoes: [{ unitId: 'U1', category: '安全生产责任事故', reason: '火灾', period: 'Q1' }],
    });
    expect(unitOf(computeResults(input, { asOfPeriod: 'Q1' }))?.grade).toBe('不合格');
  });

  it('grades the full year on the final score, without a rate', () => {
    const input = scenario([quarterly, annual], { facts: [full('Q1'), full('Q2'), full('Q3'), full('Q4')] });
    const unit = unitOf(computeResults(input));
    expect(unit?.scoreRateBasisPoints).toBeUndefined();
    expect(unit?.grade).toBe('不合格');
  });
});

describe('periods scored on an earlier revision', () => {
  it('scores a period on its own target and says which revision scored it', () => {
    // Prepare: target 75 → 78 from Q3; 76 meets the first and misses the second.
    const amended = leaf({
      code: 'Q01',
      W: 100,
      rule: { type: 'threshold' },
      target: 78,
      periods: ['Q1', 'Q2', 'Q3', 'Q4'],
      byPeriod: { Q1: { target: 75 }, Q2: { target: 75 } },
    });
    const facts = (['Q1', 'Q2', 'Q3', 'Q4'] as const).map((period) =>
      fact({ code: 'Q01', period, verifiedValue: 76 }),
    );
    const input = scenario([amended], { facts });
    input.agreements[0]!.revisions = { Q1: 1, Q2: 1, Q3: 2, Q4: 2 };

    // Act
    const unit = unitOf(computeResults(input));

    // Assess
    const periods = unit?.leaves[0]?.periods ?? [];
    expect(periods.map((p) => [p.period, p.scoreCents])).toEqual([
      ['Q1', 10_000],
      ['Q2', 10_000],
      ['Q3', 0],
      ['Q4', 0],
    ]);
    expect(periods[0]?.explanation).toContain('目标值 75');
    expect(periods[2]?.explanation).toContain('目标值 78');
    expect(unit?.revisions).toEqual({ Q1: 1, Q2: 1, Q3: 2, Q4: 2 });
  });

  it('refuses a period scored on a different kind of rule', () => {
    const input = scenario([
      leaf({ periods: ['Q1', 'Q4'], byPeriod: { Q1: { rule: { type: 'linear', floor: 50 } } } }),
    ]);
    expect(() => computeResults(input)).toThrow(/评分规则类型须与全年相同/);
  });
});
