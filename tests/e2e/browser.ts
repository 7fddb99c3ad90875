/**
 * The Chromium the browser tests drive, found without any set-up step: `CHROMIUM_PATH` when set,
 * else Debian's `/usr/bin/chromium` when installed, else the one inside the `@sparticuz/chromium`
 * npm package (unpacked once to the temp folder, under a lock, since test files start in
 * parallel). `KAOPING_IGNORE_SYSTEM_CHROMIUM=1` skips `/usr/bin/chromium`, to try the npm one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type LaunchOptions } from 'playwright-core';
import { withLock } from './lock';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Unpacking takes ~2–5 s; a lock older than a minute was left by a crashed run. */
const UNPACK = { staleMs: 60_000, waitMs: 120_000 };

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Shared libraries the binary needs and the machine lacks (`ldd` says "not found"). */
const missingLibraries = (executable: string): string[] => {
  try {
    return execFileSync('ldd', [executable], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('not found'))
      .map((line) => line.trim());
  } catch {
    return [];
  }
};

/** Unpacks the npm package's browser (and, if the machine lacks NSS, the libraries it ships). */
const npmChromium = async (): Promise<LaunchOptions> => {
  const { default: Chromium, inflate } = await import('@sparticuz/chromium');
  const executablePath = await withLock('kaoping-chromium-unpack', () => Chromium.executablePath(), UNPACK);
  if (missingLibraries(executablePath).length === 0) return { executablePath };
  const { createRequire } = await import('node:module');
  const bin = join(createRequire(import.meta.url).resolve('@sparticuz/chromium'), '../../bin');
  const libs = await withLock('kaoping-chromium-unpack', () => inflate(join(bin, 'al2023.tar.br')), UNPACK);
  const libDir = join(libs, 'lib');
  return {
    executablePath,
    env: { ...process.env, LD_LIBRARY_PATH: [libDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') },
  };
};

/** Where the browser comes from, by the order of preference above. */
export const chromiumLaunchOptions = async (): Promise<LaunchOptions & { source: string }> => {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv}: no such file`);
    return { executablePath: fromEnv, args: CHROMIUM_ARGS, source: 'CHROMIUM_PATH' };
  }
  if (!process.env.KAOPING_IGNORE_SYSTEM_CHROMIUM && existsSync(SYSTEM_CHROMIUM)) {
    return { executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS, source: SYSTEM_CHROMIUM };
  }
  return { ...(await npmChromium()), args: CHROMIUM_ARGS, source: '@sparticuz/chromium' };
};

/** Launches the browser the tests use. */
export const launchChromium = async (): Promise<Browser> => {
  const { source: _source, ...options } = await chromiumLaunchOptions();
  return chromium.launch(options);
};
