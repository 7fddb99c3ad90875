/**
 * `npx tsx scripts/backfill.ts`: brings a table written before this version up to its stored shape,
 * once after deploying it (docs/data-model.md#backfill): a rater's unit markers, survey results' gsi1
 * entry and pending amendments' gsi2 entry (shared/db/backfill-repo.ts). Idempotent: a second run
 * writes nothing. Against AWS: `TABLE_NAME=<the DataStack's table>`, `AWS_REGION` and the deployer's
 * credentials; locally `npm start` runs it by itself on an older `.data/` (or
 * `DDB_ENDPOINT=http://127.0.0.1:<port>` of DynamoDB Local). `--force` runs it even when the table
 * says it is done.
 */
import { parseArgs } from 'node:util';
import { SCHEMA_VERSION } from '../shared/db/backfill-plan';
import { getSchema, runBackfill } from '../shared/db/backfill-repo';
import { createDb, dbConfigFromEnv } from '../shared/db/client';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { values } = parseArgs({ options: { force: { type: 'boolean', default: false } } });
// A bulk run, not a request: it may wait longer for the store than the 4 s a request gets.
const db = createDb({ ...dbConfigFromEnv(), deadlineMs: 60_000 });
try {
  const schema = await getSchema(db);
  if (!values.force && (schema?.version ?? 0) >= SCHEMA_VERSION) {
    console.log(`表 ${db.tableName} 已是第 ${schema?.version} 版（${schema?.at}），无需补写；--force 可重跑`);
  } else {
    console.log(`补写表 ${db.tableName} 的索引与评分人单位标记（第 ${SCHEMA_VERSION} 版）…`);
    const started = Date.now();
    const years = await runBackfill(db, { log: (line) => console.log(`  ${line}`) });
    console.log(`完成：${years.length} 个年度，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  db.raw.destroy();
}
