/**
 * The parts of a unit's agreement that reporting needs (its state and indicators), on the hot path
 * of every save: projected, so the stored base, history and signature are not shipped and parsed
 * each time, and eventually consistent, since a signed agreement changes only by an approved
 * amendment. The agreement repository owns the item; this is a read-only view of it.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Agreement } from '../schemas/agreement';
import type { Db } from './client';
import { guard } from './items';
import { agreementKey } from './keys';

/** What reporting reads of an agreement: enough to know which signed revision is in force when. */
export type ReportingAgreement = Pick<Agreement, 'state' | 'revision' | 'dimensions' | 'inForce'>;

/**
 * The reporting view of a unit's agreement. `consistent` for a read that decides more than one
 * request (the save path's cache) or that locks values (the head's submission).
 */
export const getReportingAgreement = async (
  db: Db,
  year: number,
  unitId: string,
  { consistent = false } = {},
): Promise<ReportingAgreement | undefined> => {
  const { Item } = await guard(() =>
    db.doc.send(
      new GetCommand({
        TableName: db.tableName,
        Key: agreementKey(year, unitId),
        ProjectionExpression: '#state, revision, dimensions, inForce',
        ExpressionAttributeNames: { '#state': 'state' },
        ConsistentRead: consistent,
      }),
    ),
  );
  return Item as ReportingAgreement | undefined;
};
