/**
 * Outside delivery's configuration: the events × channels settings, the robots (their webhook and
 * 加签 secret live in the secret store; the table holds a masked address and the reference) and each
 * user's e-mail, mobile and opt-out.
 */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_NOTIFY_SETTINGS, type NotifySettings } from '../domain/notifications/channels';
import type { Robot, UserContact } from '../schemas/notify';
import type { Db } from './client';
import { getItem, guard, queryPrefix } from './items';
import { contactIndexes, contactKey, contactsQuery, notifySettingsKey, robotKey, robotsQuery } from './keys';

const put = (db: Db, Item: Record<string, unknown>) =>
  guard(() => db.doc.send(new PutCommand({ TableName: db.tableName, Item })));

export const getNotifySettings = async (db: Db): Promise<NotifySettings> =>
  (await getItem<NotifySettings>(db, notifySettingsKey())) ?? DEFAULT_NOTIFY_SETTINGS;

export const putNotifySettings = (db: Db, settings: NotifySettings) =>
  put(db, { ...notifySettingsKey(), entity: 'notify-settings', ...settings });

export const listRobots = (db: Db) => queryPrefix<Robot>(db, robotsQuery());
export const getRobot = (db: Db, target: string) => getItem<Robot>(db, robotKey(target));
export const putRobot = (db: Db, robot: Robot) =>
  put(db, { ...robotKey(robot.target), entity: 'robot', ...robot });
export const deleteRobot = (db: Db, target: string) =>
  guard(() => db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: robotKey(target) })));

export const listContacts = (db: Db) => queryPrefix<UserContact>(db, contactsQuery());
export const putContact = (db: Db, contact: UserContact) =>
  put(db, {
    ...contactKey(contact.userId),
    ...contactIndexes(contact.userId),
    entity: 'contact',
    ...contact,
  });
