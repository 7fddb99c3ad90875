import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/schemas/scoring';
import { auditValueText, historyLines } from '../../../web/src/pages/scoring/history-model';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 'e1',
  year: 2026,
  unitId: 'luoyang-thc',
  period: 'Q3',
  code: '1.1',
  kind: 'verify',
  by: 'rater-jiceng',
  byName: '赵敏',
  at: '2026-10-20T02:00:00.000Z',
  old: null,
  new: null,
  reason: '',
  ...over,
});

describe('score history in words', () => {
  it('says what each side of a change was, never a stored code', () => {
    expect(auditValueText('verify', { verifiedValue: 72.5, comment: 'x', raterId: 'r' }, 'r')).toBe(
      '核定值 72.5',
    );
    expect(auditValueText('verify', { completion: 'late' }, 'r')).toBe('逾期完成');
    expect(auditValueText('verify', { occurrences: 2 }, 'r')).toBe('发生 2 次');
    expect(auditValueText('rate', { pointsCents: 450 }, 'r')).toBe('4.5 分');
    expect(auditValueText('rate', { band: '良' }, 'r')).toBe('等级 良');
    expect(auditValueText('return', { status: 'submitted' }, 'r')).toBe('已提交');
    expect(auditValueText('verify', null, 'r')).toBe('无');
    expect(auditValueText('reassign', { raterId: 'r' }, 'r')).toBe('您');
    expect(auditValueText('reassign', { raterId: 'other' }, 'r')).toBe('其他成员');
  });

  it('lists the newest change first, with who, what and why', () => {
    const lines = historyLines(
      [
        entry({ id: 'a', new: { verifiedValue: 70 } }),
        entry({
          id: 'b',
          at: '2026-10-21T02:00:00.000Z',
          old: { verifiedValue: 70 },
          new: { verifiedValue: 66 },
          reason: '复核',
        }),
      ],
      'rater-jiceng',
    );
    expect(lines.map((l) => l.id)).toEqual(['b', 'a']);
    expect(lines[0]).toMatchObject({
      who: '赵敏',
      what: '核定',
      from: '核定值 70',
      to: '核定值 66',
      reason: '复核',
    });
  });
});

describe('staged review entries in the score history', () => {
  it('say where the review stands and its figure (docs/review-stages.md)', () => {
    const stage = { status: 'second', self: { pointsCents: 2000 }, last: { pointsCents: 1650 } };
    expect(auditValueText('stage_review', stage, 'r')).toBe('待复审，16.50 分');
    expect(
      auditValueText('self_assess', { status: 'draft', self: { pointsCents: 1800 }, last: null }, 'r'),
    ).toBe('自评中，18.00 分');
    expect(historyLines([entry({ kind: 'self_submit', new: { status: 'first' } })], 'r')[0]?.what).toBe(
      '提交自评',
    );
  });
});
