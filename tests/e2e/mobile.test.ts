import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { navFor, PAGES } from '../../web/src/navigation';
import { checkA11y, type E2e, signInAs, startE2e } from './harness';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

const PHONE = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

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
