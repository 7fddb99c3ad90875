/**
 * Authorization, in one place. Every API route names one action; POLICY says which roles may
 * perform it. Unit-scoped reads are narrowed further by `canSeeUnit`.
 * The route × role matrix test walks every route of the OpenAPI document against this table.
 */
import { ForbiddenError } from '../errors';
import type { Principal, Role } from './roles';

export const POLICY = {
  'me.read': ['admin', 'reporter', 'unit_head', 'rater', 'inspector', 'leader'],
  'org.read': ['admin', 'reporter', 'unit_head', 'rater', 'inspector', 'leader'],
  'org.write': ['admin'],
  'users.read': ['admin', 'leader'],
  'years.read': ['admin', 'reporter', 'unit_head', 'rater', 'inspector', 'leader'],
  'years.write': ['admin'],
  'results.read': ['admin', 'leader', 'unit_head', 'reporter', 'rater', 'inspector'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof POLICY;

/** True when one of the principal's roles may perform the action. */
export const isAllowed = (principal: Principal, action: Action): boolean =>
  principal.roles.some((role) => (POLICY[action] as readonly Role[]).includes(role));

export const assertAllowed = (principal: Principal, action: Action): void => {
  if (!isAllowed(principal, action)) throw new ForbiddenError();
};

/** Roles that see every unit; everyone else sees their own unit only (raters/inspectors: assigned ones). */
const ALL_UNIT_ROLES: readonly Role[] = ['admin', 'leader'];

/**
 * May the principal read data of this unit? `assignedUnitIds` is what the rater or inspector was
 * assigned to; a unit role sees only the unit on its token.
 */
export const canSeeUnit = (
  principal: Principal,
  unitId: string,
  assignedUnitIds: ReadonlySet<string> = new Set(),
): boolean => {
  if (principal.roles.some((r) => ALL_UNIT_ROLES.includes(r))) return true;
  if (principal.unitId === unitId && principal.roles.some((r) => r === 'reporter' || r === 'unit_head'))
    return true;
  return assignedUnitIds.has(unitId);
};

export const assertCanSeeUnit = (
  principal: Principal,
  unitId: string,
  assignedUnitIds?: ReadonlySet<string>,
): void => {
  // 403 without saying whether the unit exists: a foreign unit's data leaks nothing.
  if (!canSeeUnit(principal, unitId, assignedUnitIds)) throw new ForbiddenError('无权查看其他单位的数据');
};
