import { describe, expect, it } from 'vitest';
import {
  finalizeSheet,
  MAX_UNITS_PER_SHEET,
  reopenSheet,
} from '../../../shared/domain/scoring-workflow/sheet';
import type { Assignment, RaterSheet } from '../../../shared/schemas/scoring';

const AT = new Date('2026-04-10T01:00:00Z');
const RATER = { userId: 'r1', name: '张委员' };
const ADMIN = { userId: 'admin', name: '考核办' };
const open: RaterSheet = { year: 2026, period: 'Q1', raterId: 'r1', state: 'open', version: 0 };
const assigned = (unitId: string, code: string) =>
  ({ year: 2026, period: 'Q1', unitId, code, raterId: 'r1' }) as Assignment;

describe('finalizeSheet', () => {
  it('finalizes with one audit entry per unit the sheet covers', () => {
    // Act
    const { next, entries } = finalizeSheet(
      open,
      [assigned('u1', '1.1'), assigned('u1', '1.2'), assigned('u2', '1.1')],
      RATER,
      AT,
    );

    // Assess
    expect(next).toMatchObject({ state: 'finalized', finalizedAt: AT.toISOString(), version: 1 });
    expect(entries.map((e) => [e.unitId, e.kind, e.code, e.by])).toEqual([
      ['u1', 'finalize', null, 'r1'],
      ['u2', 'finalize', null, 'r1'],
    ]);
    expect(entries[0]).toMatchObject({ old: { state: 'open' }, new: { state: 'finalized' } });
  });

  it('refuses a sheet with items still unscored, naming each in Chinese', () => {
    // Act
    const refused = () =>
      finalizeSheet(open, [assigned('u1', '1.1'), assigned('u2', '1.2')], RATER, AT, [
        { unitId: 'u1', unitName: '城关镇卫生院', code: '1.1', name: '预防接种' },
        { unitId: 'u2', unitName: '河东乡卫生院', code: '1.2', name: '群众满意度' },
      ]);

    // Assess
    expect(refused).toThrow(
      expect.objectContaining({
        status: 409,
        code: 'SHEET_INCOMPLETE',
        message: '还有 2 项尚未评分，不能定稿：城关镇卫生院 1.1 预防接种；河东乡卫生院 1.2 群众满意度',
        details: [
          { path: 'u1/1.1', message: '城关镇卫生院 1.1 预防接种' },
          { path: 'u2/1.2', message: '河东乡卫生院 1.2 群众满意度' },
        ],
      }),
    );
  });

  it('refuses a finalized sheet, an empty one and one over the transaction limit', () => {
    const { next } = finalizeSheet(open, [assigned('u1', '1.1')], RATER, AT);
    expect(() => finalizeSheet(next, [assigned('u1', '1.1')], RATER, AT)).toThrow(
      expect.objectContaining({ code: 'SHEET_FINALIZED' }),
    );
    expect(() => finalizeSheet(open, [], RATER, AT)).toThrow(
      expect.objectContaining({ code: 'NOTHING_TO_FINALIZE' }),
    );
    const many = Array.from({ length: MAX_UNITS_PER_SHEET + 1 }, (_, i) => assigned(`u${i}`, '1.1'));
    expect(() => finalizeSheet(open, many, RATER, AT)).toThrow(
      expect.objectContaining({ code: 'TOO_MANY_UNITS' }),
    );
  });
});

describe('reopenSheet', () => {
  it('reopens a finalized sheet with the reason, audited per unit; refuses an open one', () => {
    const { next: finalized } = finalizeSheet(open, [assigned('u1', '1.1')], RATER, AT);
    const { next, entries } = reopenSheet(finalized, [assigned('u1', '1.1')], '录入错误', ADMIN, AT);
    expect(next).toMatchObject({ state: 'open', reopenedBy: 'admin', reopenReason: '录入错误', version: 2 });
    expect(entries).toEqual([
      expect.objectContaining({
        unitId: 'u1',
        kind: 'reopen',
        by: 'admin',
        reason: '录入错误',
        old: { raterId: 'r1', state: 'finalized' },
      }),
    ]);
    expect(() => reopenSheet(open, [], '再开', ADMIN, AT)).toThrow(
      expect.objectContaining({ code: 'WRONG_STATE' }),
    );
  });
});
