import { describe, expect, it } from 'vitest';
import {
  answerRectification,
  assertInspectionDate,
  assertTeam,
  DEFAULT_VETO_CATEGORY,
  decideInspection,
  recordInspection,
  reviewRectification,
} from '../../../shared/domain/inspections/decision';
import { ConflictError, ForbiddenError, ValidationError } from '../../../shared/errors';
import type { Finding, Inspection, Rectification } from '../../../shared/schemas/inspection';

const AT = new Date('2026-06-02T08:00:00Z');
const ADMIN = { userId: 'admin-1' };
const finding = (n: number, over: Partial<Finding> = {}): Finding => ({
  n,
  itemCode: `XF-0${n}`,
  itemText: `检查项${n}`,
  leafCode: '3.2',
  pointsCents: 200,
  veto: false,
  note: '',
  ...over,
});
const submitted = (findings: Finding[]): Inspection =>
  recordInspection({
    year: 2026,
    unitId: 'u1',
    kind: '明查',
    date: '2026-06-01',
    team: ['insp-1', 'insp-2'],
    findings,
    summary: '',
    actor: { userId: 'insp-1' },
    at: new Date('2026-06-01T09:00:00Z'),
    suffix: 'abcd1234',
  });

describe('recordInspection', () => {
  it('records a submitted inspection named after its date, version 1', () => {
    const i = submitted([]);
    expect(i).toMatchObject({
      id: 'ins-20260601-abcd1234',
      state: 'submitted',
      recordedBy: 'insp-1',
      version: 1,
    });
  });
});

describe('assertInspectionDate', () => {
  it('refuses a date after today or outside the year, naming the date field', () => {
    expect(() => assertInspectionDate('2026-06-03', 2026, '2026-06-02')).toThrow('检查日期不能晚于今天');
    expect(() => assertInspectionDate('2025-12-31', 2026, '2026-06-02')).toThrow(ValidationError);
    expect(() => assertInspectionDate('2026-06-02', 2026, '2026-06-02')).not.toThrow();
  });
});

describe('assertTeam', () => {
  const inspector = (id: string, affiliated: string[] = []) => ({
    id,
    name: id,
    roles: ['inspector' as const],
    affiliatedUnitIds: affiliated,
  });
  const unit = { id: 'u1', name: '县医院' };

  it('refuses a member who is not an inspector (400) before an affiliated one (403)', () => {
    expect(() => assertTeam(['a', 'x'], [inspector('a', ['u1']), undefined], unit)).toThrow(ValidationError);
  });

  it('makes an affiliated member recuse themselves', () => {
    expect(() => assertTeam(['a', 'b'], [inspector('a'), inspector('b', ['u1'])], unit)).toThrow(
      ForbiddenError,
    );
    expect(() => assertTeam(['a'], [inspector('a', ['u2'])], unit)).not.toThrow();
  });
});

describe('decideInspection', () => {
  it('approval writes deductions, veto proposals (default category) and rectification orders', () => {
    // Prepare
    const inspection = submitted([
      finding(1),
      finding(2, { pointsCents: 0 }),
      finding(3, { veto: true, pointsCents: 0, note: '已立案' }),
      finding(4, { veto: true, pointsCents: 0, vetoCategory: '重大医疗事故' }),
      finding(5, { rectifyBy: '2026-07-01', note: '限期整改' }),
    ]);

    // Act
    const { decided, facts } = decideInspection(inspection, { decision: 'approve' }, ADMIN, AT);

    // Assess
    expect(decided).toMatchObject({ state: 'approved', decidedBy: 'admin-1', decidedAt: AT.toISOString() });
    expect(facts.deductions.map((d) => [d.id, d.code, d.pointsCents, d.state])).toEqual([
      ['ins-20260601-abcd1234-1', '3.2', 200, 'approved'],
      ['ins-20260601-abcd1234-5', '3.2', 200, 'approved'],
    ]);
    expect(facts.deductions[0]?.source).toBe('2026-06-01 明查 第1项：检查项1');
    expect(facts.vetoes.map((v) => [v.id, v.category, v.state, v.proposedBy])).toEqual([
      ['v-ins-20260601-abcd1234-3', DEFAULT_VETO_CATEGORY, 'proposed', 'insp-1'],
      ['v-ins-20260601-abcd1234-4', '重大医疗事故', 'proposed', 'insp-1'],
    ]);
    expect(facts.vetoes[0]?.reason).toContain('检查项3，已立案');
    expect(facts.rectifications).toEqual([
      expect.objectContaining({
        id: 'ins-20260601-abcd1234-5',
        dueDate: '2026-07-01',
        state: 'open',
        team: ['insp-1', 'insp-2'],
        history: [{ action: 'opened', by: 'admin-1', at: AT.toISOString(), note: '' }],
      }),
    ]);
  });

  it('rejection writes nothing beside the record and needs a reason', () => {
    const inspection = submitted([finding(1, { rectifyBy: '2026-07-01' })]);
    expect(() => decideInspection(inspection, { decision: 'reject' }, ADMIN, AT)).toThrow(ValidationError);
    const { decided, facts } = decideInspection(
      inspection,
      { decision: 'reject', reason: '证据不足' },
      ADMIN,
      AT,
    );
    expect(decided).toMatchObject({ state: 'rejected', decisionReason: '证据不足' });
    expect(facts).toEqual({ deductions: [], vetoes: [], rectifications: [] });
  });

  it('refuses to decide twice (409 WRONG_STATE)', () => {
    const { decided } = decideInspection(submitted([]), { decision: 'approve' }, ADMIN, AT);
    const refusal = (() => {
      try {
        decideInspection(decided, { decision: 'approve' }, ADMIN, AT);
      } catch (e) {
        return e;
      }
    })();
    expect(refusal).toBeInstanceOf(ConflictError);
    expect(refusal).toMatchObject({ code: 'WRONG_STATE', extra: { state: 'approved' } });
  });
});

describe('rectification', () => {
  const open = (): Rectification =>
    decideInspection(submitted([finding(1, { rectifyBy: '2026-07-01' })]), { decision: 'approve' }, ADMIN, AT)
      .facts.rectifications[0] as Rectification;
  const unitHead = { userId: 'head-1' };
  const inspector = { userId: 'insp-2' };

  it('goes open → answered → returned (open) → answered → closed, each step in the history', () => {
    const answered = answerRectification(open(), '已退还费用', unitHead, AT);
    expect(answered).toMatchObject({ state: 'answered', answer: '已退还费用' });
    const returned = reviewRectification(answered, { decision: 'return', note: '缺凭证' }, inspector, AT);
    expect(returned.state).toBe('open');
    const closed = reviewRectification(
      answerRectification(returned, '补交凭证', unitHead, AT),
      { decision: 'close', note: '' },
      inspector,
      AT,
    );
    expect(closed.state).toBe('closed');
    expect(closed.history.map((h) => h.action)).toEqual([
      'opened',
      'answered',
      'returned',
      'answered',
      'closed',
    ]);
  });

  it('refuses an answer once answered or closed, a review before an answer, a return without a note', () => {
    const answered = answerRectification(open(), '已整改', unitHead, AT);
    expect(() => answerRectification(answered, '再报一次', unitHead, AT)).toThrow(
      '整改情况已报告，等待检查组审核',
    );
    expect(() => reviewRectification(open(), { decision: 'close', note: '' }, inspector, AT)).toThrow(
      ConflictError,
    );
    expect(() => reviewRectification(answered, { decision: 'return', note: '' }, inspector, AT)).toThrow(
      ValidationError,
    );
    const closed = reviewRectification(answered, { decision: 'close', note: '' }, inspector, AT);
    expect(() => answerRectification(closed, '补充', unitHead, AT)).toThrow('该整改已销号');
  });
});
