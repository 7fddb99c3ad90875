/**
 * `npx tsx scripts/screenshots.ts [--only admin,leader] [--out screenshots]`: the whole product in a
 * minute. Starts a throw-away local stack (in memory, demo data with evidence and last year's
 * results), signs in as one user of each role and takes a full-page screenshot of every page in
 * that role's navigation at desktop (1366×900) and phone (390×844) width, into `screenshots/`
 * (git-ignored: never committed). It also lists any text on a page that looks like an internal
 * code (status enums, `body.` paths, ids with '#', bare Q1–Q4) so they can be found and named in
 * Chinese. Needs Chromium at /usr/bin/chromium and Java (DynamoDB Local).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { ROLE_ORDER } from '../web/src/labels';
import { navFor, PAGES } from '../web/src/navigation';
import { freePort } from './lib/dynamodb-local';
import { INTERNAL_TEXT } from './lib/internal-text';
import { startLocalStack } from './lib/local-stack';
import { DEMO_USERS } from './seed/demo-org';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const out = resolve(arg('out') ?? 'screenshots');
/** One demo user of each role (the first of the list holding it). */
const USERS = [
  ...new Set(ROLE_ORDER.map((role) => DEMO_USERS.find((u) => u.roles.includes(role))?.id).filter(Boolean)),
] as string[];
const only = arg('only')?.split(',');
const VIEWPORTS = {
  desktop: { viewport: { width: 1366, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
} as const;

const stack = await startLocalStack({
  port: await freePort(),
  seed: true,
  demoSubmissions: true,
  history: true,
  logLevel: 'WARN',
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
const findings: string[] = [];
try {
  for (const userId of USERS.filter((u) => !only || only.some((o) => u.startsWith(o)))) {
    const user = DEMO_USERS.find((u) => u.id === userId);
    if (!user) continue;
    const signIn = await fetch(`${stack.url}/api/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
    });
    const { idToken } = (await signIn.json()) as { idToken: string };
    for (const [width, options] of Object.entries(VIEWPORTS)) {
      const context = await browser.newContext({ baseURL: stack.url, locale: 'zh-CN', ...options });
      await context.addInitScript((token) => localStorage.setItem('kaoping.idToken', token), idToken);
      const page = await context.newPage();
      const dir = join(out, userId);
      mkdirSync(dir, { recursive: true });
      for (const id of navFor(user.roles)) {
        await page.goto(PAGES[id].path, { waitUntil: 'networkidle' });
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(dir, `${width}-${id}.png`), fullPage: true });
        const text = await page
          .locator('main')
          // biome-ignore lint/performance/useDomNodeTextContent: what the user sees, hidden text excluded.
          .innerText()
          .catch(() => '');
        const seen = [...new Set(text.match(INTERNAL_TEXT) ?? [])];
        if (seen.length > 0) findings.push(`${userId} ${width} ${PAGES[id].path}: ${seen.join(' ')}`);
      }
      await context.close();
    }
    console.log(`✓ ${userId}`);
  }
} finally {
  await browser.close();
  await stack.stop();
}
console.log(`screenshots in ${out}`);
if (findings.length > 0) console.log(`internal codes shown:\n${findings.join('\n')}`);
