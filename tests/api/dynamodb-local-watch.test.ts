/**
 * `npm start`'s DynamoDB Local killed with -9 (a real java process, persisted to a temp folder):
 * the watch logs one line, restarts it on the same data and port, every acknowledged write is
 * still there, and after repeated deaths it gives up so `npm start` can exit non-zero.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { startDynamoDbLocal } from '../../scripts/lib/dynamodb-local';
import { type DynamoDbWatch, watchDynamoDbLocal } from '../../scripts/lib/dynamodb-watch';
import { createDb, type Db } from '../../shared/db/client';
import { ensureTable } from '../../shared/db/create-table';
import { queryAll } from '../../shared/db/items';

const until = async (check: () => boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return check();
};

describe('the DynamoDB Local watch of npm start', () => {
  let dataDir: string;
  let watch: DynamoDbWatch | undefined;
  let db: Db | undefined;
  const lines: string[] = [];
  let gaveUp: Error | undefined;

  const start = async (maxAttempts = 3) => {
    dataDir = mkdtempSync(join(tmpdir(), 'kaoping-ddb-'));
    lines.length = 0;
    gaveUp = undefined;
    const first = await startDynamoDbLocal({ dataDir });
    watch = watchDynamoDbLocal(first, {
      dataDir,
      maxAttempts,
      log: (line) => lines.push(line),
      onGiveUp: (error) => {
        gaveUp = error;
      },
    });
    db = createDb({ tableName: `w-${randomUUID()}`, endpoint: first.endpoint, deadlineMs: 4_000 });
    await ensureTable(db.raw, db.tableName);
    return first;
  };
  afterEach(async () => {
    db?.raw.destroy();
    await watch?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts a killed store on the same data and port, keeping every acknowledged write of a burst', async () => {
    // Prepare
    const first = await start();
    const store = db as Db;
    const acknowledged: string[] = [];
    const failed: string[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const id = `w${w}-${i}`;
        try {
          await store.doc.send(
            new PutCommand({ TableName: store.tableName, Item: { pk: 'BURST', sk: id, id, n: i } }),
          );
          acknowledged.push(id);
        } catch {
          failed.push(id);
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    };
    // Act: a write burst; kill -9 the java child in the middle of it.
    const writers = Promise.all(Array.from({ length: 6 }, (_, w) => writer(w)));
    await until(() => acknowledged.length >= 60, 20_000);
    process.kill(first.process.pid as number, 'SIGKILL');
    const restarted = await until(() => lines.some((l) => l.startsWith('✓')), 40_000);
    const after = acknowledged.length;
    await until(() => acknowledged.length >= after + 30, 10_000);
    stop = true;
    await writers;
    // Assess: one line for the death, one for the restart, same port, nothing acknowledged lost.
    expect(restarted).toBe(true);
    expect(lines[0]).toMatch(/^✗ DynamoDB Local 意外退出（信号 SIGKILL），正在用同一数据目录重启/);
    expect(watch?.current().port).toBe(first.port);
    expect(failed.length).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(after);
    const stored = new Set(
      (
        await queryAll<{ id: string }>(store, {
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'BURST' },
          ConsistentRead: true,
        })
      ).map((item) => item.id),
    );
    const missing = acknowledged.filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    expect(gaveUp).toBeUndefined();
  }, 90_000);

  it('gives up, saying so, when the store keeps dying', async () => {
    // Prepare: one restart allowed per minute.
    const first = await start(1);
    // Act: kill it, then kill the restarted one.
    process.kill(first.process.pid as number, 'SIGKILL');
    expect(await until(() => lines.some((l) => l.startsWith('✓')), 40_000)).toBe(true);
    process.kill(watch?.current().process.pid as number, 'SIGKILL');
    // Assess
    expect(await until(() => gaveUp !== undefined, 10_000)).toBe(true);
    expect(lines.at(-1)).toMatch(/^✗ DynamoDB Local 一分钟内退出了 2 次（信号 SIGKILL），不再重启/);
  }, 90_000);
});
