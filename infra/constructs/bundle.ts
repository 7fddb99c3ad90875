/**
 * How a Lambda function's code is built: one esbuild call, used by `AppFunction` during `cdk synth`
 * and by `bench/cold-start.ts`, so that what is measured is what is deployed.
 *
 * ESM with code splitting: `index.mjs` holds what the function needs at start, and every module the
 * code loads with `import()` (ExcelJS, the S3 client, the workbook readers…) goes to `chunks/`, read
 * from disk only when a request first needs it. CDK's `NodejsFunction` always passes `--outfile`,
 * which esbuild's splitting does not allow, hence this builder instead of its bundling options.
 *
 * CDK bundles synchronously and esbuild runs plugins only in its asynchronous build, so the sync
 * `bundleFunction` runs this file as a script (`node --import tsx bundle.ts <entry> <outdir>`).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';

/**
 * An ESM bundle that contains the AWS SDK fails at start with `Dynamic require of "node:https"`:
 * some of its CommonJS dependencies call `require`, which ESM does not define. This banner defines it.
 */
export const ESM_REQUIRE_BANNER =
  "import{createRequire}from'module';const require=createRequire(import.meta.url);";

/** The file Lambda starts (`index.handler`); chunks sit beside it in `chunks/`. */
export const BUNDLE_ENTRY_FILE = 'index.mjs';

/**
 * Zod's `z` namespace (which @hono/zod-openapi extends, so it is kept whole) holds what the functions
 * never use: every locale zod has (36 KiB gzip at start) and `z.fromJSONSchema` (4 KiB). The API speaks
 * Chinese (shared/http/error-handler.ts imports zh-CN by its own path) and zod's default is English: the
 * locale list is cut to those two, and `fromJSONSchema`, `toJSONSchema` and `compile` throw (the code builds schemas, never
 * reads them, and parses with zod's runtime parser).
 */
const zodTrimPlugin: Plugin = {
  name: 'zod-trim',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: "export { default as zhCN } from './zh-CN.js';\nexport { default as en } from './en.js';",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
    // z.compile (zod 4.6's ahead-of-time parser, 7 KiB gzip) is exported by the namespace and used by nothing here.
    esbuild.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]core[\\/]compile\.js$/ }, () => ({
      contents: [
        "export const INVALID = Symbol.for('zod.compile.invalid');",
        "const left = () => { throw new Error('z.compile is left out of the bundle (infra/constructs/bundle.ts)'); };",
        'export class ZodCompileAsyncError extends Error {}',
        'export class ZodCompileUnsupportedError extends Error {}',
        'export const compile = left;',
        'export const withParser = left;',
        'export const compileFn = left;',
      ].join('\n'),
      loader: 'js',
    }));
    // z.toJSONSchema's engine (4 KiB gzip): zod-to-openapi writes the OpenAPI document from schema
    // definitions itself, so only the methods' factories are kept, answering a function that throws.
    esbuild.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]core[\\/]to-json-schema\.js$/ }, () => ({
      contents: [
        "const left = () => { throw new Error('z.toJSONSchema is left out of the bundle (infra/constructs/bundle.ts)'); };",
        'export const createToJSONSchemaMethod = () => left;',
        'export const createStandardJSONSchemaMethod = () => left;',
        'export { left as initializeContext, left as handleUnrepresentable, left as processSchema, left as process };',
        'export { left as extractDefs, left as finalize };',
      ].join('\n'),
      loader: 'js',
    }));
    esbuild.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]classic[\\/]from-json-schema\.js$/ }, () => ({
      contents:
        "export function fromJSONSchema() { throw new Error('z.fromJSONSchema is left out of the bundle (infra/constructs/bundle.ts)'); }",
      loader: 'js',
    }));
  },
};

const options = (entry: string, outdir: string): BuildOptions => ({
  entryPoints: { index: entry },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  target: 'node22',
  platform: 'node',
  mainFields: ['module', 'main'],
  banner: { js: ESM_REQUIRE_BANNER },
  minify: true,
  // No source maps in the package: they doubled its size and `--enable-source-maps` slows the start.
  // The build is reproducible from the commit (this file), so a map can be made when a trace needs one.
  sourcemap: false,
  legalComments: 'none',
  charset: 'utf8',
  // Warnings and errors only.
  logLevel: 'warning',
  // Everything bundled, the AWS SDK included: the code runs with the SDK versions it was tested with
  // (the SDK in the Lambda runtime is not pinned; the store deadlines need `throwOnRequestTimeout`).
  external: [],
  metafile: true,
  plugins: [zodTrimPlugin],
});

/** Builds `entry` (a TypeScript file exporting `handler`) into `outdir`; answers esbuild's metafile. */
export const buildFunction = async (entry: string, outdir: string): Promise<Metafile> => {
  const result = await build(options(entry, outdir));
  if (!result.metafile) throw new Error(`esbuild gave no metafile for ${entry}`);
  return result.metafile;
};

const thisFile = fileURLToPath(import.meta.url);

/** `buildFunction`, synchronously (for CDK's local bundling), in a child process. */
export const bundleFunction = (entry: string, outdir: string): void => {
  execFileSync(process.execPath, ['--import', 'tsx', thisFile, entry, outdir], { stdio: 'inherit' });
};

if (process.argv[1] === thisFile) {
  const [entry, outdir] = process.argv.slice(2);
  if (!entry || !outdir) throw new Error('usage: bundle.ts <entry> <outdir>');
  await buildFunction(entry, outdir);
}

export interface BundleSize {
  /** What loads at start: `index.mjs` and the chunks it imports statically, transitively. */
  initial: { files: string[]; bytes: number; gzipBytes: number };
  /** Every file of the bundle, lazy chunks included. */
  total: { files: number; bytes: number; gzipBytes: number };
}

/** Static imports of a minified ESM file (`import"./x.mjs"`, `from"./x.mjs"`), not `import("./x.mjs")`. */
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*"(\.{1,2}\/[^"]+\.mjs)"/g;

/**
 * The size of a built bundle (a folder as `cdk synth` leaves it), with gzip at its default level.
 * "Initial" follows the static imports from the entry: what a cold start reads, parses and runs
 * before the first request; the chunks behind `import()` load when a request first needs them.
 */
export const measureBundle = (dir: string): BundleSize => {
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.mjs'));
  const content = (file: string) => readFileSync(join(dir, file));
  const initial = new Set<string>();
  const pending = [BUNDLE_ENTRY_FILE];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (initial.has(file)) continue;
    initial.add(file);
    for (const [, path] of content(file).toString('utf8').matchAll(STATIC_IMPORT)) {
      pending.push(join(dirname(file), path as string));
    }
  }
  const measure = (names: Iterable<string>) => {
    let bytes = 0;
    let gzipBytes = 0;
    for (const name of names) {
      const bytesOf = content(name);
      bytes += bytesOf.byteLength;
      gzipBytes += gzipSync(bytesOf).byteLength;
    }
    return { bytes, gzipBytes };
  };
  return {
    initial: { files: [...initial], ...measure(initial) },
    total: { files: files.length, ...measure(files) },
  };
};

/**
 * The most the API may load at start, gzip (tests/infra fails past it; bench/cold-start.ts reports it):
 * issue 15's goal. The routes load in groups on the first request for one of their resources
 * (shared/http/route-groups.ts), zod and @hono/zod-openapi with them (tests/infra checks that no file
 * loaded at start holds zod), so the start holds Hono's core, the SDK's DynamoDB client, the token
 * verifier and the logger: 109.8 KiB on 2026-12-06 (162.8 KiB when the app was an OpenAPIHono).
 */
export const API_INITIAL_GZIP_LIMIT = 250 * 1024;
