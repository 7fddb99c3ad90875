/**
 * The scoring panel of one item: its score history one click (or Enter) away, the unit's evidence
 * files opening in the page's viewer (Escape returns to the file, not to the queue), and on a phone
 * (360 and 390 px) the opened item as a full-screen sheet over the queue with 返回列表.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_TEXT } from '../../scripts/lib/internal-text';
import { postWithForm, sha256Hex, tinyPdf, tinyPng } from '../../scripts/seed/demo-submissions';
import type { Queue } from '../../web/src/pages/scoring/scoring-api';
import { apiAs, checkA11y, type E2e, signInAs, startE2e } from './harness';

let e2e: E2e;
const YEAR = new Date().getFullYear();
const SHEET = `/scoring?year=${YEAR}&period=Q3`;
let q3: Queue;
/** The first Q3 item of the rater with a numeric verified value. */
let withValue: number;
const PDF = { name: '入户随访台账.pdf', type: 'application/pdf', bytes: tinyPdf('台账') };
const PNG = { name: '随访现场照片.png', type: 'image/png', bytes: tinyPng(64, 48) };

/** The unit's reporter uploads a file to an item of the open quarter, as the browser does. */
const upload = async (item: Queue['items'][number], file: typeof PDF) => {
  const asReporter = await apiAs(e2e, `${item.unitId}-reporter`);
  const path = `/api/years/${YEAR}/units/${item.unitId}/periods/Q4/items/${encodeURIComponent(item.code)}/files`;
  const ticket = await asReporter<{
    file: { fileId: string };
    upload: { url: string; fields: Record<string, string> };
  }>(path, {
    method: 'POST',
    body: {
      name: file.name,
      size: file.bytes.byteLength,
      contentType: file.type,
      sha256: sha256Hex(file.bytes),
    },
  });
  expect(await postWithForm(ticket.upload, file.bytes, file.type)).toBeLessThan(300);
  await asReporter(`${path}/${ticket.file.fileId}/complete`, { method: 'POST' });
};

beforeAll(async () => {
  e2e = await startE2e();
  q3 = await (await apiAs(e2e, 'rater-jiceng'))<Queue>(`/api/years/${YEAR}/periods/Q3/scoring-queue`);
  withValue = q3.items.findIndex(
    (x) => ['threshold', 'linear', 'step'].includes(x.ruleType) && !['boolean', 'date'].includes(x.measure),
  );
  // Evidence of the first item of the open quarter: a PDF and a photo.
  const q4 = await (await apiAs(e2e, 'rater-jiceng'))<Queue>(`/api/years/${YEAR}/periods/Q4/scoring-queue`);
  await upload(q4.items[0]!, PDF);
  await upload(q4.items[0]!, PNG);
}, 240_000);
afterAll(async () => {
  await e2e?.stop();
});

const queueButtons = (page: Page) =>
  page.getByRole('navigation', { name: '评分任务' }).getByRole('listitem').getByRole('button');

/** Opens the queue's item `index` by keyboard (J from the first item, then Enter). */
const openByKeyboard = async (page: Page, index: number) => {
  await queueButtons(page).first().focus();
  for (let i = 0; i < index; i++) await page.keyboard.press('j');
  await expect.poll(() => queueButtons(page).nth(index).getAttribute('aria-current')).toBe('true');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.closest('.score-panel') !== null);
};

describe('the scoring panel on a desk', () => {
  it('shows who changed the item, when, from what to what and why, by keyboard and in Chinese', async () => {
    // Prepare
    expect(withValue).toBeGreaterThanOrEqual(0);
    const item = q3.items[withValue]!;
    const before = String(item.score?.verifiedValue ?? '');
    const page = await e2e.newPage({ viewport: { width: 1366, height: 900 } });
    await signInAs(page, 'rater-jiceng', SHEET);
    await queueButtons(page).first().waitFor();

    // Act: change the verified value, then open the history with Enter
    await openByKeyboard(page, withValue);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('66');
    await page.keyboard.press('Tab');
    await page.keyboard.type('复核台账后调整');
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor({ timeout: 15_000 });
    const toggle = page.getByRole('button', { name: '查看评分记录' });
    await toggle.focus();
    await page.keyboard.press('Enter');

    // Assess
    const history = page.getByRole('region', { name: '评分记录' }).locator('li').first();
    await history.waitFor();
    const text = (await history.textContent()) ?? '';
    expect(text).toContain('核定');
    expect(text).toContain(`${before ? `核定值 ${before}` : '无'} → 核定值 66`);
    expect(text).toContain('理由：复核台账后调整');
    expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(text).not.toContain('rater-jiceng');
    // biome-ignore lint/performance/useDomNodeTextContent: what the user sees, hidden text excluded.
    expect((await page.locator('main').innerText()).match(INTERNAL_TEXT)).toBeNull();
    await expect(
      page.getByRole('button', { name: '收起评分记录' }).getAttribute('aria-expanded'),
    ).resolves.toBe('true');
    await checkA11y(page);
    await page.context().close();
  });

  it('opens a PDF and an image in the viewer; Escape closes it and leaves the panel open', async () => {
    const page = await e2e.newPage({ viewport: { width: 1366, height: 900 } });
    await signInAs(page, 'rater-jiceng', `/scoring?year=${YEAR}&period=Q4`);
    await queueButtons(page).first().waitFor();
    await openByKeyboard(page, 0);

    // Act: the PDF by keyboard
    const materials = page.getByRole('region', { name: '单位材料' });
    await materials.getByRole('button', { name: PDF.name, exact: true }).focus();
    await page.keyboard.press('Enter');
    const viewer = page.getByRole('dialog', { name: `查看材料：${PDF.name}` });
    await viewer.waitFor();

    // Assess
    expect(await viewer.locator('iframe').getAttribute('src')).toMatch(/^https?:\/\//);
    await checkA11y(page);
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(PDF.name);
    expect(await page.locator('.score-panel').count()).toBe(1);

    // The photo, by pointer
    await materials.getByRole('button', { name: PNG.name, exact: true }).click();
    const imageViewer = page.getByRole('dialog', { name: `查看材料：${PNG.name}` });
    await imageViewer.getByRole('img', { name: PNG.name }).waitFor();
    await imageViewer.getByRole('button', { name: '关闭' }).click();
    await imageViewer.waitFor({ state: 'hidden' });
    // On a desk the item opens beside the queue, never as a sheet over it.
    expect(await page.locator('dialog.score-sheet').count()).toBe(0);
    await page.context().close();
  });
});

describe('the scoring panel on a phone', () => {
  for (const width of [360, 390]) {
    it(`opens the item over the queue at ${width} px, with 返回列表 back to the item`, async () => {
      const page = await e2e.newPage({ viewport: { width, height: 800 }, isMobile: true, hasTouch: true });
      await signInAs(page, 'rater-jiceng', SHEET);
      const item = q3.items[3]!;
      await queueButtons(page).nth(3).waitFor();

      // Act: tap the fourth item
      await queueButtons(page).nth(3).click();

      // Assess: a full-screen sheet named for the item, holding the panel; the queue behind it
      const sheet = page.getByRole('dialog', { name: `${item.unitName} · ${item.code}` });
      await sheet.waitFor();
      const box = await sheet.boundingBox();
      expect(box).toMatchObject({ x: 0, y: 0, width });
      expect(box?.height).toBeGreaterThanOrEqual(790);
      expect(await sheet.locator('.score-panel').count()).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await checkA11y(page);

      // 下一项 walks the queue inside the sheet; 返回列表 closes it onto that item
      await sheet.getByRole('button', { name: '下一项' }).click();
      await page.getByRole('dialog', { name: `${q3.items[4]!.unitName} · ${q3.items[4]!.code}` }).waitFor();
      await page.getByRole('button', { name: '← 返回列表' }).click();
      await page.locator('dialog.score-sheet[open]').waitFor({ state: 'detached' });
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-current')))
        .toBe('true');
      expect(await queueButtons(page).nth(4).getAttribute('aria-current')).toBe('true');

      // Escape closes it as well
      await queueButtons(page).nth(2).click();
      await page.locator('dialog.score-sheet[open]').waitFor();
      await page.keyboard.press('Escape');
      await page.locator('dialog.score-sheet[open]').waitFor({ state: 'detached' });
      await page.context().close();
    });
  }
});

describe('the period a rater lands on', () => {
  it('is the latest period with work, not the open quarter when it has nothing for them', async () => {
    // Prepare: 徐丽 is given one item of Q2 and nothing in Q3 or Q4 (the quarter open now)
    const q2 = await (await apiAs(e2e, 'rater-jiceng'))<Queue>(`/api/years/${YEAR}/periods/Q2/scoring-queue`);
    const item = q2.items[0]!;
    await (await apiAs(e2e, 'admin'))(`/api/years/${YEAR}/assignments`, {
      method: 'POST',
      body: { period: 'Q2', code: item.code, raterIds: ['rater-fuyou'], unitIds: [item.unitId] },
    });
    const page = await e2e.newPage();

    // Act
    await signInAs(page, 'rater-fuyou', `/scoring?year=${YEAR}`);

    // Assess
    await queueButtons(page).first().waitFor();
    expect(await page.getByLabel('考核期').inputValue()).toBe('Q2');
    await expect(queueButtons(page).first().textContent()).resolves.toContain(item.unitName);
    await page.context().close();
  });
});
