/** The admin's extension of a unit's reporting window for one period (one item per unit and period). */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Extension } from '../schemas/submission';
import type { Db } from './client';
import { getItem, guard } from './items';
import { extensionIndexes, extensionKey } from './keys';
import type { UnitPeriod } from './submission-item-repo';

export const getExtension = (db: Db, p: UnitPeriod) =>
  getItem<Extension>(db, extensionKey(p.year, p.unitId, p.period));

/** Grants (or changes) a unit's extension of one period. */
export const putExtension = async (db: Db, extension: Extension): Promise<void> => {
  await guard(() =>
    db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...extensionKey(extension.year, extension.unitId, extension.period),
          ...extensionIndexes(extension.year, extension.period, extension.unitId),
          entity: 'extension',
          ...extension,
        },
      }),
    ),
  );
};

/** Withdraws an extension; false when there was none. */
export const deleteExtension = async (db: Db, p: UnitPeriod): Promise<boolean> => {
  try {
    await guard(() =>
      db.doc.send(
        new DeleteCommand({
          TableName: db.tableName,
          Key: extensionKey(p.year, p.unitId, p.period),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      ),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};
