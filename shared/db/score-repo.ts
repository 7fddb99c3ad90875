/**
 * Score writes of the committee: a verification (one per unit, period and formula leaf) or one
 * rater's rating of a `rating` leaf. Each write is one transaction: the record (created, or
 * replaced at the expected version), the audit entry, and two checks: the rater is still assigned
 * and their sheet of the period is still open. So a stale write, a finalized sheet or a withdrawn
 * assignment changes nothing and leaves no audit entry.
 */
import { scoringLeavesInPeriod } from '../domain/results/agreement-to-scenario';
import { ConflictError, ForbiddenError, StaleVersionError } from '../errors';
import type { RatingRecord, UnitFacts, Verification } from '../schemas/facts';
import type { Leaf } from '../schemas/scenario';
import type { AuditEntry } from '../schemas/scoring';
import type { EvidenceFile, SubmissionItem } from '../schemas/submission';
import type { Period } from '../schemas/year';
import { getAgreement } from './agreement-repo';
import { getSheet, SheetFinalizedError, sheetStillOpen } from './assignment-repo';
import { auditPut } from './audit-repo';
import type { Db } from './client';
import { listFiles } from './evidence-file-repo';
import { factItems, loadUnitFacts } from './facts-repo';
import { getItem, transact } from './items';
import { assignmentKey, ratingKey, verificationKey } from './keys';
import { mapLimit } from './parallel';
import { listItems } from './submission-item-repo';

export type ScoreRecord =
  | { kind: 'verification'; record: Verification }
  | { kind: 'rating'; record: RatingRecord };

export const getVerification = (db: Db, year: number, unitId: string, period: string, code: string) =>
  getItem<Verification>(db, verificationKey(year, unitId, period, code));

export const getRating = (
  db: Db,
  year: number,
  unitId: string,
  period: string,
  code: string,
  raterId: string,
) => getItem<RatingRecord>(db, ratingKey(year, unitId, period, code, raterId));

const keyOf = (year: number, s: ScoreRecord) =>
  s.kind === 'verification'
    ? verificationKey(year, s.record.unitId, s.record.period, s.record.code)
    : ratingKey(year, s.record.unitId, s.record.period, s.record.code, s.record.raterId);

/**
 * Stores a score at `expectedVersion` (0: must not exist yet) as `expectedVersion + 1`, with its
 * audit entry. `raterId` is the writer (for a verification, possibly not the previous verifier).
 */
export const writeScore = async (
  db: Db,
  year: number,
  score: ScoreRecord,
  expectedVersion: number,
  raterId: string,
  entry: AuditEntry,
): Promise<void> => {
  const { unitId, period, code } = score.record;
  const item =
    score.kind === 'verification'
      ? factItems.verification(year, { ...score.record, version: expectedVersion + 1 })
      : factItems.rating(year, { ...score.record, version: expectedVersion + 1 });
  const condition =
    expectedVersion === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : {
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        };
  try {
    await transact(
      db,
      [
        { Put: { TableName: db.tableName, Item: item, ...condition } },
        auditPut(db, entry),
        sheetStillOpen(db, year, raterId, period),
        {
          ConditionCheck: {
            TableName: db.tableName,
            Key: assignmentKey(year, raterId, period, unitId, code),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
      ],
      '评分未保存',
    );
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const reasons = (error.extra.reasons as string[] | undefined) ?? [];
    const failed = (i: number) => reasons[i] === 'ConditionalCheckFailed';
    if (failed(2)) throw new SheetFinalizedError(await getSheet(db, year, raterId, period));
    if (failed(3)) throw new ForbiddenError('您未被分派该单位的该项指标，不能评分');
    if (failed(0)) {
      const current = await getItem<Verification | RatingRecord>(db, keyOf(year, score));
      throw new StaleVersionError(current?.version ?? 0, current ?? null);
    }
    throw error;
  }
};

/** The leaf `code` of the unit's signed agreement, if it is assessed in the period (one GetItem). */
export const getScoringLeaf = async (
  db: Db,
  year: number,
  unitId: string,
  period: Period,
  code: string,
): Promise<Leaf | undefined> => {
  const agreement = await getAgreement(db, year, unitId);
  if (!agreement) return undefined;
  return scoringLeavesInPeriod(agreement, period).find((l) => l.code === code);
};

/** What scoring needs of one unit in one period: its leaves, stored facts, reported items and files. */
export interface UnitPeriodScoring {
  unitId: string;
  leaves: Map<string, Leaf>;
  facts: UnitFacts;
  items: Map<string, SubmissionItem>;
  files: EvidenceFile[];
}

/** Loads the units' scoring data of a period (a handful of Queries per unit, 8 units at a time). */
export const loadUnitPeriods = (db: Db, year: number, period: Period, unitIds: readonly string[]) =>
  mapLimit([...new Set(unitIds)], 8, async (unitId): Promise<UnitPeriodScoring> => {
    const p = { year, unitId, period };
    const [agreement, facts, items, files] = await Promise.all([
      getAgreement(db, year, unitId),
      loadUnitFacts(db, year, unitId),
      listItems(db, p),
      listFiles(db, p),
    ]);
    const leaves = new Map<string, Leaf>();
    if (agreement) {
      for (const leaf of scoringLeavesInPeriod(agreement, period)) leaves.set(leaf.code, leaf);
    }
    return {
      unitId,
      leaves,
      facts,
      items: new Map(items.map((i) => [i.code, i])),
      files: files.filter((f) => f.state === 'ready'),
    };
  });
