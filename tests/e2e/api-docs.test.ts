/**
 * The API reference works offline: Swagger UI's files come from the web front (swagger-ui-dist,
 * copied by the web build), never from a CDN.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2e, startE2e } from './harness';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

describe('the API reference', () => {
  it('renders every route at /api/docs with no request leaving the machine', async () => {
    // Prepare: a browser with no way out (every other host is refused)
    const page = await e2e.newPage();
    const refused: string[] = [];
    await page.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      if (hostname === 'localhost' || hostname === '127.0.0.1') return route.continue();
      refused.push(route.request().url());
      return route.abort();
    });
    // Act
    await page.goto('/api/docs');
    // Assess
    await expect
      .poll(() => page.locator('.swagger-ui .info .title').textContent())
      .toContain('考评 Kaoping API');
    await page.locator('.opblock-summary-path', { hasText: '/api/years/{year}' }).first().waitFor();
    expect(refused).toEqual([]);
  });
});
