/**
 * Writes docs/scenario.schema.json from the zod schema of the scenario (`npx tsx scripts/gen-scenario-schema.ts`),
 * so editors can check a scenario file and the documented shape never drifts from the code.
 * `--check` exits 1 when the file on disk is out of date instead of writing it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ScenarioSchema } from '../shared/schemas/scenario';

const target = resolve(dirname(fileURLToPath(import.meta.url)), '../docs/scenario.schema.json');

/** The JSON Schema of a scenario file as written (defaults may be omitted). */
export const scenarioJsonSchema = (): string =>
  `${JSON.stringify(z.toJSONSchema(ScenarioSchema, { io: 'input', target: 'draft-2020-12' }), null, 2)}\n`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = scenarioJsonSchema();
  if (process.argv.includes('--check')) {
    const current = (() => {
      try {
        return readFileSync(target, 'utf8');
      } catch {
        return '';
      }
    })();
    if (current !== text) {
      process.stderr.write(
        'docs/scenario.schema.json is out of date: run npx tsx scripts/gen-scenario-schema.ts\n',
      );
      process.exit(1);
    }
  } else {
    writeFileSync(target, text);
    process.stdout.write(`wrote ${target}\n`);
  }
}
