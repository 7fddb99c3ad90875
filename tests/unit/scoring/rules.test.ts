import { describe, expect, it } from 'vitest';
import { ruleTextOf, scoreLeafPeriod } from '../../../shared/domain/scoring';
import { LeafSchema } from '../../../shared/schemas/scenario';
import { fact, type LeafInput, leaf } from './fixtures/builders';

/** The score in points ('13.89') and explanation of one verified value on one leaf. */
const scoreOf = (definition: Partial<LeafInput>, verifiedValue: number | string | boolean) => {
  const scored = scoreLeafPeriod(leaf(definition), fact({ verifiedValue }));
  return {
    points: (scored.scoreCents / 100).toFixed(2),
    explanation: scored.explanation,
    status: scored.status,
  };
};

describe('threshold (达标得满分，未达标不得分)', () => {
  const higher = { W: 10, rule: { type: 'threshold' }, target: 90 } as const;
  const lower = {
    W: 10,
    measure: 'number',
    direction: 'lower',
    rule: { type: 'threshold' },
    target: 5,
  } as const;

  it.each([
    ['at the target', higher, 90, '10.00'],
    ['just above the target', higher, 90.01, '10.00'],
    ['just below the target', higher, 89.99, '0.00'],
    ['lower-better, at the target', lower, 5, '10.00'],
    ['lower-better, just below the target', lower, 4.99, '10.00'],
    ['lower-better, just above the target', lower, 5.01, '0.00'],
  ])('scores %s', (_, definition, value, points) => {
    // Act
    const scored = scoreOf(definition, value);

    // Assess
    expect(scored.points).toBe(points);
  });

  it('compares dates: done by the target date meets a lower-is-better date target', () => {
    // Prepare
    const byDate = {
      W: 5,
      measure: 'date',
      direction: 'lower',
      rule: { type: 'threshold' },
      target: '2024-06-30',
    } as const;

    // Act / Assess
    expect(scoreOf(byDate, '2024-06-30').points).toBe('5.00');
    expect(scoreOf(byDate, '2024-07-01')).toMatchObject({
      points: '0.00',
      explanation: '核定值 2024-07-01 > 目标值 2024-06-30，未达标，得 0.00',
    });
  });

  it('scores a yes/no indicator against its target', () => {
    // Prepare
    const yesNo = { W: 5, measure: 'boolean', rule: { type: 'threshold' }, target: true } as const;

    // Act / Assess
    expect(scoreOf(yesNo, true)).toMatchObject({
      points: '5.00',
      explanation: '核定值 是（目标 是），达标，得满分 5.00',
    });
    expect(scoreOf(yesNo, false).points).toBe('0.00');
  });
});

describe('linear (按完成比例计分)', () => {
  const higher = { W: 15, rule: { type: 'linear', floor: 70 }, target: 90 } as const;
  // 平均住院日: 8 days or fewer scores full, 12 or more scores 0.
  const lower = {
    W: 10,
    measure: 'number',
    direction: 'lower',
    rule: { type: 'linear', floor: 12 },
    target: 8,
  } as const;

  it.each([
    ['at the target', higher, 90, '15.00'],
    ['just above the target', higher, 90.01, '15.00'],
    ['just below the target', higher, 89.99, '14.99'],
    ['at the floor', higher, 70, '0.00'],
    ['just above the floor', higher, 70.01, '0.01'],
    ['just below the floor', higher, 69.99, '0.00'],
    ['between floor and target', higher, 88.52, '13.89'],
    ['lower-better, at the target', lower, 8, '10.00'],
    ['lower-better, just below the target', lower, 7.9, '10.00'],
    ['lower-better, just above the target', lower, 8.1, '9.75'],
    ['lower-better, at the floor', lower, 12, '0.00'],
    ['lower-better, just below the floor', lower, 11.9, '0.25'],
    ['lower-better, just above the floor', lower, 12.1, '0.00'],
  ])('scores %s', (_, definition, value, points) => {
    // Act
    const scored = scoreOf(definition, value);

    // Assess
    expect(scored.points).toBe(points);
  });

  it('rounds half-up at the leaf period score: 15 × 0.06 / 20 = 0.045 gives 0.05', () => {
    // Act
    const scored = scoreOf(higher, 70.06);

    // Assess
    expect(scored).toMatchObject({ points: '0.05', explanation: '15 × (70.06 − 70) / (90 − 70) = 0.05' });
  });

  it('explains a lower-is-better score with F − v', () => {
    // Act
    const scored = scoreOf(lower, 8.1);

    // Assess
    expect(scored.explanation).toBe('10 × (12 − 8.1) / (12 − 8) = 9.75');
  });
});

describe('step (每低于目标 s 个百分点扣 p 分，扣完为止)', () => {
  const proportional = { W: 20, rule: { type: 'step', s: 1, p: 2 }, target: 90 } as const;
  const ceil = { W: 20, rule: { type: 'step', s: 1, p: 2, mode: 'ceil' }, target: 90 } as const;
  const lower = {
    W: 20,
    measure: 'number',
    direction: 'lower',
    rule: { type: 'step', s: 1, p: 2 },
    target: 5,
  } as const;

  it.each([
    ['at the target', proportional, 90, '20.00'],
    ['just above the target', proportional, 90.01, '20.00'],
    ['just below the target', proportional, 89.99, '19.98'],
    ['2.5 points below the target', proportional, 87.5, '15.00'],
    ['where the points run out (the floor)', proportional, 80, '0.00'],
    ['just above the floor', proportional, 80.01, '0.02'],
    ['just below the floor', proportional, 79.99, '0.00'],
    ['ceil mode, at the target', ceil, 90, '20.00'],
    ['ceil mode, just below the target: a started step counts whole', ceil, 89.99, '18.00'],
    ['ceil mode, exactly one step below', ceil, 89, '18.00'],
    ['ceil mode, just over one step below', ceil, 88.99, '16.00'],
    ['ceil mode, past the floor', ceil, 79.5, '0.00'],
    ['lower-better, at the target', lower, 5, '20.00'],
    ['lower-better, just below the target', lower, 4.99, '20.00'],
    ['lower-better, just above the target', lower, 5.01, '19.98'],
  ])('scores %s', (_, definition, value, points) => {
    // Act
    const scored = scoreOf(definition, value);

    // Assess
    expect(scored.points).toBe(points);
  });

  it('rounds W − p × d / s once: 20 − 1 × 1 / 3 = 19.67', () => {
    // Act
    const scored = scoreOf({ W: 20, rule: { type: 'step', s: 3, p: 1 }, target: 90 }, 89);

    // Assess
    expect(scored).toMatchObject({ points: '19.67', explanation: '20 − 1 × (90 − 89) / 3 = 19.67' });
  });

  it('explains ceil mode and running out of points', () => {
    // Act / Assess
    expect(scoreOf(ceil, 88.99).explanation).toBe('20 − 2 × ⌈(90 − 88.99) / 1⌉ = 20 − 2 × 2 = 16.00');
    expect(scoreOf(proportional, 70).explanation).toBe('20 − 2 × (90 − 70) / 1 = 0.00（扣完为止）');
  });

  it('counts days for a date target', () => {
    // Prepare
    const dueDate = {
      W: 5,
      measure: 'date',
      direction: 'lower',
      rule: { type: 'step', s: 1, p: 1 },
      target: '2024-06-30',
    } as const;

    // Act
    const scored = scoreOf(dueDate, '2024-07-03');

    // Assess
    expect(scored).toMatchObject({ points: '2.00', explanation: '5 − 1 × 3 / 1 = 2.00' });
  });
});

describe('count (每发生一次扣 p 分)', () => {
  const rule = { W: 10, measure: 'count', rule: { type: 'count', p: 2 } } as const;

  it.each([
    [0, '10.00'],
    [1, '8.00'],
    [5, '0.00'],
    [6, '0.00'],
  ])('scores %i verified occurrences', (occurrences, points) => {
    // Act
    const scored = scoreLeafPeriod(leaf(rule), fact({ occurrences }));

    // Assess
    expect((scored.scoreCents / 100).toFixed(2)).toBe(points);
  });

  it('reads the occurrences from the verified value when no count is given, and explains', () => {
    // Act
    const scored = scoreOf(rule, 3);

    // Assess
    expect(scored).toMatchObject({ points: '4.00', explanation: '发生 3 次：10 − 2 × 3 = 4.00' });
  });
});

describe('completion (按期完成得满分)', () => {
  it.each([
    ['on time', 'on_time', undefined, '10.00'],
    ['late, with the default factor 0.5', 'late', undefined, '5.00'],
    ['late, with factor 0.3', 'late', 0.3, '3.00'],
    ['not done', 'not_done', undefined, '0.00'],
  ] as const)('scores a task done %s', (_, completion, lateFactor, points) => {
    // Prepare
    const rule =
      lateFactor === undefined
        ? { type: 'completion' as const }
        : { type: 'completion' as const, lateFactor };

    // Act
    const scored = scoreLeafPeriod(leaf({ W: 10, rule }), fact({ completion }));

    // Assess
    expect((scored.scoreCents / 100).toFixed(2)).toBe(points);
  });

  it('rounds a late score half-up: 0.05 × 0.5 = 0.025 gives 0.03', () => {
    // Act
    const scored = scoreLeafPeriod(
      leaf({ W: 0.05, rule: { type: 'completion' } }),
      fact({ completion: 'late' }),
    );

    // Assess
    expect(scored).toMatchObject({ scoreCents: 3, explanation: '逾期完成：0.05 × 0.5 = 0.03' });
  });
});

describe('deduction (扣分制)', () => {
  const rule = { W: 20, rule: { type: 'deduction' } } as const;

  it.each([
    ['no deduction', [], 2000],
    ['one finding of 2', [2], 1800],
    ['fractional findings', [0.5, 0.25], 1925],
    ['more than W', [15, 10], 0],
  ] as const)('scores W − Σ deductions with %s', (_, points, cents) => {
    // Prepare
    const deductions = points.map((p, i) => ({ points: p, source: `明查暗访 ${i + 1}` }));

    // Act
    const scored = scoreLeafPeriod(leaf(rule), undefined, deductions);

    // Assess
    expect(scored.scoreCents).toBe(cents);
  });

  it('names each deduction in the explanation', () => {
    // Act
    const scored = scoreLeafPeriod(leaf(rule), undefined, [{ points: 2, source: '明查暗访 2024-05' }]);

    // Assess
    expect(scored.explanation).toBe('20 − 2（明查暗访 2024-05） = 18.00');
  });
});

describe('a value that is missing or not yet verified', () => {
  it.each([
    ['threshold', { rule: { type: 'threshold' } }],
    ['linear', { rule: { type: 'linear', floor: 70 } }],
    ['step', { rule: { type: 'step', s: 1, p: 2 } }],
    ['count', { measure: 'count', rule: { type: 'count', p: 2 } }],
    ['completion', { rule: { type: 'completion' } }],
    ['rating', { rule: { type: 'rating' } }],
  ] as const)('scores 0 as missing on a %s leaf when nothing was recorded', (_, definition) => {
    // Act
    const scored = scoreLeafPeriod(leaf(definition), undefined);

    // Assess
    expect(scored).toMatchObject({ scoreCents: 0, status: 'missing' });
  });

  it('scores 0 as unverified when only a reported value exists, and says why', () => {
    // Act
    const scored = scoreLeafPeriod(leaf(), fact({ verified: false, reportedValue: 95 }));

    // Assess
    expect(scored).toEqual({
      scoreCents: 0,
      status: 'unverified',
      explanation: '填报值 95，尚未核定，不计分，得 0.00',
    });
  });

  it('does not count a verified value while the fact is marked unverified', () => {
    // Act
    const scored = scoreLeafPeriod(leaf(), fact({ verified: false, verifiedValue: 95 }));

    // Assess
    expect(scored).toMatchObject({ scoreCents: 0, status: 'unverified' });
  });

  it('scores 0 as missing when a fact is verified without a value', () => {
    // Act
    const scored = scoreLeafPeriod(leaf(), fact({ verifiedValue: null, reportedValue: 95 }));

    // Assess
    expect(scored).toEqual({ scoreCents: 0, status: 'missing', explanation: '无核定值，得 0.00' });
  });
});

describe('rule texts', () => {
  it('keeps the agreement’s own wording', () => {
    // Act / Assess
    expect(ruleTextOf(LeafSchema.parse(leaf({ ruleText: '建档率达到 80% 得满分' })))).toBe(
      '建档率达到 80% 得满分',
    );
  });

  it.each<[Partial<LeafInput>, string]>([
    [{ rule: { type: 'threshold' } }, '达标得满分，未达标不得分（目标值 ≥ 90%）'],
    [
      { rule: { type: 'linear', floor: 70 } },
      '按完成比例计分：达到 90% 得满分，70% 及以下不得分，其间按比例计分',
    ],
    [{ rule: { type: 'step', s: 1, p: 2 } }, '目标值 90%，每低于目标 1 个百分点扣 2 分，扣完为止'],
    [
      { rule: { type: 'step', s: 1, p: 2, mode: 'ceil' } },
      '目标值 90%，每低于目标 1 个百分点扣 2 分（不足 1 个百分点按 1 个百分点计），扣完为止',
    ],
    [{ rule: { type: 'count', p: 0.5 } }, '每发生一次扣 0.5 分，扣完为止'],
    [{ rule: { type: 'completion' } }, '按期完成得满分，逾期完成得 50%，未完成不得分'],
  ])('writes one in the engine’s words when the agreement has none: %j', (definition, text) => {
    // Act / Assess
    expect(ruleTextOf(LeafSchema.parse(leaf(definition)))).toBe(text);
  });

  it('has none for a leaf that cannot be scored', () => {
    // Act / Assess
    expect(ruleTextOf(LeafSchema.parse(leaf({ rule: { type: 'step', s: 0, p: 2 } })))).toBeNull();
  });
});
