/** `npm run bench`: runs every benchmark in one process and prints one report. */
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const only = process.argv.slice(2);
const files = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'lib.ts'].includes(f))
  .filter((f) => only.length === 0 || only.includes(basename(f, '.ts')));

console.log(`# Kaoping benchmarks (${new Date().toISOString()})\n`);
for (const file of files) {
  const mod = (await import(`./${file}`)) as { run?: () => Promise<string> };
  if (!mod.run) continue;
  console.log(`${await mod.run()}\n`);
}
