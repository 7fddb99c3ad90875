/**
 * Proposes indicator values from a work summary:
 * `npm run extract -- SUMMARY_FILE --indicators INDICATORS.json [--pretty]`.
 *
 * SUMMARY_FILE is a .docx, a .pdf with a text layer or a .txt (UTF-8 or GB18030/GBK). INDICATORS.json
 * is a list of leaves (code, name, measure, keywords), or an agreement (`{ dimensions: [{ leaves }] }`)
 * as it is. Prints canonical JSON: per indicator code the value proposed (or null and why) and every
 * candidate with its sentence and offsets (docs/extraction.md). Problems print on stderr, exit code 1.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { canonicalJson } from '../shared/domain/canonical-json';
import { extractValues } from '../shared/domain/extraction';
import { NoTextError, readSummaryText } from '../shared/extraction-readers';
import { ExtractionIndicatorsSchema } from '../shared/schemas/extraction-indicators';

const USAGE = 'usage: npm run extract -- <工作总结文件> --indicators <指标.json> [--pretty]';

export interface ExtractOutput {
  code: 0 | 1;
  stdout: string;
  stderr: string;
}

const failure = (...lines: string[]): ExtractOutput => ({
  code: 1,
  stdout: '',
  stderr: `${lines.join('\n')}\n`,
});

const readBytes = (file: string): Uint8Array | string => {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? `extract: 找不到文件 ${file}`
      : `extract: 无法读取 ${file}（${code ?? String(error)}）`;
  }
};

/** Runs the command on its arguments and returns what it prints and its exit code. */
export const extract = async (args: string[]): Promise<ExtractOutput> => {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    return failure(`extract: ${(error as Error).message}`, USAGE);
  }
  const { values, positionals } = parsed;
  const [summaryFile, ...extra] = positionals;
  if (!summaryFile || !values.indicators || extra.length > 0) return failure(USAGE);

  const indicatorBytes = readBytes(values.indicators);
  if (typeof indicatorBytes === 'string') return failure(indicatorBytes);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(indicatorBytes));
  } catch (error) {
    return failure(`extract: ${values.indicators} 不是有效的 JSON：${(error as Error).message}`);
  }
  const indicators = ExtractionIndicatorsSchema.safeParse(json);
  if (!indicators.success) {
    const problems = indicators.error.issues.map((i) => `  ${i.path.join('.') || '(根)'}: ${i.message}`);
    return failure(
      `extract: ${values.indicators} 不是指标列表（code、name、measure、keywords）：`,
      ...problems,
    );
  }

  const summaryBytes = readBytes(summaryFile);
  if (typeof summaryBytes === 'string') return failure(summaryBytes);
  let text: string;
  try {
    text = await readSummaryText(summaryFile, summaryBytes);
  } catch (error) {
    if (error instanceof NoTextError) return failure(`extract: ${summaryFile}: ${error.message}`);
    throw error;
  }
  const result = extractValues(text, indicators.data);
  return { code: 0, stdout: `${canonicalJson(result, { indent: values.pretty ? 2 : 0 })}\n`, stderr: '' };
};

const OPTIONS = { indicators: { type: 'string' }, pretty: { type: 'boolean' } } as const;

if (import.meta.url === `file://${process.argv[1]}`) {
  const output = await extract(process.argv.slice(2));
  process.stdout.write(output.stdout);
  process.stderr.write(output.stderr);
  process.exitCode = output.code;
}
