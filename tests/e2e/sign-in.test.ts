import { afterAll, beforeAll, describe, it } from 'vitest';
import { ROLE_LABELS, type Role } from '../../shared/auth/roles';
import { YEAR_STATE_LABELS } from '../../shared/schemas/year';
import { navFor, PAGES } from '../../web/src/navigation';
import { checkA11y, type E2e, signInAs, startE2e } from './harness';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

/** What the Shell must show: the navigation table, which later pages join. */
const navLabels = (roles: Role[]) => navFor(roles).map((id) => PAGES[id].label);

describe('sign-in and the home page', () => {
  it('signs a unit head in with the keyboard alone (Tab, type to filter, Tab, Enter)', async ({ expect }) => {
    // Prepare
    const page = await e2e.newPage();
    await page.goto('/');
    await page.locator('button[data-user-id]').first().waitFor();

    // Act
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.textContent);
    await page.keyboard.press('Tab');
    await page.keyboard.type('洛阳镇');
    await page.keyboard.press('Tab');
    const chosen = await page.evaluate(() => document.activeElement?.getAttribute('data-user-id'));
    await page.keyboard.press('Enter');

    // Assess
    expect(first).toBe('跳到主要内容');
    expect(chosen).toBe('luoyang-thc-head');
    await expect.poll(() => page.locator('.account-name').textContent()).toBe('韩春生');
    const greeting = await page.locator('.page-lead').textContent();
    expect(greeting).toContain('单位负责人');
    expect(greeting).toContain('洛阳镇卫生院');
    await page.context().close();
  });

  it('shows an admin the full navigation and the current year state', async ({ expect }) => {
    // Prepare
    const page = await e2e.newPage();

    // Act
    await signInAs(page, 'admin');
    await page.locator('.state-badge').waitFor();

    // Assess
    const nav = page.getByRole('navigation', { name: '主导航' });
    const links = await nav.getByRole('link').allTextContents();
    expect(links).toEqual(navLabels(['admin']));
    expect(links).toHaveLength(Object.keys(PAGES).length); // the admin sees every page
    expect(await nav.getByRole('link', { name: '工作台' }).getAttribute('aria-current')).toBe('page');
    expect(await page.locator('.page-lead').textContent()).toContain(ROLE_LABELS.admin);
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe(
      `${new Date().getFullYear()}年度卫生健康目标责任考核`,
    );
    expect(await page.locator('.state-badge').textContent()).toBe(YEAR_STATE_LABELS.in_progress);
    expect(await page.locator('.card h3').allTextContents()).toEqual(
      expect.arrayContaining(['推进考核年度', '维护参评单位']),
    );
    await page.context().close();
  });

  it('highlights the open quarter window in Beijing time, whatever the device time zone', async ({
    expect,
  }) => {
    // Prepare: a phone set to New York time, on 30 June 10:00 Beijing time (Q2 window open).
    const year = new Date().getFullYear();
    const page = await e2e.newPage({ timezoneId: 'America/New_York' });
    await page.clock.setFixedTime(new Date(`${year}-06-30T10:00:00+08:00`));

    // Act
    await signInAs(page, 'luoyang-thc-reporter');
    const highlighted = page.locator('.window.highlighted');
    await highlighted.waitFor();

    // Assess
    expect(await page.locator('.window').count()).toBe(4);
    expect(await highlighted.count()).toBe(1);
    const text = await highlighted.textContent();
    expect(text).toContain('第二季度');
    expect(text).toContain('正在开放');
    expect(text).toContain(`${year}年6月24日 09:00 至 ${year}年7月10日 18:00`);
    expect(await page.locator('.card', { hasText: '季度材料上报' }).textContent()).toContain(
      `截止 ${year}年7月10日 18:00`,
    );
    await page.context().close();
  });

  it('says that no sign-in is configured when the site names no provider and the dev sign-in is absent', async ({
    expect,
  }) => {
    // Prepare: a deployed API (no dev routes) whose config.json lacks the provider
    // (the provider's own sign-in is walked by oidc-sign-in.test.ts)
    const page = await e2e.newPage();
    await page.route('**/api/dev/users', (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'NOT_FOUND', message: '接口不存在', details: [] } }),
      }),
    );

    // Act
    await page.goto('/');
    const banner = page.getByText('本站未配置统一身份认证');
    await banner.waitFor();

    // Assess
    expect(await page.locator('button[data-user-id]').count()).toBe(0);
    expect(await page.getByRole('button', { name: '重试' }).count()).toBe(1);
    await page.context().close();
  });

  it('sends a user whose token no longer works back to sign-in, saying why', async ({ expect }) => {
    // Prepare: signed in, then the tab closed and the token gone stale meanwhile. Nothing of the app
    // may run while the token is stale: a request the open home page still made (the leader's
    // figures follow the years) got a 401, signed that tab out and cleared the token, and the next
    // load found no token and so gave no reason (it failed that way in CI, and every time with the
    // years held until the token was stale).
    const signedIn = await e2e.newPage();
    await signInAs(signedIn, 'leader');
    const browser = signedIn.context();
    await signedIn.close();
    const page = await browser.newPage();
    await page.addInitScript(() => {
      if (sessionStorage.getItem('e2e.stale-token')) return;
      sessionStorage.setItem('e2e.stale-token', '1');
      localStorage.setItem('kaoping.idToken', 'expired.token.value');
    });

    // Act: the user opens the site the next day.
    await page.goto('/');

    // Assess
    await page.getByRole('heading', { level: 1, name: '登录考评系统' }).waitFor();
    expect(await page.getByRole('status').first().textContent()).toBe('登录已失效，请重新登录');
    expect(await page.evaluate(() => localStorage.getItem('kaoping.idToken'))).toBeNull();
    await browser.close();
  });

  it('passes axe (WCAG 2 A/AA) on the sign-in and home pages', async () => {
    const page = await e2e.newPage();
    await page.goto('/');
    await page.locator('button[data-user-id]').first().waitFor();
    await checkA11y(page);

    await signInAs(page, 'rater-jiceng');
    await page.locator('.state-badge').waitFor();
    await checkA11y(page);
    await page.context().close();
  });
});
