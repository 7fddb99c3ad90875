/**
 * Who the caller is, from verified claims: the claims themselves (Cognito groups, or the roles and
 * unit claims of the bureau's OpenID Connect provider), or, where the provider cannot carry roles,
 * the Kaoping user record the admin bound to the caller's sign-in id (IdP subject or staff number).
 */
import { ForbiddenError } from '../errors';
import type { User } from '../schemas/org';
import { type IdTokenClaims, type Principal, principalFromClaims } from './roles';

/** Finds the user record bound to a sign-in id (`getUserBySignInId`). */
export type UserBySignInId = (signInId: string) => Promise<User | undefined>;

export const UNREGISTERED_MESSAGE = '您的统一身份认证账号尚未在考评系统登记，请联系考核办';

/**
 * The principal of a request. A token matched to user records acts with that record's id, name,
 * roles and unit (so assignments, audit entries and notifications name the Kaoping user); one that
 * matches no record is refused (403), never signed in without roles.
 */
export const resolvePrincipal = async (
  claims: IdTokenClaims,
  userBySignInId: UserBySignInId,
): Promise<Principal> => {
  const signInId = claims['kaoping:signInId'];
  if (signInId === undefined) return principalFromClaims(claims);
  const user = signInId ? await userBySignInId(signInId) : undefined;
  if (!user || user.signInId !== signInId) throw new ForbiddenError(UNREGISTERED_MESSAGE);
  return { userId: user.id, name: user.name, roles: user.roles, unitId: user.unitId };
};
