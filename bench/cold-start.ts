/**
 * Cold start of every Lambda function, in one run: each is bundled as `cdk synth` bundles it
 * (infra/constructs/bundle.ts), then its module init (a fresh Node process importing `index.mjs`,
 * with the function's settings in the environment) is timed against a hello-world Hono + DynamoDB
 * client bundle built the same way. Rounds interleave the bundles so that machine noise hits all.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { API_INITIAL_GZIP_LIMIT, buildFunction, measureBundle } from '../infra/constructs/bundle';
import { machine, percentile } from './lib';

const ROUNDS = 9;
const root = join(import.meta.dirname, '..');
/** Settings the functions read at start (values are stand-ins: nothing is called during init). */
const ENV = {
  AWS_REGION: 'cn-north-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  TABLE_NAME: 'kaoping',
  USER_POOL_ID: 'cn-north-1_bench',
  USER_POOL_CLIENT_ID: 'bench',
  EVIDENCE_BUCKET: 'evidence',
  PUBLISH_FUNCTION_NAME: 'publish',
  WEB_BUCKET: 'web',
  POWERTOOLS_LOG_LEVEL: 'CRITICAL',
};

const FUNCTIONS = [
  { name: 'hello-world Hono + DynamoDB (baseline)', entry: join(root, 'bench/fixtures/hello-api.ts') },
  { name: 'API (functions/api.ts)', entry: join(root, 'functions/api.ts') },
  { name: 'publish (functions/publish.ts)', entry: join(root, 'functions/publish.ts') },
  { name: 'reminders (functions/reminders.ts)', entry: join(root, 'functions/reminders.ts') },
];

/** Milliseconds a fresh Node process takes to import the bundle (module init, the handler not called). */
const initMs = (indexFile: string): number =>
  Number(
    execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(indexFile).href)}); process.stdout.write(String(performance.now() - t));`,
      ],
      { env: { PATH: process.env.PATH, ...ENV }, encoding: 'utf8' },
    ),
  );

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export async function run(): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'kaoping-cold-start-'));
  try {
    const built = [];
    for (const [i, fn] of FUNCTIONS.entries()) {
      const dir = join(work, String(i));
      await buildFunction(fn.entry, dir);
      built.push({ ...fn, dir, size: measureBundle(dir), times: [] as number[] });
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const fn of built) fn.times.push(initMs(join(fn.dir, 'index.mjs')));
    }
    for (const fn of built) fn.times.sort((a, b) => a - b);
    const [baseline] = built as [(typeof built)[number]];
    const median = (times: number[]) => percentile(times, 50);
    const rows = built.map((fn) => [
      fn.name,
      kib(fn.size.initial.gzipBytes),
      `${kib(fn.size.total.gzipBytes)} (${fn.size.total.files} files)`,
      `${median(fn.times).toFixed(0)} ms`,
      `${fn.times[0]?.toFixed(0)}–${fn.times.at(-1)?.toFixed(0)} ms`,
      (median(fn.times) / median(baseline.times)).toFixed(2),
    ]);
    const api = built[1];
    return [
      `## Cold start: bundle size and module init (${ROUNDS} fresh processes each, interleaved)`,
      `machine: ${machine()}`,
      'Bundles built as `cdk synth` builds them (infra/constructs/bundle.ts); "at start" = index.mjs and the chunks it imports statically.',
      '| function | gzip at start | gzip whole asset | init p50 | init min–max | init / baseline |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows.map((r) => `| ${r.join(' | ')} |`),
      api
        ? `API at start: ${kib(api.size.initial.gzipBytes)} gzip, limit ${kib(API_INITIAL_GZIP_LIMIT)} (${api.size.initial.gzipBytes <= API_INITIAL_GZIP_LIMIT ? 'within' : 'OVER'}).`
        : '',
    ].join('\n');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run());
