/**
 * `npm start`: the whole system on this machine. Flags: `--fresh` (empty data, re-seed);
 * `--demo municipal` (a 市卫健委 with ~500 units, its data in .data/municipal/, apart from the county demo's).
 * Errors a user can fix get one line of explanation, not a stack trace.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { LocalDynamoDbError } from './lib/dynamodb-local';
import { startLocalStack } from './lib/local-stack';
import { prerequisiteProblems } from './lib/prerequisites';
import { DEMO_USERS } from './seed/demo-org';
import type { MunicipalSeedReport } from './seed/municipal';
import { municipalOrg } from './seed/municipal-org';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const port = Number(process.env.PORT ?? 3000);
const demoFlag = process.argv.indexOf('--demo');
const demo = demoFlag >= 0 ? process.argv[demoFlag + 1] : 'county';
const municipal = demo === 'municipal';
const dataDir = resolve(import.meta.dirname, '..', '.data', ...(municipal ? ['municipal'] : []));
const fresh = process.argv.includes('--fresh');

const fail = (message: string): never => {
  console.error(`✗ ${message}`);
  process.exit(1);
};

const portIsFree = (p: number) =>
  new Promise<boolean>((ok) => {
    const s = createServer();
    s.once('error', () => ok(false));
    s.listen(p, '127.0.0.1', () => s.close(() => ok(true)));
  });

if (demo !== 'county' && !municipal) fail(`未知的演示数据 --demo ${demo}：可选 county（默认）或 municipal`);
if (!Number.isInteger(port) || port <= 0 || port > 65535) fail(`PORT=${process.env.PORT} 不是有效端口号`);
const problems = prerequisiteProblems();
if (problems.length > 0) fail(problems.join('\n✗ '));
if (!(await portIsFree(port)))
  fail(`端口 ${port} 已被占用：关闭占用它的程序，或换一个端口，例如 PORT=3001 npm start`);
// The county demo's --fresh keeps the municipal demo's folder inside .data/.
if (fresh && existsSync(dataDir)) {
  for (const entry of readdirSync(dataDir)) {
    if (municipal || entry !== 'municipal') rmSync(resolve(dataDir, entry), { recursive: true, force: true });
  }
}

const started = Date.now();
let stack: Awaited<ReturnType<typeof startLocalStack>> | undefined;
const onStoreLost = (error: Error) => {
  console.error(
    `✗ DynamoDB Local 已停止且无法重启（${error.message}）。数据仍在 ${dataDir}；检查 Java 与磁盘空间后重新运行 npm start`,
  );
  void (stack?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
};
stack = await startLocalStack({
  port,
  dataDir,
  logLevel: process.env.LOG_LEVEL ?? 'INFO',
  onStoreLost,
  onBackfill: (line: string) => console.log(`backfill: ${line}`),
  ...(municipal
    ? {
        demo: 'municipal' as const,
        onSeeded: (r: MunicipalSeedReport) =>
          console.log(
            r.seeded
              ? `seeded the municipal demo: ${r.units} units, ${r.items} items in ${(r.ms / 1000).toFixed(1)} s`
              : `municipal demo already seeded (${r.units} units)`,
          ),
      }
    : {}),
}).catch((error: unknown) => {
  if (error instanceof LocalDynamoDbError) {
    return fail(
      `DynamoDB Local 无法启动（${error.message}）。若 .data/ 已损坏，运行 npm start -- --fresh 重新开始`,
    );
  }
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    return fail(`端口 ${port} 已被占用：关闭占用它的程序，或换一个端口，例如 PORT=3001 npm start`);
  }
  return fail(`启动失败：${(error as Error).message}。若 .data/ 已损坏，运行 npm start -- --fresh 重新开始`);
});

const sample = [
  'admin',
  'leader',
  'rater-jiceng',
  'inspector-jijian',
  ...(municipal
    ? ['township-001-reporter', 'township-001-head']
    : ['luoyang-thc-reporter', 'luoyang-thc-head']),
];
const users = municipal ? municipalOrg().users : DEMO_USERS;
console.log(
  `\n考评 Kaoping is running at ${stack.url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
console.log(`  API reference: ${stack.url}/api/docs   published rankings: ${stack.url}/rankings/`);
console.log(`  data: ${dataDir}  (npm start -- --fresh starts empty)`);
console.log('  demo sign-ins (pick one on the sign-in page):');
for (const id of sample) {
  const user = users.find((u) => u.id === id);
  if (user) console.log(`    ${id.padEnd(22)} ${user.name}  ${user.title}`);
}
console.log('  Ctrl-C stops everything.\n');

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
