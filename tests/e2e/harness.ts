/**
 * Browser-test harness. Each test file starts its own local stack (API + web) on a free port,
 * against the run's DynamoDB Local with its own seeded table, and one headless Chromium; tests
 * that change data therefore never disturb another file's. The web bundle is built at most once
 * per change of web/src or web/public, under a lock, so parallel files never serve a half-written
 * app.js.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type axe from 'axe-core';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { buildWeb } from '../../scripts/build-web';
import { freePort } from '../../scripts/lib/dynamodb-local';
import { type JobGate, jobGate } from '../../scripts/lib/job-gate';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../../scripts/lib/local-stack';
import { ServiceUnavailableError } from '../../shared/errors';
import type { StepApi } from '../api/year-steps';
import { launchChromium } from './browser';
import { withLock } from './lock';

const root = resolve(import.meta.dirname, '../..');

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const newestMtime = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }, 0);

/** Builds web/dist unless it is newer than every source file; one builder at a time. */
const ensureWebBuilt = (): Promise<void> =>
  // A lock left by a crashed run is stale after 30 s (a build takes about one).
  withLock(`kaoping-web-build-${createHash('sha1').update(root).digest('hex').slice(0, 8)}`, async () => {
    const bundle = resolve(root, 'web/dist/app.js');
    const sources = Math.max(newestMtime(resolve(root, 'web/src')), newestMtime(resolve(root, 'web/public')));
    const swaggerUi = resolve(root, 'web/dist/swagger-ui-dist');
    if (!existsSync(bundle) || !existsSync(swaggerUi) || statSync(bundle).mtimeMs < sources) await buildWeb();
  });

export interface E2e {
  url: string;
  stack: LocalStack;
  browser: Browser;
  /** Stops the stack's jobs mid-way: `hold()` before starting a job, `release()` after the reload (job-steps.ts). */
  jobGate: JobGate;
  /** A page in a fresh browser context (its own localStorage and sessionStorage), with `goto('/path')` relative to the stack. */
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
  stop: () => Promise<void>;
}

/**
 * Starts the stack, seeding the table. On a busy machine (several suites against DynamoDB Local)
 * creating or seeding the table can miss the SDK's connect timeout (a 503 from the repositories, a
 * TimeoutError from the raw client); both only create what is missing, so starting again is safe.
 */
const startSeededStack = async (options: Omit<LocalStackOptions, 'port'>): Promise<LocalStack> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startLocalStack({ ...options, port: await freePort() });
    } catch (error) {
      const busy = error instanceof ServiceUnavailableError || (error as Error).name === 'TimeoutError';
      if (attempt === 3 || !busy) throw error;
      await sleep(1_000 * attempt);
    }
  }
};

/** The stack of this test file (one per file, and each file runs in its own process). */
let currentUrl: string | undefined;

/** Starts the stack on a unique table and launches Chromium; call `stop` in afterAll (awaited). */
export const startE2e = async (
  options: Pick<
    LocalStackOptions,
    'now' | 'provider' | 'liveResultsMaxUnits' | 'demo' | 'onSeeded' | 'siteStore'
  > = {},
): Promise<E2e> => {
  await ensureWebBuilt();
  const gate = jobGate();
  const stack = await startSeededStack({
    jobGate: gate,
    ddbEndpoint: inject('ddbEndpoint'),
    tableName: `e2e-${randomUUID()}`,
    seed: true,
    buildWeb: false,
    ...options,
  });
  currentUrl = stack.url;
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return {
    url: stack.url,
    stack,
    browser,
    jobGate: gate,
    newPage: async (options = {}) => {
      const context = await browser.newContext({ baseURL: stack.url, locale: 'zh-CN', ...options });
      return context.newPage();
    },
    stop: async () => {
      // A test that failed mid-job leaves its job held: let it finish, or stopping waits forever.
      gate.release();
      await browser.close();
      await stack.stop();
    },
  };
};

/** A dev sign-in token for a demo user, straight from the local API. */
const devToken = async (url: string, userId: string): Promise<string> => {
  const response = await fetch(`${url}/api/dev/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  if (!response.ok) throw new Error(`dev sign-in of ${userId} answered ${response.status}`);
  return ((await response.json()) as { idToken: string }).idToken;
};

/**
 * Opens `path` signed in as `userId`. The token is put where the app keeps it (localStorage)
 * before the page loads, once per tab: a later reload keeps whatever the app did since (e.g. sign out).
 * The picker itself is exercised by the sign-in tests; skipping it elsewhere keeps the suite fast.
 */
export const signInAs = async (page: Page, userId: string, path = '/'): Promise<void> => {
  if (!currentUrl) throw new Error('signInAs needs startE2e() first');
  const token = await devToken(currentUrl, userId);
  await page.addInitScript(
    ({ marker, token }) => {
      if (sessionStorage.getItem(marker)) return;
      sessionStorage.setItem(marker, '1');
      localStorage.setItem('kaoping.idToken', token);
    },
    { marker: `e2e.sign-in.${randomUUID()}`, token },
  );
  await page.goto(path);
  await page.getByRole('button', { name: '退出登录' }).waitFor();
};

/** Calls the API as a demo user from the test (e.g. someone else changing data meanwhile). */
export const apiAs = async (e2e: E2e, userId: string) => {
  const idToken = await devToken(e2e.url, userId);
  return async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const response = await fetch(`${e2e.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
};

declare global {
  interface Window {
    axe?: typeof axe;
  }
}

/**
 * axe-core's browser bundle. The same code as `axe.source` (the text of axe.js), minified: less
 * for each page to parse, and the test process never has to evaluate axe itself.
 */
let axeSource: string | undefined;
const loadAxeSource = () => {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
};

/** Runs axe-core (WCAG 2 A and AA rules) on the page as it is now; fails listing each violation. */
export const checkA11y = async (page: Page): Promise<void> => {
  if (!(await page.evaluate(() => Boolean(window.axe))))
    await page.addScriptTag({ content: loadAxeSource() });
  const violations = await page.evaluate(async () => {
    const result = await window.axe!.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
    });
    return result.violations.map(
      (v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
  expect(violations, `axe violations on ${page.url()}`).toEqual([]);
};

/** The API tests' year steps (tests/api/year-steps.ts) over HTTP against this stack; `setNow` moves its clock. */
export const stepApiOf = (e2e: E2e, setNow: (date: Date) => void): StepApi => {
  const callers = new Map<string, Awaited<ReturnType<typeof apiAs>>>();
  return {
    setNow,
    call: async (method, path, { as = 'admin', body } = {}) => {
      const caller = callers.get(as) ?? (await apiAs(e2e, as));
      callers.set(as, caller);
      try {
        return { status: 200, body: await caller(path, { method, body }), headers: new Headers() };
      } catch (error) {
        const status = Number(/answered (\d+)/.exec(String(error))?.[1] ?? 500);
        return { status, body: String(error), headers: new Headers() };
      }
    },
  };
};
