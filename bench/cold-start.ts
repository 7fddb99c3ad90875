/**
 * Cold start of every Lambda function, in one run: each is bundled as `cdk synth` bundles it
 * (infra/constructs/bundle.ts), then its module init (a fresh Node process importing `index.mjs`,
 * with the function's settings in the environment) is timed against a hello-world Hono + DynamoDB
 * client bundle built the same way. Rounds interleave the bundles so that machine noise hits all.
 *
 * The functions and their environment come from the synthesized app (bundling skipped), so a
 * setting added to a function in infra is set here too.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type CfnElement, Stack } from 'aws-cdk-lib';
import { buildApp } from '../infra/build-app';
import { AppFunction } from '../infra/constructs/app-function';
import { API_INITIAL_GZIP_LIMIT, buildFunction, measureBundle } from '../infra/constructs/bundle';
import { machine, percentile } from './lib';

/** Fresh processes per bundle: 15 keeps the medians steady when other work shares the machine. */
const ROUNDS = 15;
/** Issue 15: the API's module init at most 1.5× the hello-world bundle's. */
const API_INIT_RATIO_GOAL = 1.5;
const root = join(import.meta.dirname, '..');
const REGION = 'cn-north-1';

/** What the Lambda runtime itself sets (values are stand-ins: nothing is called during init). */
const runtimeEnvironment = (fn?: { name: string; logFormat?: string; logLevel?: string }) => ({
  AWS_REGION: REGION,
  AWS_DEFAULT_REGION: REGION,
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SESSION_TOKEN: 'bench',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
  AWS_LAMBDA_FUNCTION_NAME: fn?.name ?? 'hello',
  ...(fn?.logFormat ? { AWS_LAMBDA_LOG_FORMAT: fn.logFormat } : {}),
  ...(fn?.logLevel ? { AWS_LAMBDA_LOG_LEVEL: fn.logLevel } : {}),
  // This machine's Node may be older than Lambda's 22, for which the SDK warns on stderr.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

/** A CloudFormation value as a string: references (names of buckets, functions, pools) become stand-ins. */
const standIn = (value: unknown, resources: Record<string, { Type: string }>): string => {
  if (typeof value === 'string') return value;
  const ref = (value as { Ref?: string }).Ref;
  // aws-jwt-verify checks a user pool id's shape when the verifier is created.
  if (ref && resources[ref]?.Type === 'AWS::Cognito::UserPool') return `${REGION}_StandIn1`;
  return `stand-in-${ref ?? 'value'}`.toLowerCase();
};

interface Measured {
  name: string;
  entry: string;
  env: Record<string, string>;
}

/** Every function of the synthesized app: its entry and the environment Lambda gives it. */
const deployedFunctions = (): Measured[] => {
  const webDist = mkdtempSync(join(tmpdir(), 'kaoping-cold-start-web-'));
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>考评</title>');
  mkdirSync(join(webDist, 'assets'));
  try {
    const { app, main } = buildApp({
      webDistDir: webDist,
      builtinCloudFormationValidation: false,
      // The bundles are built below, by the same builder.
      context: { 'aws:cdk:bundling-stacks': [] },
    });
    const assembly = app.synth();
    const template = assembly.getStackByName(main.stackName).template as {
      Resources: Record<string, { Type: string; Properties: Record<string, never> }>;
    };
    rmSync(assembly.directory, { recursive: true, force: true });
    return main.node
      .findAll()
      .filter((c): c is AppFunction => c instanceof AppFunction)
      .map((fn) => {
        const logicalId = main.resolve(main.getLogicalId(fn.node.defaultChild as CfnElement)) as string;
        const props = template.Resources[logicalId]?.Properties as {
          Environment?: { Variables?: Record<string, unknown> };
          LoggingConfig?: { LogFormat?: string; ApplicationLogLevel?: string };
        };
        const variables = Object.entries(props.Environment?.Variables ?? {}).map(
          ([key, value]) => [key, standIn(value, template.Resources)] as const,
        );
        const name = basename(fn.entry, '.ts');
        return {
          name: `${name} (functions/${basename(fn.entry)})`,
          entry: fn.entry,
          env: {
            ...runtimeEnvironment({
              name: `${Stack.of(fn).stackName}-${name}`,
              logFormat: props.LoggingConfig?.LogFormat,
              logLevel: props.LoggingConfig?.ApplicationLogLevel,
            }),
            ...Object.fromEntries(variables),
          },
        };
      })
      .sort((a, b) => Number(b.name.startsWith('api ')) - Number(a.name.startsWith('api ')));
  } finally {
    rmSync(webDist, { recursive: true, force: true });
  }
};

/** A keyed read of a unit without a token (401): the first request mounts the org routes only. */
const FIRST_REQUEST = {
  version: '2.0',
  routeKey: '$default',
  rawPath: '/api/units/u1',
  rawQueryString: '',
  headers: { host: 'api.example.com' },
  requestContext: {
    http: {
      method: 'GET',
      path: '/api/units/u1',
      protocol: 'HTTP/1.1',
      sourceIp: '203.0.113.1',
      userAgent: 'bench',
    },
    requestId: 'bench',
    routeKey: '$default',
    stage: '$default',
    domainName: 'api.example.com',
    timeEpoch: 0,
  },
  isBase64Encoded: false,
};

interface Timing {
  wall: number;
  cpu: number;
}

/**
 * A fresh Node process importing the bundle (module init): wall-clock milliseconds, and the CPU
 * milliseconds the process spent meanwhile (less sensitive to other work on a shared machine).
 * With `event`, the handler then answers it, and `first` is the time up to that answer.
 */
const initOf = (
  indexFile: string,
  env: Record<string, string>,
  event?: object,
): Timing & { first?: Timing } => {
  const script = [
    'const c = process.cpuUsage(); const t = performance.now();',
    `const { handler } = await import(${JSON.stringify(pathToFileURL(indexFile).href)});`,
    'const since = () => { const u = process.cpuUsage(c); return { wall: performance.now() - t, cpu: (u.user + u.system) / 1000 }; };',
    'const init = since();',
    event
      ? `await handler(${JSON.stringify(event)}, {}); const first = since();`
      : 'const first = undefined;',
    // The last line: the request's log line comes before it.
    "process.stdout.write('\\n' + JSON.stringify({ ...init, first }));",
  ].join('\n');
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}');
};

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export async function run(): Promise<string> {
  const loadAtStart = loadavg()[0]?.toFixed(1);
  const work = mkdtempSync(join(tmpdir(), 'kaoping-cold-start-'));
  try {
    const functions: Measured[] = [
      {
        name: 'hello-world Hono + DynamoDB (baseline)',
        entry: join(root, 'bench/fixtures/hello-api.ts'),
        env: runtimeEnvironment(),
      },
      ...deployedFunctions(),
    ];
    const built = [];
    for (const [i, fn] of functions.entries()) {
      const dir = join(work, String(i));
      await buildFunction(fn.entry, dir);
      built.push({
        ...fn,
        dir,
        size: measureBundle(dir),
        times: [] as number[],
        cpu: [] as number[],
        first: [] as Timing[],
      });
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const fn of built) {
        const isApi = fn.name.startsWith('api ');
        const { wall, cpu, first } = initOf(
          join(fn.dir, 'index.mjs'),
          fn.env,
          isApi ? FIRST_REQUEST : undefined,
        );
        fn.times.push(wall);
        fn.cpu.push(cpu);
        if (first) fn.first.push(first);
      }
    }
    for (const fn of built) {
      fn.times.sort((a, b) => a - b);
      fn.cpu.sort((a, b) => a - b);
    }
    const [baseline] = built as [(typeof built)[number]];
    const median = (times: number[]) => percentile(times, 50);
    const rows = built.map((fn) => [
      fn.name,
      kib(fn.size.initial.gzipBytes),
      `${kib(fn.size.total.gzipBytes)} (${fn.size.total.files} files)`,
      `${median(fn.times).toFixed(0)} ms`,
      `${fn.times[0]?.toFixed(0)}–${fn.times.at(-1)?.toFixed(0)} ms`,
      (median(fn.times) / median(baseline.times)).toFixed(2),
      `${median(fn.cpu).toFixed(0)} ms (${(median(fn.cpu) / median(baseline.cpu)).toFixed(2)})`,
    ]);
    const api = built.find((fn) => fn.name.startsWith('api '));
    const apiRatio = api ? median(api.times) / median(baseline.times) : Number.NaN;
    const apiCpuRatio = api ? median(api.cpu) / median(baseline.cpu) : Number.NaN;
    const verdict = [apiRatio, apiCpuRatio].every((r) => r <= API_INIT_RATIO_GOAL)
      ? 'met'
      : apiCpuRatio <= API_INIT_RATIO_GOAL
        ? 'met in CPU time, not in wall time (which other work on the machine disturbs most)'
        : 'NOT met';
    return [
      `## Cold start: bundle size and module init (${ROUNDS} fresh processes each, interleaved)`,
      `machine: ${machine()}, load average at the start ${loadAtStart}, at the end ${loadavg()[0]?.toFixed(1)}`,
      'Bundles built as `cdk synth` builds them (infra/constructs/bundle.ts); "at start" = index.mjs and the chunks it imports statically.',
      '| function | gzip at start | gzip whole asset | init p50 | init min–max | init / baseline | init CPU p50 (/ baseline) |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows.map((r) => `| ${r.join(' | ')} |`),
      api
        ? `API at start: ${kib(api.size.initial.gzipBytes)} gzip, limit ${kib(API_INITIAL_GZIP_LIMIT)} (${api.size.initial.gzipBytes <= API_INITIAL_GZIP_LIMIT ? 'within' : 'OVER'}).`
        : '',
      `API init / baseline: ${apiRatio.toFixed(2)} wall, ${apiCpuRatio.toFixed(2)} CPU (goal ≤ ${API_INIT_RATIO_GOAL}: ${verdict}).`,
      api
        ? `API init + first request (GET /api/units/{id}, 401 without a token; it loads the org routes): p50 ${median(api.first.map((f) => f.wall).sort((a, b) => a - b)).toFixed(0)} ms, CPU ${median(api.first.map((f) => f.cpu).sort((a, b) => a - b)).toFixed(0)} ms.`
        : '',
    ].join('\n');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run());
