/** The roles of DOMAIN.md. Cognito has one group per role; a user may hold several. */
import { z } from '@hono/zod-openapi';
import type { Actor } from '../domain/actor';

export const ROLES = ['admin', 'reporter', 'unit_head', 'rater', 'inspector', 'leader'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  admin: '考核办管理员',
  reporter: '单位填报员',
  unit_head: '单位负责人',
  rater: '考核组成员',
  inspector: '检查组成员',
  leader: '局领导',
};

/** Roles that act for one unit: their users carry the unit id. */
export const UNIT_ROLES: readonly Role[] = ['reporter', 'unit_head'];

/** Who is calling, as the API sees it after verifying the token. */
export const PrincipalSchema = z.object({
  userId: z.string(),
  name: z.string(),
  roles: z.array(RoleSchema),
  unitId: z.string().nullable(),
});
export type Principal = z.infer<typeof PrincipalSchema>;

/**
 * Who acts in a request (the domain's `Actor`: user id and name) and when by the server's clock:
 * set once by `authorize` (`c.var.actor`) and handed to every write and audit entry of the request.
 */
export interface RequestActor extends Actor {
  at: Date;
}

/**
 * The claims of the ID token Cognito issues and the local dev sign-in imitates:
 * `cognito:groups` carries the roles, `custom:unitId` the unit of unit roles.
 */
export interface IdTokenClaims {
  sub: string;
  name?: string;
  'cognito:username'?: string;
  'cognito:groups'?: string[];
  'custom:unitId'?: string;
  token_use?: string;
  /**
   * Set instead of groups and unit when an OIDC provider's users are matched to Kaoping's user records
   * (`OIDC_ROLES_FROM=users`): the value of the configured claim (subject or staff number).
   */
  'kaoping:signInId'?: string;
}

/** Turns verified claims into a principal; unknown groups are ignored, not trusted. */
export const principalFromClaims = (claims: IdTokenClaims): Principal => ({
  userId: claims.sub,
  name: claims.name ?? claims['cognito:username'] ?? claims.sub,
  roles: (claims['cognito:groups'] ?? []).filter((g): g is Role => (ROLES as readonly string[]).includes(g)),
  unitId: claims['custom:unitId'] || null,
});
