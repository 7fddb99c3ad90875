/**
 * `npm run remind`: runs today's reminders against the local data, as the daily function does in
 * AWS. Uses the DynamoDB Local of a running `npm start` (it leaves its endpoint in .data/), or starts
 * one on .data/ itself. Flags: `--now 2026-12-25T09:00:00+08:00` (pretend it is then), `--days 3`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { runReminders } from '../functions/reminders';
import { createDb } from '../shared/db/client';
import { type LocalDynamoDb, startDynamoDbLocal } from './lib/dynamodb-local';
import { LOCAL_ENDPOINTS_FILE } from './lib/local-stack';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const dataDir = resolve(import.meta.dirname, '..', '.data');
const { values } = parseArgs({
  options: { now: { type: 'string' }, days: { type: 'string', default: '3' } },
});
const now = values.now ? new Date(values.now) : new Date();
const days = Number(values.days);
if (Number.isNaN(now.getTime())) throw new Error(`--now ${values.now} 不是有效时间`);
if (!Number.isInteger(days) || days < 1) throw new Error(`--days ${values.days} 应为正整数`);

/** The endpoint of a running `npm start`, if it still answers. */
const runningEndpoint = async (): Promise<string | undefined> => {
  const file = resolve(dataDir, LOCAL_ENDPOINTS_FILE);
  if (process.env.DDB_ENDPOINT) return process.env.DDB_ENDPOINT;
  if (!existsSync(file)) return undefined;
  const { ddb } = JSON.parse(readFileSync(file, 'utf8')) as { ddb?: string };
  if (!ddb) return undefined;
  const probe = createDb({ tableName: 'kaoping', endpoint: ddb }, { maxAttempts: 1 });
  try {
    await probe.raw.send(new ListTablesCommand({ Limit: 1 }));
    return ddb;
  } catch {
    return undefined;
  } finally {
    probe.raw.destroy();
  }
};

let local: LocalDynamoDb | undefined;
let endpoint = await runningEndpoint();
if (!endpoint) {
  local = await startDynamoDbLocal({ dataDir: resolve(dataDir, 'dynamodb') });
  endpoint = local.endpoint;
}
const db = createDb({ tableName: process.env.TABLE_NAME ?? 'kaoping', endpoint });
try {
  const report = await runReminders(db, now, days);
  console.log(
    `提醒：${report.reminders} 个单位需要提醒，${report.overdue} 项整改逾期，新写入 ${report.notifications} 条通知（${now.toISOString()}）`,
  );
} finally {
  db.raw.destroy();
  await local?.stop();
}
