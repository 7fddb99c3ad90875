/** Access patterns of the organisation: categories, units, users. */
import { NotFoundError } from '../errors';
import type { Category, Unit, UnitInput, User } from '../schemas/org';
import type { Db } from './client';
import { createItem, getItem, getItems, putIfAbsent, queryPrefix, replaceVersioned } from './items';
import {
  categoriesQuery,
  categoryKey,
  categoryUnitsQuery,
  unitByCategory,
  unitKey,
  unitsQuery,
  unitUsersQuery,
  userIndexes,
  userKey,
  usersQuery,
} from './keys';

export const listCategories = async (db: Db): Promise<Category[]> => {
  const items = await queryPrefix<Category>(db, categoriesQuery());
  return items.sort((a, b) => a.sortOrder - b.sortOrder);
};

export const putCategory = (db: Db, category: Category) =>
  putIfAbsent(db, { ...categoryKey(category.id), entity: 'category', ...category });

export const createCategory = (db: Db, category: Category) =>
  createItem(
    db,
    { ...categoryKey(category.id), entity: 'category', ...category },
    `类别编号 ${category.id} 已存在`,
  );

/** All units (one Query on the ORG partition), or one category's through gsi1. */
export const listUnits = (db: Db, categoryId?: string): Promise<Unit[]> =>
  categoryId ? queryPrefix<Unit>(db, categoryUnitsQuery(categoryId)) : queryPrefix<Unit>(db, unitsQuery());

export const getUnit = async (db: Db, unitId: string): Promise<Unit> => {
  const unit = await getItem<Unit>(db, unitKey(unitId));
  if (!unit) throw new NotFoundError('单位');
  return unit;
};

/** These units, by key (BatchGetItem), in no order; absent ones skipped. */
export const getUnitsOf = (db: Db, unitIds: Iterable<string>): Promise<Unit[]> =>
  getItems<Unit>(db, [...new Set(unitIds)].map(unitKey));

/** A unit as stored (also written in bulk by the municipal seed). */
export const unitItem = (unit: UnitInput) => ({
  ...unitKey(unit.id),
  ...unitByCategory(unit.categoryId, unit.id),
  entity: 'unit',
  ...unit,
});

export const createUnit = (db: Db, unit: UnitInput) =>
  createItem(db, unitItem(unit), `单位编号 ${unit.id} 已存在`);

export const seedUnit = (db: Db, unit: UnitInput) => putIfAbsent(db, unitItem(unit));

/** Updates a unit under optimistic locking; returns the new version. */
export const updateUnit = (db: Db, unit: UnitInput, expectedVersion: number) =>
  replaceVersioned<Unit>(db, unitItem(unit), expectedVersion);

export const getUser = (db: Db, userId: string) => getItem<User>(db, userKey(userId));

export const listUsers = (db: Db): Promise<User[]> => queryPrefix<User>(db, usersQuery());

export const listUnitUsers = (db: Db, unitId: string): Promise<User[]> =>
  queryPrefix<User>(db, unitUsersQuery(unitId));

/** A user as stored (also written in bulk by the municipal seed). */
export const userItem = (user: User) => ({
  ...userKey(user.id),
  ...userIndexes(user.id, user.unitId),
  entity: 'user',
  ...user,
});

export const seedUser = (db: Db, user: User) => putIfAbsent(db, userItem(user));
