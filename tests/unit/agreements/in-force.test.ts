/** Which signed revision of an agreement is in force in each period (amendments in the year). */
import { describe, expect, it } from 'vitest';
import {
  contentInPeriod,
  inForceAfterSigning,
  inForceBeforeAmendment,
  isScored,
  nextOpenPeriod,
} from '../../../shared/domain/agreements/in-force';
import { defaultSettings } from '../../../shared/domain/years/new-year';
import type { Agreement, AgreementDimension } from '../../../shared/schemas/agreement';
import type { Period } from '../../../shared/schemas/year';

const tree = (target: number): AgreementDimension[] => [
  {
    name: '基本公共卫生服务',
    leaves: [
      {
        code: '1.1',
        name: '居民健康档案建档率',
        W: 100,
        measure: 'rate',
        direction: 'higher',
        rule: { type: 'threshold' },
        target,
        periods: ['Q1', 'Q2', 'Q3', 'Q4'],
        evidence: '',
        department: '',
        origin: 'template',
        targetSource: 'agreement',
      } as AgreementDimension['leaves'][number],
    ],
  },
];

const agreement = (over: Partial<Agreement>): Agreement =>
  ({ state: 'signed', revision: 1, dimensions: tree(75), ...over }) as Agreement;

const targetIn = (a: Agreement, period: Period) => contentInPeriod(a, period)?.[0]?.leaves[0]?.target;

describe('revisions in force', () => {
  it('scores nothing before the first signature, and a signed agreement all year', () => {
    expect(isScored(agreement({ state: 'issued' }))).toBe(false);
    expect(isScored(agreement({ state: 'draft' }))).toBe(false);
    expect(targetIn(agreement({}), 'Q4')).toBe(75);
  });

  it('keeps scoring the signed revision while an approved amendment waits for the signature', () => {
    // Prepare: revision 1 signed; the amendment (78 from Q3) approved: back to issued, revision 2.
    const signed = agreement({ inForce: [{ revision: 1, from: 'Q1' }] });
    const approved = agreement({
      state: 'issued',
      revision: 2,
      dimensions: tree(78),
      effectiveFrom: 'Q3',
      inForce: inForceBeforeAmendment(signed),
    });
    // Assess
    expect(isScored(approved)).toBe(true);
    expect((['Q1', 'Q2', 'Q3', 'Q4'] as const).map((p) => targetIn(approved, p))).toEqual([75, 75, 75, 75]);

    // Act: the head signs revision 2.
    const resigned = { ...approved, state: 'signed' as const };
    const next = { ...resigned, inForce: inForceAfterSigning(resigned) };
    // Assess
    expect(next.inForce.map((r) => [r.revision, r.from])).toEqual([
      [1, 'Q1'],
      [2, 'Q3'],
    ]);
    expect((['Q1', 'Q2', 'Q3', 'Q4'] as const).map((p) => targetIn(next, p))).toEqual([75, 75, 78, 78]);
  });

  it('lets a later amendment that reaches back replace the revisions it covers', () => {
    const current = agreement({
      revision: 3,
      dimensions: tree(80),
      effectiveFrom: 'Q2',
      inForce: [
        { revision: 1, from: 'Q1', dimensions: tree(75) },
        { revision: 2, from: 'Q3', dimensions: tree(78) },
      ],
    });
    const after = { ...current, inForce: inForceAfterSigning(current) };
    expect(after.inForce.map((r) => [r.revision, r.from])).toEqual([
      [1, 'Q1'],
      [3, 'Q2'],
    ]);
    expect((['Q1', 'Q2', 'Q3', 'Q4'] as const).map((p) => targetIn(after, p))).toEqual([75, 80, 80, 80]);
  });
});

describe('the default effective period', () => {
  const windows = defaultSettings(2026).periods;
  it('is the first period whose window has not closed, else Q4', () => {
    expect(nextOpenPeriod(windows, new Date('2026-05-01T00:00:00+08:00'))).toBe('Q2');
    expect(nextOpenPeriod(windows, new Date('2026-10-10T17:00:00+08:00'))).toBe('Q3');
    expect(nextOpenPeriod(windows, new Date('2026-11-26T10:00:00+08:00'))).toBe('Q4');
    expect(nextOpenPeriod(windows, new Date('2027-02-01T00:00:00+08:00'))).toBe('Q4');
  });
});
