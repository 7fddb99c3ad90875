/** Bundles the static web front (web/src → web/dist) with esbuild. */
import { cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The two files the API reference page loads (under /swagger-ui-dist/). */
export const SWAGGER_UI_FILES = ['swagger-ui.css', 'swagger-ui-bundle.js'];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const buildWeb = async (options: { outdir?: string; minify?: boolean } = {}) => {
  const outdir = options.outdir ?? resolve(root, 'web/dist');
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: { app: resolve(root, 'web/src/main.tsx') },
    outdir,
    bundle: true,
    format: 'esm',
    splitting: true,
    target: 'es2022',
    minify: options.minify ?? true,
    sourcemap: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  cpSync(resolve(root, 'web/public'), outdir, { recursive: true });
  // The API reference (/api/docs) loads Swagger UI from the web front, so it works offline.
  const swaggerUi = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  for (const file of SWAGGER_UI_FILES) {
    cpSync(resolve(swaggerUi, file), resolve(outdir, 'swagger-ui-dist', file));
  }
  return outdir;
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await buildWeb();
  console.log(`web built into ${out}`);
}
