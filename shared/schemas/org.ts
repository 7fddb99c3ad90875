/** Unit categories, units and users: the bureau's organisation. */
import { z } from '@hono/zod-openapi';
import { RoleSchema } from '../auth/roles';

/** A category's, unit's or user's id. */
export const OrgIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,47}$/, '只能包含小写字母、数字和连字符（2–48 个字符）');
const Id = OrgIdSchema;
const Name = z.string().trim().min(1, '不能为空').max(60, '不能超过 60 个字符');

export const CategorySchema = z
  .object({ id: Id, name: Name, sortOrder: z.number().int().min(0).max(999) })
  .openapi('Category');
export type Category = z.infer<typeof CategorySchema>;

export const ContactSchema = z.strictObject({
  name: Name,
  phone: z.string().regex(/^[0-9+\- ]{5,20}$/, '电话号码格式不正确'),
});

export const UnitInputSchema = z.strictObject({
  id: Id,
  name: Name,
  categoryId: Id,
  head: Name,
  contacts: z.array(ContactSchema).max(10),
});
export const UnitSchema = UnitInputSchema.extend({ version: z.number().int() }).openapi('Unit');
export type Unit = z.infer<typeof UnitSchema>;
export type UnitInput = z.infer<typeof UnitInputSchema>;

export const UnitUpdateSchema = UnitInputSchema.omit({ id: true }).extend({
  version: z.number().int().min(1),
});

export const SignInIdSchema = z
  .string()
  .trim()
  .min(1, '统一身份认证账号不能为空')
  .max(128, '统一身份认证账号不能超过 128 个字符')
  .regex(/^[^\s#]+$/, '统一身份认证账号不能包含空格或 #');

/** The admin binds (or, with null, unbinds) a user's 统一身份认证账号. */
export const UserSignInIdInputSchema = z.strictObject({ signInId: SignInIdSchema.nullable() });

export const UserSchema = z
  .object({
    id: z.string(),
    name: Name,
    title: z.string().max(60),
    roles: z.array(RoleSchema).min(1),
    unitId: z.string().nullable(),
    /** Units a rater or inspector belongs to (回避: never assigned to score or inspect them). */
    affiliatedUnitIds: z.array(z.string()),
    /**
     * 统一身份认证账号: the bureau IdP's subject or staff number this user signs in with, where roles
     * come from Kaoping's records rather than the token (docs/authorization.md).
     */
    signInId: SignInIdSchema.nullable().optional(),
  })
  .openapi('User');
export type User = z.infer<typeof UserSchema>;

/** A demo account offered by the local dev sign-in (shared/http/dev-sign-in.ts). */
export const DevUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string(),
  roles: z.array(RoleSchema),
  roleLabels: z.array(z.string()),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
});
export type DevUser = z.infer<typeof DevUserSchema>;
