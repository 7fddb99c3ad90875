/** Unit categories, units and users. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  createCategory,
  createUnit,
  getUnit,
  listCategories,
  listUnits,
  listUsers,
  updateUnit,
} from '../../db/org-repo';
import { bindSignInId } from '../../db/sign-in-id-repo';
import { ValidationError } from '../../errors';
import {
  CategorySchema,
  UnitInputSchema,
  UnitSchema,
  UnitUpdateSchema,
  UserSchema,
  UserSignInIdInputSchema,
} from '../../schemas/org';
import type { AppEnv } from '../env';
import { body, errorResponse, json } from '../openapi';
import { protectedRoute } from '../route';

const UnitParams = z.object({ unitId: z.string().min(1).max(48) });

const listCategoriesRoute = protectedRoute('org.read', {
  method: 'get',
  path: '/categories',
  summary: '单位类别列表',
  responses: { 200: json(z.array(CategorySchema), '类别') },
});
const createCategoryRoute = protectedRoute('org.write', {
  method: 'post',
  path: '/categories',
  summary: '新增单位类别',
  request: body(CategorySchema.strict()),
  responses: { 201: json(CategorySchema, '已创建'), 409: errorResponse('编号重复') },
});
const listUnitsRoute = protectedRoute('org.read', {
  method: 'get',
  path: '/units',
  summary: '单位列表',
  request: { query: z.strictObject({ categoryId: z.string().max(48).optional() }) },
  responses: { 200: json(z.array(UnitSchema), '单位') },
});
const getUnitRoute = protectedRoute('org.read', {
  method: 'get',
  path: '/units/{unitId}',
  summary: '单位详情',
  request: { params: UnitParams },
  responses: { 200: json(UnitSchema, '单位'), 404: errorResponse('不存在') },
});
const createUnitRoute = protectedRoute('org.write', {
  method: 'post',
  path: '/units',
  summary: '新增单位',
  request: body(UnitInputSchema),
  responses: { 201: json(UnitSchema, '已创建'), 409: errorResponse('编号重复') },
});
const updateUnitRoute = protectedRoute('org.write', {
  method: 'put',
  path: '/units/{unitId}',
  summary: '修改单位',
  request: { params: UnitParams, ...body(UnitUpdateSchema) },
  responses: { 200: json(UnitSchema, '已保存'), 409: errorResponse('版本冲突') },
});
const listUsersRoute = protectedRoute('users.read', {
  method: 'get',
  path: '/users',
  summary: '用户列表',
  responses: { 200: json(z.array(UserSchema), '用户') },
});

const bindSignInIdRoute = protectedRoute('users.write', {
  method: 'put',
  path: '/users/{userId}/sign-in-id',
  summary: '绑定用户的统一身份认证账号',
  description:
    '角色和单位由考评系统的用户记录决定时（OIDC_ROLES_FROM=users），以此账号（身份提供方的 subject 或工号）匹配登录令牌；null 解除绑定。',
  request: { params: z.object({ userId: z.string().min(1).max(48) }), ...body(UserSignInIdInputSchema) },
  responses: { 200: json(UserSchema, '已保存'), 409: errorResponse('该账号已绑定其他用户') },
});

/** Refuses a unit whose category does not exist, naming the field. */
const assertCategoryExists = async (db: AppEnv['Variables']['deps']['db'], categoryId: string) => {
  const categories = await listCategories(db);
  if (!categories.some((c) => c.id === categoryId)) {
    throw new ValidationError('单位类别不存在', [
      { path: 'body.categoryId', message: `类别 ${categoryId} 不存在` },
    ]);
  }
};

export const orgRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listCategoriesRoute, async (c) => c.json(await listCategories(c.get('deps').db), 200))
  .openapi(createCategoryRoute, async (c) => {
    const category = c.req.valid('json');
    await createCategory(c.get('deps').db, category);
    return c.json(category, 201);
  })
  .openapi(listUnitsRoute, async (c) => {
    const units = await listUnits(c.get('deps').db, c.req.valid('query').categoryId);
    return c.json(
      units.sort((a, b) => a.id.localeCompare(b.id)),
      200,
    );
  })
  .openapi(getUnitRoute, async (c) =>
    c.json(await getUnit(c.get('deps').db, c.req.valid('param').unitId), 200),
  )
  .openapi(createUnitRoute, async (c) => {
    const { db } = c.get('deps');
    const unit = c.req.valid('json');
    await assertCategoryExists(db, unit.categoryId);
    await createUnit(db, unit);
    return c.json({ ...unit, version: 1 }, 201);
  })
  .openapi(updateUnitRoute, async (c) => {
    const { db } = c.get('deps');
    const { unitId } = c.req.valid('param');
    const { version, ...rest } = c.req.valid('json');
    await getUnit(db, unitId);
    await assertCategoryExists(db, rest.categoryId);
    const next = await updateUnit(db, { id: unitId, ...rest }, version);
    return c.json({ id: unitId, ...rest, version: next }, 200);
  })
  .openapi(listUsersRoute, async (c) => c.json(await listUsers(c.get('deps').db), 200))
  .openapi(bindSignInIdRoute, async (c) => {
    const { userId } = c.req.valid('param');
    const { signInId } = c.req.valid('json');
    return c.json(await bindSignInId(c.get('deps').db, userId, signInId), 200);
  });
