/**
 * Bench of summary extraction: a 100 KB work summary (the seed collection, topped up with the other
 * seeds to 102 400 bytes of UTF-8) against 80 indicators of the labelled set, as `extractValues` runs
 * it after the file is read, against merely reading the text (decoding the file's bytes, as the .txt
 * reader does) — the least any extraction has to do. Budget: under 200 ms per summary (issue 16).
 *
 * Run: `npx tsx bench/extract.ts` or `npm run bench -- extract`.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { type ExtractionIndicator, extractValues } from '../shared/domain/extraction';
import { decodeText } from '../shared/extraction-readers/text';

const RUNS = 15;
const BUDGET_MS = 200;
const SIZE = 100 * 1024;
const INDICATORS = 80;
const FIXTURES = join(import.meta.dirname, '../tests/fixtures/extraction');

/** 100 KB of real summaries as the bytes of a .txt file (cut at a character boundary). */
const summaryBytes = (): Uint8Array => {
  const seeds = [
    'bureau-summaries-collection',
    'county-bureau-rural-outreach-summary',
    'district-bureau-2021-livelihood-summary',
  ];
  let text = '';
  while (Buffer.byteLength(text) < SIZE)
    for (const seed of seeds) text += readFileSync(join(FIXTURES, `seeds/${seed}.txt`), 'utf8');
  const bytes = new TextEncoder().encode(text);
  let end = SIZE;
  while (((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
};

const indicators = (): ExtractionIndicator[] => {
  const { documents } = JSON.parse(readFileSync(join(FIXTURES, 'cases.json'), 'utf8')) as {
    documents: { indicators: ExtractionIndicator[] }[];
  };
  return documents
    .flatMap((d) => d.indicators)
    .slice(0, INDICATORS)
    .map((indicator, i) => ({ ...indicator, code: `I${i}` }));
};

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const timeOnce = (fn: () => unknown) => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

/** Runs the bench and returns its report. */
export async function run(): Promise<string> {
  const bytes = summaryBytes();
  const list = indicators();
  const text = decodeText(bytes);
  const first = timeOnce(() => extractValues(decodeText(bytes), list));
  const extractMs: number[] = [];
  const readMs: number[] = [];
  // Interleaved, so a busy machine slows both sides alike.
  for (let i = 0; i < RUNS; i++) {
    readMs.push(timeOnce(() => decodeText(bytes)));
    extractMs.push(timeOnce(() => extractValues(decodeText(bytes), list)));
  }
  const proposed = Object.values(extractValues(text, list)).filter((r) => r.value !== null).length;
  const extract = median(extractMs);
  const read = median(readMs);
  return [
    `extract bench — ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}, node ${process.version}, load ${os.loadavg()[0]?.toFixed(1)}`,
    `input: ${bytes.length} bytes (${text.length} characters), ${list.length} indicators, ${proposed} values proposed`,
    `read + extract:            median ${extract.toFixed(1)} ms of ${RUNS} (first run ${first.toFixed(1)} ms, tables built)`,
    `read only (decode bytes):  median ${read.toFixed(2)} ms of ${RUNS}`,
    `ratio extract / read:      ${(extract / read).toFixed(1)}×`,
    `budget ${BUDGET_MS} ms: ${Math.max(extract, first) < BUDGET_MS ? 'met' : 'MISSED'}`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await run());
}
