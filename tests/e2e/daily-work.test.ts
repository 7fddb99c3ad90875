/**
 * Daily work without lost edits: a rater who changes a score and moves on at once keeps the change;
 * each queue item shows 保存中 / 已保存 / 保存失败（重试）; a conflicting save shows the other value
 * and lets the rater keep or take it. A reporter's typed values survive navigation, and leaving with
 * a value that could not be saved asks first. The server's clock is inside the 2026 Q4 window.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSubmissionRecords } from '../../shared/db/submission-repo';
import type { Worksheet } from '../../shared/schemas/submission';
import type { Queue } from '../../web/src/pages/scoring/scoring-api';
import { apiAs, checkA11y, type E2e, signInAs, startE2e } from './harness';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e({ now: () => new Date('2026-12-28T10:00:00+08:00') });
}, 240_000);
afterAll(async () => {
  await e2e?.stop();
});

const RATER = 'rater-jiceng';
const queueButtons = (page: Page) =>
  page.getByRole('navigation', { name: '评分任务' }).getByRole('listitem').getByRole('button');

/** Moves the selection down `steps` items with J, starting from the first item. */
const goTo = async (page: Page, steps: number) => {
  await queueButtons(page).first().focus();
  for (let i = 0; i < steps; i++) await page.keyboard.press('j');
  await expect.poll(() => queueButtons(page).nth(steps).getAttribute('aria-current')).toBe('true');
};

/** Opens item `index` (Enter) and waits until its first field has focus. */
const open = async (page: Page, index: number) => {
  await goTo(page, index);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement instanceof HTMLInputElement);
};

const panelSaved = (page: Page) =>
  page.locator('.score-panel').getByRole('status').filter({ hasText: '已保存' }).waitFor({ timeout: 15_000 });

/** The rater's Q4 rating items on the points scale (their index in the queue). */
const ratingItems = async () => {
  const queue = await (await apiAs(e2e, RATER))<Queue>('/api/years/2026/periods/Q4/scoring-queue');
  return queue.items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => item.ruleType === 'rating' && item.scale === 'points' && Number(item.W) >= 4);
};

const pointsOf = async (unitId: string, code: string) => {
  const queue = await (await apiAs(e2e, RATER))<Queue>('/api/years/2026/periods/Q4/scoring-queue');
  const item = queue.items.find((x) => x.unitId === unitId && x.code === code);
  return (item?.score as { pointsCents?: number } | null)?.pointsCents;
};

const openScoring = async (page: Page) => {
  await signInAs(page, RATER, '/scoring?year=2026&period=Q4');
  await queueButtons(page).first().waitFor();
};

describe('a rater never loses an edit', () => {
  it('keeps a score changed just before pressing J, and shows each item’s save state in the queue', async () => {
    // Prepare: a rating item scored 4 with a comment, saved
    const { item, index } = (await ratingItems())[0]!;
    const page = await e2e.newPage();
    await openScoring(page);
    await open(page, index);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('4');
    await page.keyboard.press('Tab');
    await page.keyboard.type('个别台账缺失');
    await panelSaved(page);

    // Act: change the score and move on at once (well inside the autosave delay)
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('3.6');
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');

    // Assess: the queue shows the item saved, and the server has 3.6
    await queueButtons(page).nth(index).filter({ hasText: '已保存' }).waitFor({ timeout: 15_000 });
    expect(await pointsOf(item.unitId, item.code)).toBe(360);
    await page.reload();
    await queueButtons(page).first().waitFor();
    await goTo(page, index);
    await expect(page.locator('.score-panel input').first().inputValue()).resolves.toBe('3.6');
  }, 120_000);

  it('shows 保存失败 with 重试 when a save fails, and saves on retry', async () => {
    const { item, index } = (await ratingItems())[1]!;
    const page = await e2e.newPage();
    await openScoring(page);
    await page.route('**/scores/**', (route) =>
      route.request().method() === 'PUT' ? route.abort('connectionrefused') : route.continue(),
    );
    await open(page, index);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(String(Number(item.W)));
    await page.locator('.score-panel').getByText('保存失败').waitFor({ timeout: 15_000 });
    await page.unroute('**/scores/**');
    await page.locator('.score-panel').getByRole('button', { name: '重试' }).click();
    await panelSaved(page);
    expect(await pointsOf(item.unitId, item.code)).toBe(Math.round(Number(item.W) * 100));
  }, 120_000);

  it('on a conflict shows the value saved meanwhile and lets the rater keep theirs', async () => {
    const { item, index } = (await ratingItems())[2]!;
    const page = await e2e.newPage();
    await openScoring(page);
    await open(page, index);
    // Meanwhile the same rater, in another tab, gives full marks.
    const asRater = await apiAs(e2e, RATER);
    await asRater(`/api/years/2026/units/${item.unitId}/periods/Q4/scores/${item.code}`, {
      method: 'PUT',
      body: { version: 0, points: Number(item.W), comment: '' },
    });
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(String(Number(item.W)));
    await page.keyboard.press('Tab');
    await page.keyboard.type('另一个标签页');
    const conflict = page.locator('.score-panel').getByRole('alert');
    await conflict.filter({ hasText: `${Number(item.W)} 分` }).waitFor({ timeout: 15_000 });
    await expect(conflict.textContent()).resolves.toContain('已被修改');
    await conflict.getByRole('button', { name: '保留我的' }).click();
    await panelSaved(page);
    const queue = await asRater<Queue>('/api/years/2026/periods/Q4/scoring-queue');
    const saved = queue.items.find((x) => x.unitId === item.unitId && x.code === item.code);
    expect((saved?.score as { comment?: string } | null)?.comment).toBe('另一个标签页');
  }, 120_000);
});

describe('a rater’s queue scales past a county', () => {
  it('filters by status and unit, searches, and groups by unit with counts', async () => {
    const queue = await (await apiAs(e2e, RATER))<Queue>('/api/years/2026/periods/Q4/scoring-queue');
    const unit = queue.items[0]!;
    const ofUnit = queue.items.filter((x) => x.unitId === unit.unitId);
    const page = await e2e.newPage();
    await openScoring(page);

    // Search by unit name: only that unit's items
    await page.getByLabel('搜索').fill(unit.unitName);
    await expect.poll(() => queueButtons(page).count()).toBe(ofUnit.length);
    await page.getByLabel('搜索').fill('');

    // Group by unit: one heading per unit with its counts
    await page.getByLabel('分组').selectOption('unit');
    const units = new Set(queue.items.map((x) => x.unitId)).size;
    await expect.poll(() => page.locator('.queue-group-title').count()).toBe(units);
    const pending = ofUnit.filter((x) => x.state === 'pending').length;
    await expect(page.locator('.queue-group-title').first().textContent()).resolves.toContain(
      `待评 ${pending}`,
    );

    // Filter by status 已评 and by unit: only scored items of that unit, J walks them
    await page.getByLabel('状态').selectOption('scored');
    await page.getByLabel('单位', { exact: true }).selectOption(unit.unitId);
    const scored = ofUnit.filter((x) => x.state === 'scored').length;
    await expect.poll(() => queueButtons(page).count()).toBe(scored);
    for (const text of await queueButtons(page).allTextContents()) expect(text).toContain('已评');
  }, 120_000);
});

const UNIT = 'luoyang-thc';

describe('a reporter never loses a typed value', () => {
  it('keeps a value typed just before leaving the page, and counts what really changed', async () => {
    const asReporter = await apiAs(e2e, `${UNIT}-reporter`);
    const sheet = await asReporter<Worksheet>(`/api/years/2026/units/${UNIT}/periods/Q4/worksheet`);
    const row = sheet.rows.find((r) => r.indicator.needsValue && r.indicator.measure !== 'boolean')!;
    const page = await e2e.newPage();
    await signInAs(page, `${UNIT}-reporter`, '/submissions?year=2026&period=Q4');
    const card = page.locator(`section.indicator-card[data-code="${row.indicator.code}"]`);
    await card.locator('.item-form input').first().fill('2');
    await card.locator('textarea').first().fill('已完成，见附件');
    await page.getByRole('link', { name: '工作台' }).first().click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await expect
      .poll(
        async () =>
          (await asReporter<Worksheet>(`/api/years/2026/units/${UNIT}/periods/Q4/worksheet`)).rows.find(
            (r) => r.indicator.code === row.indicator.code,
          )?.item?.narrative,
        { timeout: 15_000 },
      )
      .toBe('已完成，见附件');
  }, 120_000);

  it('asks before leaving when a typed value could not be saved', async () => {
    const asReporter = await apiAs(e2e, `${UNIT}-reporter`);
    const sheet = await asReporter<Worksheet>(`/api/years/2026/units/${UNIT}/periods/Q4/worksheet`);
    const row = sheet.rows.find((r) => r.indicator.needsValue && r.indicator.measure === 'count')!;
    const page = await e2e.newPage();
    await signInAs(page, `${UNIT}-reporter`, '/submissions?year=2026&period=Q4');
    const card = page.locator(`section.indicator-card[data-code="${row.indicator.code}"]`);
    await card.locator('.item-form input').first().fill('两次');
    await card.getByText('保存失败').waitFor({ timeout: 15_000 });
    const asked: string[] = [];
    page.on('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('link', { name: '工作台' }).first().click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('未保存');
    expect(new URL(page.url()).pathname).toBe('/submissions');
  }, 120_000);

  it('shows a closed quarter whose items were all accepted without the red 已截止 banner', async () => {
    // Prepare: every Q1 item of the unit accepted by the committee
    const q1 = await (await apiAs(e2e, `${UNIT}-reporter`))<Worksheet>(
      `/api/years/2026/units/${UNIT}/periods/Q1/worksheet`,
    );
    await seedSubmissionRecords(e2e.stack.db, {
      items: q1.rows.map((r) => ({
        year: 2026,
        unitId: UNIT,
        period: 'Q1' as const,
        code: r.indicator.code,
        status: 'accepted' as const,
        value: null,
        narrative: '见附件',
        returnReason: null,
        history: [],
        updatedAt: '2026-04-15T10:00:00.000Z',
        updatedBy: RATER,
        version: 3,
      })),
    });
    const page = await e2e.newPage();
    await signInAs(page, `${UNIT}-reporter`, '/submissions?year=2026&period=Q1');
    await page.locator('.indicator-card').first().waitFor();
    await expect(page.locator('.banner-error').allTextContents()).resolves.toEqual([]);
    await page.getByText('本期材料已全部审核通过').waitFor();
  }, 60_000);
});

describe('rater assignment has a page', () => {
  it('assigns by units, refuses 回避 with the reason, and the rater finds the item in the queue', async () => {
    // Prepare: an indicator of the TCM hospital in Q4 that rater-caiwu does not score yet
    const asAdmin = await apiAs(e2e, 'admin');
    const q4 = await asAdmin<{ code: string; raterId: string }[]>(
      '/api/years/2026/assignments?period=Q4&unitId=tcm-hospital',
    );
    const code = q4.find((a) => !q4.some((b) => b.code === a.code && b.raterId === 'rater-caiwu'))!.code;
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/assignments?year=2026&period=Q4');
    await page.getByRole('heading', { level: 1, name: '评分分派' }).waitFor();
    await checkA11y(page);
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: '分派所选单位' }) });
    await form.getByLabel('指标').selectOption(code);

    // Act: the affiliated rater first (refused with the reason), then rater-caiwu
    await form.getByRole('group', { name: '单位' }).getByRole('checkbox', { name: '清河县中医医院' }).check();
    const zhongyi = form.getByRole('group', { name: '考核组成员' }).getByRole('checkbox', { name: /须回避/ });
    await zhongyi.check();
    await form.getByRole('button', { name: '分派所选单位' }).click();
    await page.getByText('须回避').filter({ hasText: '不能分派' }).waitFor();
    await zhongyi.uncheck();
    const caiwu = (await asAdmin<{ id: string; name: string }[]>('/api/users')).find(
      (u) => u.id === 'rater-caiwu',
    )!;
    await form
      .getByRole('group', { name: '考核组成员' })
      .getByRole('checkbox', { name: new RegExp(`^${caiwu.name}`) })
      .check();
    await form.getByRole('button', { name: '分派所选单位' }).click();
    await page.getByText('已分派：新增 1 项').waitFor();

    // Assess: the rater's Q4 queue has the item
    const rater = await e2e.newPage();
    await signInAs(rater, 'rater-caiwu', '/scoring?year=2026&period=Q4');
    await queueButtons(rater).filter({ hasText: code }).filter({ hasText: '中医医院' }).first().waitFor();
  }, 120_000);
});

describe('tables on a phone', () => {
  for (const width of [360, 390]) {
    it(`keeps table captions on one or two lines at ${width} px`, async () => {
      const page = await e2e.newPage({ viewport: { width, height: 800 }, isMobile: true, hasTouch: true });
      await signInAs(page, 'admin', '/progress?year=2026&period=Q4');
      for (const [path, caption] of [
        ['/progress?year=2026&period=Q4', '按类别汇总（指标项数）'],
        ['/assignments?year=2026&period=Q4', '已签订'],
      ] as const) {
        await page.goto(path);
        const box = await page.locator('caption').filter({ hasText: caption }).first().boundingBox();
        // Two lines of text at most, and about the width of the screen (not a column of characters).
        expect(box, path).not.toBeNull();
        expect(box!.height, `${path} caption height`).toBeLessThan(60);
        expect(box!.width, `${path} caption width`).toBeGreaterThan(width / 2);
      }
    }, 60_000);
  }
});

describe('leadership sees the answer first', () => {
  it('shows the dashboard above the ranking tables on /results', async () => {
    const page = await e2e.newPage({ viewport: { width: 1366, height: 900 } });
    await signInAs(page, 'leader', '/results?year=2025&asOf=Q4');
    const chart = page.getByRole('img', { name: /各类别等级分布/ });
    const table = page.getByRole('table', { name: /县级医疗机构排名/ });
    await chart.waitFor();
    await table.waitFor();
    const [chartBox, tableBox] = [await chart.boundingBox(), await table.boundingBox()];
    expect(chartBox!.y).toBeLessThan(tableBox!.y);
  }, 60_000);
});

describe('every year is reachable', () => {
  it('opens each daily page on the year under way after next year is set up, and reaches the other', async () => {
    // Prepare: the admin sets up 2027 (its agreements are not made yet)
    await (await apiAs(e2e, 'admin'))('/api/years', { method: 'POST', body: { year: 2027 } });
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/');
    for (const path of ['/scoring', '/submissions', '/progress', '/inspections', '/proposals']) {
      // Act
      await page.goto(path);
      const chooser = page.getByLabel('考核年度');
      await chooser.waitFor();
      // Assess: the year under way first, and every year offered
      await expect(chooser.inputValue(), path).resolves.toBe('2026');
      await expect(chooser.locator('option').allTextContents()).resolves.toEqual(
        expect.arrayContaining([expect.stringContaining('2027'), expect.stringContaining('2026')]),
      );
    }
    // A year without agreements says what is missing and where it is made, not 重试.
    await page.goto('/submissions');
    await page.getByLabel('考核年度').selectOption('2027');
    await page.getByText('2027 年度目标责任书尚未生成').waitFor();
    await expect(page.getByRole('button', { name: '重试' }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: '去目标责任书页面' }).click();
    await page.getByRole('heading', { level: 1, name: '目标责任书' }).waitFor();
    expect(new URL(page.url()).search).toBe('?year=2027');
  }, 120_000);
});
