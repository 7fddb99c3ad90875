/** Small helpers shared by the benchmarks: timing, percentiles, the machine line. */
import { cpus, loadavg, totalmem } from 'node:os';

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/** Runs `fn` `n` times sequentially after `warmup` runs; returns sorted milliseconds. */
export const timeMany = async (n: number, fn: (i: number) => Promise<unknown>, warmup = 50) => {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
};

export const machine = () =>
  `${cpus()[0]?.model ?? 'unknown cpu'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`;

export const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

/** The machine's load average (1, 5, 15 min) when called: these benchmarks share the machine. */
export const loadAverage = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}`;
