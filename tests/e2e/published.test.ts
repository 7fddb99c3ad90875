/**
 * The published ranking page is static: leadership reads it with no API behind it. The stack
 * publishes last year's results, is stopped, and the folder is served by a bare file server.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import axe from 'axe-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../scripts/lib/dynamodb-local';
import { startLocalStack } from '../../scripts/lib/local-stack';
import { launchChromium } from './browser';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.json': 'application/json',
};

/** A file server that knows nothing of the API: GET a file under the folder, or 404. */
const serveFolder = (root: string, port: number) =>
  new Promise<Server>((ok) => {
    const server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(
        /^\/rankings/,
        '',
      );
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) return res.writeHead(403).end();
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!existsSync(file)) return res.writeHead(404).end('not found');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
    });
    server.listen(port, '127.0.0.1', () => ok(server));
  });

describe('the published ranking page', () => {
  let server: Server;
  let browser: Browser;
  let url: string;
  let apiUrl: string;

  beforeAll(async () => {
    const stack = await startLocalStack({
      port: await freePort(),
      ddbEndpoint: inject('ddbEndpoint'),
      tableName: `pub-${Date.now()}`,
      history: true,
      buildWeb: false,
      now: () => new Date('2026-11-26T10:00:00+08:00'),
    });
    apiUrl = stack.url;
    const rankingsDir = stack.rankingsDir;
    await stack.stop();
    const port = await freePort();
    server = await serveFolder(rankingsDir, port);
    url = `http://127.0.0.1:${port}/rankings/`;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => server?.close(done));
  });

  it('is read with the API stopped: years, the ranking per category, a unit’s explanations', async () => {
    // Prepare: the API is really gone.
    await expect(fetch(`${apiUrl}/api/health`)).rejects.toThrow();
    const page = await browser.newPage();
    const apiCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/')) apiCalls.push(r.url());
    });
    // Act
    await page.goto(url);
    await page.getByRole('link', { name: /2025年度/ }).click();
    // Assess
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).allTextContents())
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining('县级医疗机构'),
          expect.stringContaining('基层医疗卫生机构'),
        ]),
      );
    const vetoedRow = page.getByRole('row', { name: /清河县铁路医院/ });
    await expect.poll(() => vetoedRow.textContent()).toContain('一票否决');
    expect(await vetoedRow.textContent()).toContain('安全生产责任事故：');
    await expect.poll(() => vetoedRow.textContent()).toContain('不合格');
    await page.getByRole('link', { name: '洛阳镇卫生院' }).click();
    await expect.poll(() => page.locator('main').textContent()).toMatch(/按完成比例|达标|扣分|评分/);
    // What `npm run score -- scenario.json --hash` prints (tests/api/published-hash.test.ts: exactly).
    expect(await page.locator('pre.hash').textContent()).toMatch(
      /^scenario sha256 [0-9a-f]{64}\nresults {2}sha256 [0-9a-f]{64}\n$/,
    );
    expect(apiCalls).toEqual([]);
    await page.close();
  });

  it('passes an axe check and fits a phone without page-level horizontal scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
    await page.goto(`${url}2025/`);
    await page.addScriptTag({ content: axe.source });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
      });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('keeps each unit’s name, score and 等级 on screen on a 360 px phone', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${url}2025/`);
    const edges = await page.evaluate(() =>
      [...document.querySelectorAll('table')].map((table) => {
        const headers = [...table.querySelectorAll('thead th')] as HTMLElement[];
        const grade = headers.find((th) => th.textContent === '等级');
        return grade ? grade.getBoundingClientRect().right : Number.POSITIVE_INFINITY;
      }),
    );
    expect(edges.length).toBeGreaterThan(0);
    for (const right of edges) expect(right).toBeLessThanOrEqual(360);
    await page.close();
  });
});
