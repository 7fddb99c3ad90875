/**
 * Access patterns of users' sign-in ids (统一身份认证账号): the lookup of a token's subject or staff
 * number (two GetItems: the id's item, then the user) and the admin's binding, one transaction that
 * keeps the user's field and the id's item in step and refuses an id another user holds.
 */

import { ConflictError, NotFoundError } from '../errors';
import type { User } from '../schemas/org';
import type { Db } from './client';
import { getItem, raceConflict, type TxItem, tryTransact } from './items';
import { userKey, userSignInIdKey } from './keys';

/** The user bound to `signInId`, or undefined. */
export const getUserBySignInId = async (db: Db, signInId: string): Promise<User | undefined> => {
  const bound = await getItem<{ userId: string }>(db, userSignInIdKey(signInId));
  return bound ? getItem<User>(db, userKey(bound.userId)) : undefined;
};

/** Binds `signInId` to the user (null unbinds); returns the user as stored afterwards. */
export const bindSignInId = async (db: Db, userId: string, signInId: string | null): Promise<User> => {
  const user = await getItem<User>(db, userKey(userId));
  if (!user) throw new NotFoundError('用户');
  const previous = user.signInId ?? null;
  if (previous === signInId) return user;
  const items: TxItem[] = [
    {
      Update: {
        TableName: db.tableName,
        Key: userKey(userId),
        UpdateExpression: signInId ? 'SET #signInId = :next' : 'REMOVE #signInId',
        // Unchanged since it was read: two admins binding at once cannot orphan an id's item.
        ConditionExpression: previous ? '#signInId = :previous' : 'attribute_not_exists(#signInId)',
        ExpressionAttributeNames: { '#signInId': 'signInId' },
        ExpressionAttributeValues: {
          ...(signInId ? { ':next': signInId } : {}),
          ...(previous ? { ':previous': previous } : {}),
        },
      },
    },
  ];
  if (signInId) {
    items.push({
      Put: {
        TableName: db.tableName,
        Item: { ...userSignInIdKey(signInId), entity: 'sign-in-id', userId },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }
  if (previous) {
    items.push({ Delete: { TableName: db.tableName, Key: userSignInIdKey(previous) } });
  }
  const reasons = await tryTransact(db, items);
  if (reasons?.[1] === 'ConditionalCheckFailed') {
    const holder = await getItem<{ userId: string }>(db, userSignInIdKey(signInId ?? ''));
    throw new ConflictError(`统一身份认证账号 ${signInId} 已绑定给用户 ${holder?.userId ?? '（其他用户）'}`, {
      field: 'signInId',
    });
  }
  if (reasons) throw raceConflict();
  return { ...user, signInId };
};
