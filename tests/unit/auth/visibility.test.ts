/** The per-record read rules of shared/auth/visibility.ts, without HTTP or a store. */
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth/roles';
import {
  canReadInspection,
  canReadProposal,
  canReadRectification,
  inScope,
  isUnitMember,
  seesEveryUnit,
} from '../../../shared/auth/visibility';

const person = (roles: Principal['roles'], unitId: string | null = null, userId = 'u1'): Principal => ({
  userId,
  name: '测试',
  roles,
  unitId,
});
const inspection = { unitId: 'a', team: ['insp'], recordedBy: 'insp', state: 'submitted' as const };

describe('visibility', () => {
  it('lets the admin and leaders see every unit, nobody else', () => {
    expect(seesEveryUnit(person(['leader']))).toBe(true);
    expect(seesEveryUnit(person(['admin']))).toBe(true);
    expect(seesEveryUnit(person(['rater', 'inspector']))).toBe(false);
  });

  it('makes a unit member of the unit on the token only, and only for unit roles', () => {
    expect(isUnitMember(person(['reporter'], 'a'), 'a')).toBe(true);
    expect(isUnitMember(person(['reporter'], 'a'), 'b')).toBe(false);
    expect(isUnitMember(person(['rater'], 'a'), 'a')).toBe(false);
  });

  it('shows an inspection to its team, and to its unit once approved', () => {
    expect(canReadInspection(person(['inspector'], null, 'insp'), inspection)).toBe(true);
    expect(canReadInspection(person(['inspector'], null, 'other'), inspection)).toBe(false);
    expect(canReadInspection(person(['unit_head'], 'a'), inspection)).toBe(false);
    expect(canReadInspection(person(['unit_head'], 'a'), { ...inspection, state: 'approved' })).toBe(true);
  });

  it('gives an inspector who heads a unit the union of both roles', () => {
    const both = person(['inspector', 'unit_head'], 'a', 'other');
    expect(canReadInspection(both, { ...inspection, state: 'approved' })).toBe(true);
    expect(canReadRectification(both, { unitId: 'a', team: ['insp'] })).toBe(true);
    const bonus = { unitId: 'a', kind: 'bonus' as const, proposedBy: 'a-head' };
    expect(canReadProposal(both, bonus, new Set())).toBe(true);
    expect(canReadProposal(person(['inspector'], null, 'other'), bonus, new Set(['a']))).toBe(false);
  });

  it('shows an inspector penalties and vetoes of assigned units and their own proposals only', () => {
    const inspector = person(['inspector'], null, 'insp');
    const veto = { unitId: 'b', kind: 'veto' as const, proposedBy: 'someone' };
    expect(canReadProposal(inspector, veto, new Set(['a']))).toBe(false);
    expect(canReadProposal(inspector, veto, new Set(['b']))).toBe(true);
    expect(canReadProposal(inspector, { ...veto, proposedBy: 'insp' }, new Set())).toBe(true);
    expect(inScope('all', 'z')).toBe(true);
  });
});
