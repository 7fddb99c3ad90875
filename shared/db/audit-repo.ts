/**
 * The scoring audit trail: one item per accepted change (verified value, score, return, finalize,
 * reopen, reassign) in its own partition per unit and year, `<iso time>#<id>`, written in the same
 * transaction as the change. Append-only: there is a put-if-absent and a read, no update, no delete.
 */
import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../schemas/scoring';
import type { Db } from './client';
import { queryPrefix, type TxItem } from './items';
import { auditKey, auditQuery } from './keys';

/** A new entry with its id; `at` is the server's clock. */
export const auditEntry = (entry: Omit<AuditEntry, 'id'>): AuditEntry => ({ id: randomUUID(), ...entry });

/** The stored item of an entry. */
export const auditRecord = (entry: AuditEntry) => ({
  ...auditKey(entry.year, entry.unitId, entry.at, entry.id),
  entity: 'audit',
  ...entry,
});

/** The transaction part that appends an entry (never overwrites one). */
export const auditPut = (db: Db, entry: AuditEntry): TxItem => ({
  Put: { TableName: db.tableName, Item: auditRecord(entry), ConditionExpression: 'attribute_not_exists(pk)' },
});

/** A unit's audit trail of a year, oldest first; optionally one indicator's entries. */
export const listAudit = async (
  db: Db,
  year: number,
  unitId: string,
  code?: string,
): Promise<AuditEntry[]> => {
  const entries = await queryPrefix<AuditEntry>(db, auditQuery(year, unitId));
  return code ? entries.filter((e) => e.code === code) : entries;
};
