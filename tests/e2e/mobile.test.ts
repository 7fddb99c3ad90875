import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { navFor, PAGES } from '../../web/src/navigation';
import { checkA11y, type E2e, signInAs, startE2e } from './harness';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
}, 240_000);
afterAll(async () => {
  await e2e?.stop();
});

const PHONE = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const phoneOf = (width: number) => ({ ...PHONE, viewport: { width, height: 800 } });

/**
 * How the page's tables read on this screen: the page's own width, each shown caption's lines, and
 * whether the first row's name and grade cells are on screen (or a visible hint says the table scrolls).
 */
const tableReport = (page: Page) =>
  page.evaluate(() => {
    const onScreen = (el: Element | undefined) => {
      if (!el) return true;
      const r = el.getBoundingClientRect();
      return r.left >= -1 && r.right <= window.innerWidth + 1;
    };
    const tables = [...document.querySelectorAll('table')].map((table) => {
      const caption = table.querySelector('caption');
      const shown = caption && !caption.classList.contains('visually-hidden');
      const lineHeight = caption ? Number.parseFloat(getComputedStyle(caption).lineHeight) || 24 : 24;
      const captionLines = shown ? Math.round(caption.getBoundingClientRect().height / lineHeight) : 0;
      const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
      const cells = [...(table.querySelector('tbody tr')?.children ?? [])];
      const name = cells.find((c) => c.classList.contains('unit-name')) ?? cells[0];
      const gradeAt = headers.findIndex((h) => h.includes('等级'));
      const wrap = table.closest('.table-wrap, .matrix-wrap') ?? table.parentElement;
      const scrolls = wrap ? wrap.scrollWidth > wrap.clientWidth + 1 : false;
      const hint = [...document.querySelectorAll('.scroll-hint')].some(
        (h) => getComputedStyle(h).display !== 'none' && h.compareDocumentPosition(table) & 4,
      );
      return {
        caption: caption?.textContent ?? '',
        captionLines,
        nameVisible: onScreen(name),
        gradeVisible: gradeAt < 0 || onScreen(cells[gradeAt]) || (scrolls && hint),
      };
    });
    return { pageWidth: document.documentElement.scrollWidth, viewport: window.innerWidth, tables };
  });

const hasNoPageScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** Tabs forward until the focused element matches, as a keyboard user would. */
const tabTo = async (page: Page, selector: string, maxPresses = 10) => {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} not reached in ${maxPresses} Tab presses`);
};

describe.concurrent('a township reporter on a phone', () => {
  it('sees only their pages, behind a menu button that works by keyboard', async ({ expect }) => {
    // Prepare
    const page = await e2e.newPage(PHONE);
    await signInAs(page, 'luoyang-thc-reporter');
    const menu = page.getByRole('button', { name: '菜单' });
    const nav = page.getByRole('navigation', { name: '主导航' });
    await page.locator('.state-badge').waitFor();
    expect(await nav.isVisible()).toBe(false);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');

    // Act: open with Enter, step into the menu, close with Escape
    await tabTo(page, '.menu-button');
    await page.keyboard.press('Enter');
    const expanded = await menu.getAttribute('aria-expanded');
    const links = await nav.getByRole('link').allTextContents();
    await page.keyboard.press('Tab');
    const firstLink = await page.evaluate(() => document.activeElement?.textContent);
    await page.keyboard.press('Escape');

    // Assess
    expect(expanded).toBe('true');
    expect(links).toEqual(navFor(['reporter']).map((id) => PAGES[id].label));
    expect(links).not.toContain(PAGES.units.label);
    expect(links).not.toContain(PAGES.year.label);
    expect(firstLink).toBe('工作台');
    expect(await nav.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('menu-button'))).toBe(true);
    expect(await hasNoPageScroll(page)).toBe(true);
    await page.context().close();
  });

  it('opens a page from the menu by keyboard, and nothing scrolls sideways', async ({ expect }) => {
    // Prepare
    const page = await e2e.newPage(PHONE);
    await signInAs(page, 'luoyang-thc-reporter');
    await page.locator('.state-badge').waitFor();

    // Act
    await tabTo(page, '.menu-button');
    await page.keyboard.press('Enter');
    const scrollsWithMenuOpen = !(await hasNoPageScroll(page));
    await checkA11y(page);
    await tabTo(page, '#app-nav a[href="/results"]');
    await page.keyboard.press('Enter');

    // Assess
    await page.waitForURL('**/results');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(scrollsWithMenuOpen).toBe(false);
    expect(await page.getByRole('navigation', { name: '主导航' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '菜单' }).getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await hasNoPageScroll(page)).toBe(true);
    await page.context().close();
  });

  it('tells a reporter who types a bureau-only address that the page is not theirs', async ({ expect }) => {
    const page = await e2e.newPage(PHONE);
    await signInAs(page, 'luoyang-thc-reporter', '/units');
    await page.getByRole('heading', { level: 1, name: '无权访问' }).waitFor();
    expect(await page.locator('.data-table').count()).toBe(0);
    expect(await hasNoPageScroll(page)).toBe(true);
    await page.context().close();
  });

  it('shows a leader the units list as stacked cards without sideways page scroll', async ({ expect }) => {
    const page = await e2e.newPage(PHONE);
    await signInAs(page, 'leader', '/units');
    await page.locator('.data-table').first().waitFor();
    expect(await page.getByRole('link', { name: '新增单位' }).count()).toBe(0);
    expect(await page.getByText('只读', { exact: true }).isVisible()).toBe(true);
    expect(await hasNoPageScroll(page)).toBe(true);
    await checkA11y(page);
    await page.context().close();
  });
});

describe.each([360, 390])('tables on a %i px phone', (width) => {
  const year = new Date().getFullYear();
  it.for([
    ['leader', '/progress'],
    ['leader', `/results?year=${year - 1}&asOf=Q4`],
    ['public', `/rankings/${year - 1}/`],
    ['admin', `/agreements/${year}/hesha-thc`],
    ['admin', `/agreements/${year}/hesha-thc/print`],
    ['admin', '/assignments'],
  ] as const)(
    '%s %s keeps names and grades in view, captions on a line or two, no sideways page',
    {
      timeout: 90_000,
    },
    async ([userId, path], { expect }) => {
      const page = await e2e.newPage(phoneOf(width));
      // The published ranking is public: no sign-in.
      if (userId === 'public') await page.goto(path);
      else await signInAs(page, userId, path);
      await page.locator('table').first().waitFor();
      await page.waitForLoadState('networkidle');

      const report = await tableReport(page);

      expect(report.viewport).toBe(width);
      expect(report.pageWidth).toBeLessThanOrEqual(width);
      for (const table of report.tables) {
        expect(table, table.caption).toMatchObject({ nameVisible: true, gradeVisible: true });
        expect(table.captionLines, table.caption).toBeLessThanOrEqual(2);
      }
      await page.context().close();
    },
  );
});
