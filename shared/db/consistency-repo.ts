/**
 * A consistency job's stored report (docs/rater-consistency.md): the whole report (every rater's
 * line, with names) gzip-compressed in parts under the job, and the year's `CONSISTENCY#<scope>`
 * record naming the latest finished one of each scope (the whole year, or a period). The page reads
 * it above the live limit and shows each reader only what `shared/auth` lets them see.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ConsistencyReportView } from '../schemas/consistency';
import type { Period } from '../schemas/year';
import type { Db } from './client';
import { fromGzipParts, putGzipParts } from './gzip-parts';
import { getItem, guard, queryPrefix } from './items';
import { computedConsistencyKey, consistencyPartKey, consistencyPartsQuery } from './keys';

/** Which report: the whole year, or one period's. */
export const consistencyScope = (period: Period | null | undefined): string => period ?? 'YEAR';

/** The year's latest stored report of one scope: where it is, when and by whom it was computed. */
export interface ComputedConsistency {
  year: number;
  scope: string;
  jobId: string;
  parts: number;
  computedAt: string;
  computedBy: string;
  computedByName: string;
}

/** Writes a job's report in parts under the job; answers how many. */
export const saveConsistencyParts = (db: Db, jobId: string, report: ConsistencyReportView): Promise<number> =>
  putGzipParts(db, report, (part) => consistencyPartKey(jobId, part), 'consistency-part');

/**
 * Names the job's report as the year's latest of its scope, unless a later one is named already (a
 * job given up as lost that finishes after its successor leaves the newer report in place).
 */
export const saveComputedConsistency = async (db: Db, computed: ComputedConsistency): Promise<void> => {
  try {
    await guard(() =>
      db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: {
            ...computedConsistencyKey(computed.year, computed.scope),
            entity: 'consistency-computed',
            ...computed,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR computedAt < :at',
          ExpressionAttributeValues: { ':at': computed.computedAt },
        }),
      ),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
};

/** The year's latest stored report of the period (null: the whole year), whole; undefined when none. */
export const readComputedConsistency = async (
  db: Db,
  year: number,
  period: Period | null,
): Promise<{ computed: ComputedConsistency; report: ConsistencyReportView } | undefined> => {
  const computed = await getItem<ComputedConsistency>(
    db,
    computedConsistencyKey(year, consistencyScope(period)),
  );
  if (!computed) return undefined;
  const parts = await queryPrefix<{ data: Uint8Array }>(db, consistencyPartsQuery(computed.jobId));
  return { computed, report: fromGzipParts<ConsistencyReportView>(parts.slice(0, computed.parts)) };
};
