/**
 * The staged review's rules without HTTP: order of stages, reasons, returns restarting at the
 * first stage, the chain's wording, the figure the engine takes, the distance and its warning.
 */
import { describe, expect, it } from 'vitest';
import {
  chainText,
  decideStage,
  distanceReport,
  emptyReview,
  readSelfScore,
  stageFigure,
  stageSettingsProblems,
  submitSelf,
  systematicOverclaims,
  withSelfScore,
} from '../../../shared/domain/review-stages';
import { scoreLeafPeriod } from '../../../shared/domain/scoring';
import { collector } from '../../../shared/domain/years/readiness-kit';
import { checkOverclaim } from '../../../shared/domain/years/readiness-overclaim';
import { AppError } from '../../../shared/errors';
import type { ReviewStage, StageReview } from '../../../shared/schemas/review-stages';
import type { Leaf } from '../../../shared/schemas/scenario';

const STAGES: ReviewStage[] = ['first', 'second', 'final'];
const W = 2000;
const office = { userId: 'rater-fuyou', name: '刘芳' };
const at = '2026-12-20T09:00:00.000Z';
const rating: Leaf = {
  code: 'C2',
  name: '医德医风',
  W: 20,
  measure: 'number',
  direction: 'higher',
  rule: { type: 'rating', scale: 'points' },
  periods: ['Q4'],
};
const threshold: Leaf = {
  ...rating,
  code: 'A1',
  name: '建档率',
  measure: 'rate',
  rule: { type: 'threshold' },
  target: 80,
};

const submitted = (selfCents = 1800): StageReview => {
  const drafted = withSelfScore(
    emptyReview('u1', 'Q4', 'C2'),
    { pointsCents: selfCents, note: '一例投诉', computed: false, explanation: '' },
    { userId: 'u1-reporter', name: '填报员' },
    at,
  );
  return submitSelf(drafted, STAGES, { userId: 'u1-head', name: '负责人' }, at);
};

const pass = (review: StageReview, stage: ReviewStage, points: number, reason = '') =>
  decideStage(review, { stage, action: 'pass', points, reason }, W, STAGES, office, at);

const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError)
      return { status: error.status, message: error.message, details: error.details };
    throw error;
  }
  throw new Error('not refused');
};

describe('self score', () => {
  it('computes a formula leaf from the reported value and takes a rating leaf as entered', () => {
    expect(readSelfScore(threshold, { note: '' }, 86.5)).toMatchObject({ pointsCents: 2000, computed: true });
    expect(readSelfScore(rating, { points: 18.5, note: '良好' }, null)).toMatchObject({
      pointsCents: 1850,
      computed: false,
    });
  });

  it('asks a 自评说明 below full points, and refuses points outside [0, W]', () => {
    expect(refusal(() => readSelfScore(threshold, { note: '' }, 33.3)).details[0]?.path).toBe('body.note');
    expect(refusal(() => readSelfScore(rating, { points: 20.01, note: 'x' }, null)).status).toBe(400);
  });
});

describe('stages', () => {
  it('reads 自评 18.00 → 初审 16.50（材料不全）→ 复审 16.50 → 审定 16.50 and is done', () => {
    // Act
    const first = pass(submitted(), 'first', 16.5, '材料不全');
    const second = pass(first, 'second', 16.5, '同意');
    const final = pass(second, 'final', 16.5, '同意');
    // Assess
    expect(final.status).toBe('done');
    expect(chainText(final)).toBe('自评 18.00 → 初审 16.50（材料不全）→ 复审 16.50 → 审定 16.50');
    expect(stageFigure(final)).toEqual({ cents: 1650, stage: 'final', reason: '' });
    expect(stageFigure(first)).toEqual({ cents: 1650, stage: 'first', reason: '材料不全' });
  });

  it('skips no stage and acts once per stage', () => {
    const review = submitted();
    expect(refusal(() => pass(review, 'second', 18, 'x')).message).toContain('须先完成初审');
    const first = pass(review, 'first', 18, '属实');
    expect(refusal(() => pass(first, 'first', 18, 'x')).message).toContain('初审已完成');
  });

  it('needs a reason on a change and below full points; none to keep full points', () => {
    const full = submitted(2000);
    expect(refusal(() => pass(full, 'first', 19)).details[0]?.path).toBe('body.reason');
    expect(refusal(() => pass(submitted(1800), 'first', 18)).details[0]?.message).toContain('低于满分');
    expect(pass(full, 'first', 20).steps.at(-1)?.action).toBe('keep');
  });

  it('returns to the unit; the resubmission starts round 2 at 初审 and the engine falls back meanwhile', () => {
    const first = pass(submitted(), 'first', 16.5, '材料不全');
    const returned = decideStage(
      first,
      { stage: 'second', action: 'return', reason: '补充材料' },
      W,
      STAGES,
      office,
      at,
    );
    expect(returned.status).toBe('returned');
    expect(stageFigure(returned)).toBeNull();
    const again = submitSelf(returned, STAGES, { userId: 'u1-head', name: '负责人' }, at);
    expect(again).toMatchObject({ status: 'first', round: 2 });
    expect(chainText(again)).toBe('自评 18.00');
  });

  it('works with two stages (初审 → 审定)', () => {
    const two: ReviewStage[] = ['first', 'final'];
    const drafted = withSelfScore(
      emptyReview('u1', 'Q4', 'C2'),
      { pointsCents: 2000, note: '', computed: false, explanation: '' },
      office,
      at,
    );
    const review = submitSelf(drafted, two, office, at);
    const first = decideStage(
      review,
      { stage: 'first', action: 'pass', points: 20, reason: '' },
      W,
      two,
      office,
      at,
    );
    expect(first.status).toBe('final');
    expect(
      refusal(() =>
        decideStage(first, { stage: 'second', action: 'pass', points: 20, reason: '' }, W, two, office, at),
      ).message,
    ).toContain('不设复审');
    expect(stageSettingsProblems({ reviewStages: ['final', 'first'] }, 'body')).toHaveLength(1);
    expect(stageSettingsProblems({ reviewStages: ['second', 'final'] }, 'body')).toHaveLength(0);
  });
});

describe('the engine and the distance', () => {
  it('scores a period from the staged figure in place of the rule', () => {
    const scored = scoreLeafPeriod(threshold, {
      verified: true,
      verifiedValue: 90,
      staged: { points: '16.50', stage: '审定', reason: '材料不全' },
    });
    expect(scored).toMatchObject({
      scoreCents: 1650,
      status: 'scored',
      explanation: '审定 16.50（材料不全）',
    });
  });

  it('lists 自评 − 审定 and warns on a systematic overclaim', () => {
    const done = (code: string, self: number, final: number) => ({
      review: {
        ...pass(
          pass(pass(submitted(self), 'first', final / 100, 'x'), 'second', final / 100, 'x'),
          'final',
          final / 100,
          'x',
        ),
        code,
      },
      unitName: '一院',
      name: code,
    });
    const report = distanceReport(2026, [
      done('A', 1800, 1650),
      done('B', 2000, 1800),
      done('C', 1900, 1700),
      done('D', 1500, 1500),
    ]);
    expect(report.rows.map((r) => r.distanceCents)).toEqual([200, 200, 150, 0]);
    expect(report.byUnit[0]).toMatchObject({ items: 4, overclaimed: 3, distanceCents: 550 });
    expect(systematicOverclaims(report)).toHaveLength(1);
  });
});

describe('the readiness check before publicity', () => {
  it('warns of a unit overclaiming systematically, and passes without one', () => {
    const warned = collector();
    checkOverclaim(
      {
        year: { year: 2026 },
        overclaims: [{ unitId: 'u1', unitName: '一院', overclaimed: 3, distanceCents: 550 }],
      },
      warned,
    );
    const clean = collector();
    checkOverclaim({ year: { year: 2026 }, overclaims: [] }, clean);
    expect(warned.warnings[0]).toMatchObject({ code: 'SELF_OVERCLAIM', count: 1 });
    expect(warned.warnings[0]?.message).toContain('一院（3 项，高 5.50 分）');
    expect(clean.done).toEqual(['没有系统性自评偏高的单位']);
  });
});
