/**
 * Scores a scenario file: `npm run score -- path/to/scenario.json [--table] [--as-of Q2] [--pretty] [--hash]`.
 *
 * Prints the results as canonical JSON (stable key order, so the same scenario gives the same bytes),
 * `--table` as a readable table, `--hash` the SHA-256 of the canonical scenario and results (to check a
 * published ranking). A missing file, invalid JSON or a scenario that cannot be scored prints one line
 * per problem on stderr and exits with code 1.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { canonicalJson } from '../shared/domain/canonical-json';
import { scoreHashLines } from '../shared/domain/publication/check-hashes';
import { checkScenario, computeResults, formatResultsTable, PERIODS } from '../shared/domain/scoring';
import type { Period } from '../shared/schemas/scenario';
import { sha256Hex } from '../shared/sha256';

const USAGE = 'usage: npm run score -- <scenario.json> [--table] [--as-of Q1|Q2|Q3|Q4] [--pretty] [--hash]';

const OPTIONS = {
  table: { type: 'boolean' },
  pretty: { type: 'boolean' },
  hash: { type: 'boolean' },
  'as-of': { type: 'string' },
} as const;

export interface ScoreOutput {
  code: 0 | 1;
  stdout: string;
  stderr: string;
}

const failure = (...lines: string[]): ScoreOutput => ({
  code: 1,
  stdout: '',
  stderr: `${lines.join('\n')}\n`,
});

type Read = { ok: true; value: unknown } | { ok: false; output: ScoreOutput };

const readJson = (file: string): Read => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const line =
      code === 'ENOENT'
        ? `score: 找不到情景文件 ${file}`
        : `score: 无法读取 ${file}（${code ?? String(error)}）`;
    return { ok: false, output: failure(line) };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, output: failure(`score: ${file} 不是有效的 JSON：${(error as Error).message}`) };
  }
};

/** Runs the command on its arguments and returns what it prints and its exit code. */
export const score = (args: string[]): ScoreOutput => {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    return failure(`score: ${(error as Error).message}`, USAGE);
  }
  const { values, positionals } = parsed;
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) return failure(USAGE);
  const asOf = values['as-of'];
  if (asOf !== undefined && !PERIODS.includes(asOf as Period)) {
    return failure(`score: --as-of 须为 Q1、Q2、Q3 或 Q4（实际为 ${asOf}）`);
  }

  const read = readJson(file);
  if (!read.ok) return read.output;
  const checked = checkScenario(read.value);
  if (!checked.ok) {
    const problems = checked.problems.map((p) => `  ${p.path || '(根)'}: ${p.message}`);
    return failure(`score: ${file} 无法计分，共 ${checked.problems.length} 个问题：`, ...problems);
  }
  const results = computeResults(checked.scenario, asOf ? { asOfPeriod: asOf as Period } : {});
  if (values.hash) {
    const stdout = scoreHashLines({
      scenarioSha256: sha256Hex(canonicalJson(checked.scenario)),
      resultsSha256: sha256Hex(canonicalJson(results)),
    });
    return { code: 0, stdout, stderr: '' };
  }
  const text = values.table
    ? formatResultsTable(results)
    : canonicalJson(results, { indent: values.pretty ? 2 : 0 });
  return { code: 0, stdout: `${text}\n`, stderr: '' };
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const output = score(process.argv.slice(2));
  process.stdout.write(output.stdout);
  process.stderr.write(output.stderr);
  process.exitCode = output.code;
}
