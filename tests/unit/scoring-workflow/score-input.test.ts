import { describe, expect, it } from 'vitest';
import { queueState, ratingCents, readScore, spreadAlerts } from '../../../shared/domain/scoring-workflow';
import type { Leaf } from '../../../shared/schemas/scenario';

const base = {
  name: '指标',
  direction: 'higher' as const,
  periods: ['Q1' as const, 'Q2' as const, 'Q3' as const, 'Q4' as const],
};
const threshold: Leaf = {
  ...base,
  code: '1.1',
  W: 8,
  measure: 'rate',
  rule: { type: 'threshold' },
  target: 75,
};
const count: Leaf = {
  ...base,
  code: '2.1',
  W: 5,
  measure: 'count',
  direction: 'lower',
  rule: { type: 'count', p: 1 },
};
const completion: Leaf = {
  ...base,
  code: '1.7',
  W: 5,
  measure: 'date',
  rule: { type: 'completion', lateFactor: 0.5 },
};
const points: Leaf = {
  ...base,
  code: '3.4',
  W: 5,
  measure: 'number',
  rule: { type: 'rating', scale: 'points' },
};
const bands: Leaf = {
  ...base,
  code: '2.3',
  W: 10,
  measure: 'number',
  rule: { type: 'rating', scale: 'bands' },
};

describe('readScore', () => {
  it('scores a verified value with the engine and explains it', () => {
    const res = readScore(threshold, { verifiedValue: 80, comment: '' }, 'r');
    expect(res).toMatchObject({ ok: true, computed: { scoreCents: 800, score: '8.00' } });
  });

  it('requires a comment below full points, naming body.comment', () => {
    const res = readScore(threshold, { verifiedValue: 70, comment: ' ' }, 'r');
    expect(res).toEqual({ ok: false, details: [expect.objectContaining({ path: 'body.comment' })] });
  });

  it('validates the value by the leaf’s measure', () => {
    expect(readScore(threshold, { verifiedValue: 120, comment: 'x' }, 'r')).toMatchObject({
      ok: false,
      details: [{ path: 'body.verifiedValue' }],
    });
    expect(readScore(threshold, { occurrences: 1, comment: 'x' }, 'r')).toMatchObject({
      ok: false,
      details: [{ path: 'body.occurrences' }],
    });
  });

  it('takes occurrences for count and a completion status for completion', () => {
    expect(readScore(count, { occurrences: 2, comment: '迟报两次' }, 'r')).toMatchObject({
      ok: true,
      fields: { kind: 'verification', occurrences: 2 },
      computed: { scoreCents: 300 },
    });
    expect(readScore(count, { comment: '' }, 'r')).toMatchObject({
      ok: false,
      details: [{ path: 'body.occurrences' }],
    });
    expect(readScore(completion, { completion: 'late', comment: '逾期一个月' }, 'r')).toMatchObject({
      ok: true,
      computed: { scoreCents: 250 },
    });
  });

  it('takes points within [0, W] in 0.1 steps, or a band on a band scale', () => {
    expect(readScore(points, { points: 4.5, comment: '略有不足' }, 'r')).toMatchObject({
      ok: true,
      fields: { kind: 'rating', pointsCents: 450 },
    });
    expect(readScore(points, { points: 5, comment: '' }, 'r')).toMatchObject({ ok: true });
    for (const bad of [4.55, 5.1, -1]) {
      expect(readScore(points, { points: bad, comment: 'x' }, 'r')).toMatchObject({
        ok: false,
        details: [{ path: 'body.points' }],
      });
    }
    const offGrid: Leaf = { ...points, W: 2.75 };
    expect(readScore(offGrid, { points: 2.75, comment: '' }, 'r')).toMatchObject({
      ok: true,
      fields: { kind: 'rating', pointsCents: 275 },
      computed: { scoreCents: 275 },
    });
    expect(readScore(offGrid, { points: 2.7, comment: '略有不足' }, 'r')).toMatchObject({ ok: true });
    for (const bad of [2.74, 2.8]) {
      expect(readScore(offGrid, { points: bad, comment: 'x' }, 'r')).toMatchObject({
        ok: false,
        details: [{ path: 'body.points', message: '评分须为 0–2.75 分、0.1 分一档或满分 2.75' }],
      });
    }
    expect(readScore(bands, { band: '良', comment: '内控制度不全' }, 'r')).toMatchObject({
      ok: true,
      computed: { scoreCents: 800 },
    });
    expect(readScore(bands, { points: 8, comment: 'x' }, 'r')).toMatchObject({ ok: false });
  });
});

describe('queue state and spread alerts', () => {
  it('marks returned first, then scored, else pending', () => {
    expect(queueState({ reportedStatus: 'returned', scored: true })).toBe('returned');
    expect(queueState({ reportedStatus: 'submitted', scored: true })).toBe('scored');
    expect(queueState({ reportedStatus: null, scored: false })).toBe('pending');
  });

  it('alerts when raters differ by more than 20 % of W, not at exactly 20 %', () => {
    const group = (marks: number[]) => ({
      unitId: 'u',
      code: '3.4',
      period: 'Q4' as const,
      wCents: 500,
      marks: marks.map((cents, i) => ({ raterId: `r${i}`, cents })),
    });
    expect(spreadAlerts([group([500, 300])])).toHaveLength(1);
    expect(spreadAlerts([group([500, 400])])).toHaveLength(0);
    expect(spreadAlerts([group([500])])).toHaveLength(0);
    expect(ratingCents(bands, { band: '中' })).toBe(600);
  });
});
