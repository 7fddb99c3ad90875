/**
 * The main pages at a city's size (issue 15): a 市卫健委 with 500 units in 6 categories (the quick
 * municipal fixture, `QUICK_MUNICIPAL`: every agreement signed, Q3 verified and rated, one rater's
 * Q4 assignments), opened as the admin (工作台, units, agreements, progress, results, assignments),
 * as a rater (the queue) and on the published ranking page. Each shows its first rows within
 * FIRST_ROWS_MS (HEAVY_MS for results and assignments) of being opened, passes axe, and pages (or
 * folds) by keyboard; filtering goes back to page 1 and counts the filtered total.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '../../shared/db/client';
import { freezeSnapshot, writePublishedSite } from '../../shared/publication/publish';
import { folderSiteStore } from '../../shared/publication/site-store';
import { checkA11y, type E2e, signInAs, startE2e } from './harness';

const YEAR = new Date().getFullYear();

/**
 * From navigation to the first rows on screen, each page: a usability bound with margin for two
 * cores shared with other work (quiet, most pages take under a second), not a benchmark.
 */
const FIRST_ROWS_MS = 30_000;
/**
 * Results (the stored run of the results job, computed live before it) and assignments (every
 * agreement and thousands of assignments) are the heavy pages: the same margin over what they took.
 */
const HEAVY_MS = 60_000;

let e2e: E2e;
const timings: Record<string, number> = {};

beforeAll(async () => {
  const started = performance.now();
  e2e = await startE2e({
    demo: 'municipal-quick',
    onSeeded: (report) => {
      timings.seedItems = report.items;
      timings.seed = report.ms;
    },
  });
  timings.start = performance.now() - started;
  // The year's standings frozen as a publication, so the static page has its 500 rows (bulk work:
  // it may wait longer for a busy DynamoDB Local than the 4 s a request gets).
  const db = createDb({
    tableName: e2e.stack.db.tableName,
    endpoint: inject('ddbEndpoint'),
    deadlineMs: 60_000,
  });
  await freezeSnapshot(db, { year: YEAR, by: 'admin', at: new Date() });
  await writePublishedSite(db, folderSiteStore(e2e.stack.rankingsDir), YEAR);
  db.raw.destroy();
  timings.publish = performance.now() - started - timings.start;
}, 300_000);
afterAll(async () => {
  console.log(
    `municipal pages (ms): ${Object.entries(timings)
      .map(([k, v]) => `${k} ${Math.round(v)}`)
      .join(', ')}`,
  );
  await e2e?.stop();
});

/** Opens `path` as `userId` and waits for `first`; returns the milliseconds it took. */
const open = async (page: Page, userId: string, path: string, first: (page: Page) => Locator) => {
  const started = performance.now();
  await signInAs(page, userId, path);
  await first(page).first().waitFor({ timeout: 90_000 });
  return performance.now() - started;
};

/** Presses Tab from `from` until `target` has the focus (at most 8 times), then Enter. */
const tabTo = async (page: Page, from: Locator, target: Locator) => {
  await from.focus();
  for (let i = 0; i < 8; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  expect(await target.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.press('Enter');
};

describe('a city of 500 units', { timeout: 150_000 }, () => {
  it('opens the admin’s 工作台', async () => {
    const page = await e2e.newPage();
    timings.home = await open(page, 'admin', '/', (p) => p.locator('.tasks .card'));
    expect(timings.home).toBeLessThan(FIRST_ROWS_MS);
    await checkA11y(page);
    await page.context().close();
  });

  it('pages a category of 200 units by keyboard, and a search goes back to page 1', async () => {
    const page = await e2e.newPage();
    timings.units = await open(page, 'admin', '/units', (p) => p.locator('tbody tr'));
    expect(timings.units).toBeLessThan(FIRST_ROWS_MS);
    const townships = page.getByRole('region', { name: /乡镇卫生院/ });
    const pager = page.getByRole('navigation', { name: '乡镇卫生院单位列表分页' });
    await expect.poll(() => pager.locator('.pagination-status').textContent()).toContain('第 1 / 4 页');
    expect(await townships.locator('tbody tr').count()).toBe(50);

    // Tab from 首页 to 下一页, Enter: the second page, rows 51–100.
    await tabTo(
      page,
      pager.getByRole('button', { name: '首页' }),
      pager.getByRole('button', { name: '下一页' }),
    );
    await expect.poll(() => pager.locator('.pagination-status').textContent()).toContain('第 2 / 4 页');
    expect(await pager.locator('.pagination-status').textContent()).toContain(
      '第 51–100 个单位，共 200 个单位',
    );
    await checkA11y(page);

    // A search narrows the list and goes back to page 1, counting what it found.
    await page.getByLabel('搜索单位').fill('乡镇卫生院');
    await expect.poll(() => page.locator('#unit-search-count').textContent()).toBe('找到 200 个单位');
    await expect.poll(() => pager.locator('.pagination-status').textContent()).toContain('第 1 / 4 页');
    await page.getByLabel('搜索单位').fill('第1乡镇卫生院');
    await expect.poll(() => page.locator('#unit-search-count').textContent()).toBe('找到 10 个单位');
    await expect.poll(() => pager.count()).toBe(0);
    await page.context().close();
  });

  it('lists the agreements by category, a page at a time from the server, the state filter back on page 1', async () => {
    const page = await e2e.newPage();
    timings.agreements = await open(page, 'admin', `/agreements?year=${YEAR}`, (p) => p.locator('tbody tr'));
    expect(timings.agreements).toBeLessThan(FIRST_ROWS_MS);
    // The year's count comes by key (the agreement counter); each category reads 50 rows a request.
    await expect.poll(() => page.locator('.filter-count').textContent()).toContain('共 500 份');
    const community = page.getByRole('region', { name: '社区卫生服务中心' });
    const pager = page.getByRole('navigation', { name: '社区卫生服务中心责任书分页' });
    await expect.poll(() => pager.locator('.pagination-status').textContent()).toBe('第 1 页 · 第 1–50 份');
    expect(await community.locator('tbody tr').count()).toBe(50);
    await tabTo(
      page,
      pager.getByRole('button', { name: '首页' }),
      pager.getByRole('button', { name: '下一页' }),
    );
    await expect.poll(() => pager.locator('.pagination-status').textContent()).toBe('第 2 页 · 第 51–100 份');
    // The page before stays on screen while the next loads: the focus is still on 下一页.
    expect(
      await pager.getByRole('button', { name: '下一页' }).evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await page.getByLabel('状态', { exact: true }).selectOption('signed');
    await expect.poll(() => pager.locator('.pagination-status').textContent()).toBe('第 1 页 · 第 1–50 份');
    // A search by name is applied by the server too: one township of 200.
    await page.getByLabel('查找单位').fill('第1乡镇卫生院');
    const townships = page.getByRole('region', { name: '乡镇卫生院' });
    await expect.poll(() => townships.locator('tbody tr').count()).toBe(10);
    await checkA11y(page);
    await page.context().close();
  });

  it('shows the reporting progress of 500 units a page at a time from the server, with the year’s totals', async () => {
    const page = await e2e.newPage();
    timings.progress = await open(page, 'admin', `/progress?year=${YEAR}`, (p) =>
      p.locator('table.matrix tbody tr'),
    );
    expect(timings.progress).toBeLessThan(FIRST_ROWS_MS);
    // A city's matrix is one category at a time (an indicator code means another indicator in another
    // category): the first, 三级医院's 20 units, fits one page.
    expect(await page.locator('table.matrix tbody tr').count()).toBe(20);
    // The totals count every unit (by key and one record per submitted unit), not the page.
    const totals = page.getByRole('region', { name: '全部单位本期提交情况' });
    await expect.poll(() => totals.textContent()).toContain('单位数500');
    await page.getByLabel('单位类别').selectOption('township');
    const pager = page.getByRole('navigation', { name: '各单位指标上报状态分页' });
    await expect
      .poll(() => pager.locator('.pagination-status').textContent())
      .toBe('第 1 页 · 第 1–50 个单位');
    expect(await page.locator('table.matrix tbody tr').count()).toBe(50);
    await tabTo(
      page,
      pager.getByRole('button', { name: '首页' }),
      pager.getByRole('button', { name: '下一页' }),
    );
    await expect
      .poll(() => pager.locator('.pagination-status').textContent())
      .toBe('第 2 页 · 第 51–100 个单位');
    await pager.getByLabel('每页').selectOption('100');
    await expect.poll(() => page.locator('table.matrix tbody tr').count()).toBe(100);
    await checkA11y(page);
    await page.context().close();
  });

  it('ranks 500 units by category, with a scrolling ranking chart', async () => {
    const page = await e2e.newPage();
    timings.results = await open(page, 'admin', `/results?year=${YEAR}&asOf=Q3`, (p) =>
      p.locator('.results-category tbody tr'),
    );
    expect(timings.results).toBeLessThan(HEAVY_MS);
    const townships = page.getByRole('navigation', { name: /^乡镇卫生院排名.*分页$/ });
    await expect.poll(() => townships.locator('.pagination-status').textContent()).toContain('第 1 / 4 页');
    await page.getByLabel('类别', { exact: true }).selectOption('township');
    const chart = page.getByRole('img', { name: /乡镇卫生院单位最终得分排名/ });
    expect(await chart.getAttribute('aria-label')).toContain('共 200 个单位');
    await page.locator('.chart canvas').first().waitFor();
    // 预警 of a quarter view lists hundreds of units below 60 %: paged too.
    const warned = page.getByRole('navigation', { name: '预警单位分页' });
    await expect.poll(() => warned.locator('.pagination-status').textContent()).toMatch(/第 1 \/ \d+ 页/);
    expect(await page.locator('.results-warning li').count()).toBe(50);
    await checkA11y(page);
    await page.context().close();
  });

  it('shows the assignment matrix of six categories', async () => {
    const page = await e2e.newPage();
    timings.assignments = await open(page, 'admin', `/assignments?year=${YEAR}&period=Q4`, (p) =>
      p.locator('table.sticky-first tbody tr'),
    );
    expect(timings.assignments).toBeLessThan(HEAVY_MS);
    expect(await page.locator('table.sticky-first').count()).toBe(6);
    // 按单位分派 lists an indicator's units a page of checkboxes at a time; a choice survives paging.
    const byUnits = page.getByRole('region', { name: '按单位分派' });
    const unitPager = page.getByRole('navigation', { name: '按单位分派单位列表分页' });
    await expect.poll(() => unitPager.locator('.pagination-status').textContent()).toMatch(/第 1 \/ \d+ 页/);
    const unitBoxes = byUnits.getByRole('group', { name: '单位' }).getByRole('checkbox');
    expect(await unitBoxes.count()).toBe(50);
    await unitBoxes.first().check();
    await unitPager.getByRole('button', { name: '下一页' }).click();
    await expect.poll(() => unitPager.locator('.pagination-status').textContent()).toMatch(/第 2 \/ \d+ 页/);
    expect(await byUnits.getByText('已选 1 个单位（各页合计）').count()).toBe(1);
    await checkA11y(page);
    await page.context().close();
  });

  it('opens a rater’s queue of thousands grouped by unit, folded, a page of units at a time from the server', async () => {
    const page = await e2e.newPage();
    timings.queue = await open(page, 'rater-jiceng', `/scoring?year=${YEAR}&period=Q4`, (p) =>
      p.locator('.queue-list button'),
    );
    expect(timings.queue).toBeLessThan(FIRST_ROWS_MS);
    const toggles = page.locator('.queue-group-toggle');
    expect(await toggles.count()).toBe(50);
    expect(await toggles.first().getAttribute('aria-expanded')).toBe('true');
    expect(await toggles.nth(1).getAttribute('aria-expanded')).toBe('false');
    expect(await toggles.first().textContent()).toMatch(/项：待评 \d+ · 已评 \d+/);
    // Open the second unit by keyboard: its items show, J walks into them.
    await toggles.nth(1).focus();
    await page.keyboard.press('Enter');
    expect(await toggles.nth(1).getAttribute('aria-expanded')).toBe('true');
    // The units come from the server a page at a time, the header's totals from the first page.
    expect(await page.getByText(/本期分派 \d+ 项/).count()).toBe(1);
    const pager = page.getByRole('navigation', { name: '评分单位分页' });
    await expect
      .poll(() => pager.locator('.pagination-status').textContent())
      .toContain('第 1 页 · 第 1–50 个单位');
    await tabTo(
      page,
      pager.getByRole('button', { name: '首页' }),
      pager.getByRole('button', { name: '下一页' }),
    );
    await expect
      .poll(() => pager.locator('.pagination-status').textContent())
      .toContain('第 2 页 · 第 51–100 个单位');
    expect(await toggles.count()).toBe(50);
    expect(await toggles.first().getAttribute('aria-expanded')).toBe('true');
    await checkA11y(page);
    await page.context().close();
  });

  it('shows the admin each rater’s scoring progress counted, saying what is not computed at this size', async () => {
    const page = await e2e.newPage();
    const section = page.getByRole('region', { name: '评分进度' });
    timings.scoringProgress = await open(page, 'admin', `/scoring?year=${YEAR}&period=Q4`, () =>
      section.locator('tbody tr'),
    );
    expect(timings.scoringProgress).toBeLessThan(FIRST_ROWS_MS);
    expect(await section.getByText(/本年度单位较多/).count()).toBe(1);
    expect(await section.getByText('单位较多时不在此计算').count()).toBe(1);
    await checkA11y(page);
    await page.context().close();
  });

  it('publishes a static ranking of 500 units with a category list of jump links', async () => {
    const page = await e2e.newPage();
    const started = performance.now();
    await page.goto(`/rankings/${YEAR}/`);
    await page.locator('tbody tr').first().waitFor();
    timings.published = performance.now() - started;
    expect(timings.published).toBeLessThan(FIRST_ROWS_MS);
    expect(await page.locator('tbody tr').count()).toBe(500);
    const toc = page.getByRole('navigation', { name: '类别目录' });
    expect(await toc.getByRole('link').count()).toBe(6);
    await toc.getByRole('link', { name: '乡镇卫生院' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#cat-township');
    await checkA11y(page);
    await page.context().close();
  });
});
