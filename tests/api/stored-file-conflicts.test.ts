/**
 * Confirmations of one owner's files meet on its file count. DynamoDB Local runs transactions one at
 * a time, so the conflicts AWS reports (`TransactionConflict`) are injected here through SDK
 * middleware: a confirmation that meets another writer tries again, and one that keeps meeting them
 * answers 409 with nothing written.
 */
import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import {
  countReadyAttachments,
  createPendingAttachment,
  getAttachment,
  markAttachmentReady,
} from '../../shared/db/attachment-repo';
import { createDb } from '../../shared/db/client';
import { ensureTable } from '../../shared/db/create-table';
import { adjustmentKey } from '../../shared/db/keys';
import type { Attachment } from '../../shared/schemas/attachment';

const setUp = async () => {
  const db = createDb({ tableName: `sf-${randomUUID()}`, endpoint: inject('ddbEndpoint') });
  await ensureTable(db.raw, db.tableName);
  const guard = {
    key: adjustmentKey(2026, 'u1', 'penalty', 'p1'),
    openState: 'proposed',
    closedMessage: '已审批',
  };
  await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...guard.key, state: 'proposed' } }));
  const file: Attachment = {
    fileId: randomUUID(),
    year: 2026,
    unitId: 'u1',
    ownerKind: 'penalty',
    ownerId: 'p1',
    name: '通报.pdf',
    contentType: 'application/pdf',
    size: 10,
    sha256: 'a'.repeat(64),
    state: 'pending',
    objectKey: 'units/u1/2026/attachments/p1/x.pdf',
    uploadedAt: new Date().toISOString(),
    uploadedBy: 'inspector',
    uploadedByName: '检查组',
  };
  await createPendingAttachment(db, file, new Date(), guard);
  return { db, guard, file };
};

/** Makes the next `times` transactions fail as if another writer held the count. */
const conflictTransactions = (db: ReturnType<typeof createDb>, times: number) => {
  let conflicts = 0;
  db.raw.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand' && conflicts < times) {
        conflicts++;
        throw new TransactionCanceledException({
          message: 'Transaction cancelled',
          $metadata: { httpStatusCode: 400 },
          CancellationReasons: [{ Code: 'None' }, { Code: 'None' }, { Code: 'TransactionConflict' }],
        });
      }
      return next(args);
    },
    { step: 'initialize', name: 'injectTransactionConflict' },
  );
  return () => conflicts;
};

describe('stored-file confirmations that meet another writer', () => {
  it('try again and confirm the file once', async () => {
    // Prepare
    const { db, guard, file } = await setUp();
    const conflicts = conflictTransactions(db, 3);
    // Act
    const confirmed = await markAttachmentReady(db, file, guard);
    // Assess
    expect(conflicts()).toBe(3);
    expect(confirmed.state).toBe('ready');
    expect(await countReadyAttachments(db, file)).toBe(1);
  });

  it('answer 409 with nothing written when the conflicts do not stop', async () => {
    // Prepare
    const { db, guard, file } = await setUp();
    conflictTransactions(db, 1000);
    // Act
    const error = await markAttachmentReady(db, file, guard).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ status: 409, code: 'CONCURRENT_CHANGE' });
    expect((await getAttachment(db, file)).state).toBe('pending');
    expect(await countReadyAttachments(db, file)).toBe(0);
  });
});
