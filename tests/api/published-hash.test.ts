/**
 * A citizen checks a published ranking in one step: the page shows the command to run on its
 * scenario.json and exactly what that command prints.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { score } from '../../scripts/score';
import { writePublishedSite } from '../../shared/publication/publish';
import { folderSiteStore } from '../../shared/publication/site-store';
import { createTestApi, type TestApi } from './harness';

const decodeHtml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('the published page’s check', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ history: true });
    await writePublishedSite(api.db, folderSiteStore(api.rankingsDir), 2025);
  }, 120_000);
  afterAll(() => api.close());

  it('shows exactly what `npm run score -- scenario.json --hash` prints for the published scenario', () => {
    // Prepare: what a citizen downloads
    const dir = join(api.rankingsDir, '2025');
    const page = readFileSync(join(dir, 'index.html'), 'utf8');
    const scenarioFile = join(api.rankingsDir, 'scenario.json');
    writeFileSync(scenarioFile, readFileSync(join(dir, 'scenario.json')));
    // Act: the documented command
    const printed = score([scenarioFile, '--hash']);
    // Assess
    expect(printed.code).toBe(0);
    expect(page).toContain('<code>npm run score -- scenario.json --hash</code>');
    const shown = page.match(/<pre class="hash">([\s\S]*?)<\/pre>/)?.[1];
    expect(shown && decodeHtml(shown)).toBe(printed.stdout);
  });
});
