/**
 * Daily work, second part: one sign-in serves every tab of the browser until sign-out; the results
 * ranking reads on a desktop (names on one line, the name column stays while scrolling) and the
 * progress matrix tells a phone user it scrolls sideways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_TEXT } from '../../scripts/lib/internal-text';
import { DEMO_USERS } from '../../scripts/seed/demo-org';
import { ROLE_ORDER } from '../../web/src/labels';
import { navFor, PAGES } from '../../web/src/navigation';
import { type E2e, signInAs, startE2e } from './harness';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
}, 240_000);
afterAll(async () => {
  await e2e?.stop();
});

describe('one sign-in for the whole browser', () => {
  it('serves a second tab without signing in again, and signing out in one tab signs out both', async () => {
    // Prepare: signed in in a first tab
    const first = await e2e.newPage();
    await signInAs(first, 'leader', '/results');

    // Act: the same browser opens a second tab
    const second = await first.context().newPage();
    await second.goto('/progress');
    await second.getByRole('button', { name: '退出登录' }).waitFor();
    await second.getByRole('button', { name: '退出登录' }).click();

    // Assess: both tabs are back at sign-in
    await second.getByRole('heading', { level: 1, name: '登录考评系统' }).waitFor();
    await first.getByRole('heading', { level: 1, name: '登录考评系统' }).waitFor();
    expect(await first.evaluate(() => localStorage.getItem('kaoping.idToken'))).toBeNull();
    await first.context().close();
  });
});

describe('wide tables', () => {
  it('keeps each unit name of the desktop ranking on one line, in a column that stays while scrolling', async () => {
    const page = await e2e.newPage({ viewport: { width: 1280, height: 900 } });
    await signInAs(page, 'leader', '/results');
    const names = page.locator('.results-category .data-table tbody td.unit-name');
    await names.first().waitFor();
    const lines = await names.evaluateAll((cells) =>
      cells.map((cell) => (cell.querySelector('a') ?? cell).getClientRects().length),
    );
    const position = await names.first().evaluate((cell) => getComputedStyle(cell).position);
    expect(Math.max(...lines)).toBeLessThanOrEqual(1);
    expect(position).toBe('sticky');
    await page.context().close();
  });

  it('tells a phone user the progress matrix scrolls sideways, unit names staying put', async () => {
    const page = await e2e.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await signInAs(page, 'admin', '/progress');
    await page.locator('table.matrix').waitFor();
    const hint = page.getByText('左右滑动查看更多列');
    expect(await hint.isVisible()).toBe(true);
    const nameLeft = await page
      .locator('table.matrix tbody th')
      .first()
      .evaluate((cell) => {
        const wrap = cell.closest('.table-wrap') as HTMLElement;
        wrap.scrollLeft = 400;
        return cell.getBoundingClientRect().left - wrap.getBoundingClientRect().left;
      });
    expect(nameLeft).toBeLessThanOrEqual(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.context().close();
  });
});

describe('the user’s language on every page', () => {
  /** One demo user of each role (the first of the list holding it). */
  const users = [...new Set(ROLE_ORDER.map((role) => DEMO_USERS.find((u) => u.roles.includes(role))))];

  it('shows no status enum, request path, id with # or bare quarter on any role’s pages', async () => {
    const findings: string[] = [];
    for (const user of users) {
      if (!user) continue;
      const page = await e2e.newPage();
      await signInAs(page, user.id);
      for (const id of navFor(user.roles)) {
        await page.goto(PAGES[id].path, { waitUntil: 'networkidle' });
        await page.getByRole('heading', { level: 1 }).waitFor();
        // biome-ignore lint/performance/useDomNodeTextContent: what the user sees, hidden text excluded.
        const text = await page.locator('main').innerText();
        const seen = [...new Set(text.match(INTERNAL_TEXT) ?? [])];
        if (seen.length > 0) findings.push(`${user.id} ${PAGES[id].path}: ${seen.join(' ')}`);
      }
      await page.context().close();
    }
    expect(findings).toEqual([]);
  }, 240_000);
});

describe('pickers in Chinese whatever the browser’s language', () => {
  it('offers 选择文件 and lists the chosen names on an English browser', async () => {
    // Prepare: a browser set to English
    const page = await e2e.newPage({ locale: 'en-US' });
    await signInAs(page, 'admin', '/proposals');
    const input = page.getByLabel('佐证材料', { exact: true });
    await input.waitFor({ state: 'attached' });

    // Act
    await input.setInputFiles({
      name: '表彰文件.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4'),
    });

    // Assess: the browser's own (English) button is not what the user sees
    const box = await input.boundingBox();
    expect((box?.width ?? 0) * (box?.height ?? 0)).toBeLessThanOrEqual(1);
    expect(await page.getByText('选择文件', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('list', { name: '已选择的佐证材料' }).textContent()).toContain(
      '表彰文件.pdf',
    );
    await page.context().close();
  });

  it('shows and takes dates as 2026-12-06 on an English browser', async () => {
    const page = await e2e.newPage({ locale: 'en-US' });
    await signInAs(page, 'inspector-xingfeng', '/inspections');
    const date = page.getByLabel('检查日期');
    await date.fill('2026-12-06');
    expect(await date.getAttribute('type')).not.toBe('date');
    expect(await date.inputValue()).toBe('2026-12-06');
    expect(await date.getAttribute('placeholder')).toContain('2026-12-06');
    await page.context().close();
  });
});
