/**
 * A rater works through the scoring queue by keyboard: verifies two values, returns one item to the
 * unit, rates one leaf, finalizes the sheet; the admin's progress view shows it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSubmissionRecords } from '../../shared/db/submission-repo';
import type { Queue } from '../../web/src/pages/scoring/scoring-api';
import { scorePending } from '../api/year-steps';
import { apiAs, checkA11y, type E2e, signInAs, startE2e, stepApiOf } from './harness';

let e2e: E2e;
const YEAR = new Date().getFullYear();

beforeAll(async () => {
  e2e = await startE2e();
}, 240_000);
afterAll(async () => {
  await e2e?.stop();
});

const queueButtons = (page: Page) =>
  page.getByRole('navigation', { name: '评分任务' }).getByRole('listitem').getByRole('button');

/** Moves the selection down `steps` items with J, starting from the first item. */
const goTo = async (page: Page, steps: number) => {
  await queueButtons(page).first().focus();
  for (let i = 0; i < steps; i++) await page.keyboard.press('j');
  await expect.poll(() => queueButtons(page).nth(steps).getAttribute('aria-current')).toBe('true');
};

const saved = async (page: Page) => {
  try {
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor({ timeout: 15_000 });
  } catch (error) {
    throw new Error(`not saved: ${await page.locator('.score-panel').textContent()}`, { cause: error });
  }
};

describe('the scoring worksheet in the browser', () => {
  it('verifies, returns, rates and finalizes by keyboard; the admin sees the progress', async () => {
    // Prepare: the first Q3 item still waiting for review (submitted), and the first Q4 rating item
    const asRater = await apiAs(e2e, 'rater-jiceng');
    const first = await asRater<Queue>(`/api/years/${YEAR}/periods/Q3/scoring-queue`);
    // The unit of the first three items handed in its Q3 evidence (submitted, waiting for review).
    const start = 0;
    await seedSubmissionRecords(e2e.stack.db, {
      items: first.items.slice(0, 3).map((x) => ({
        year: YEAR,
        unitId: x.unitId,
        period: 'Q3' as const,
        code: x.code,
        status: 'submitted' as const,
        value: (x.score?.verifiedValue as number | undefined) ?? null,
        narrative: '见附件台账',
        returnReason: null,
        history: [],
        updatedAt: `${YEAR}-10-08T10:00:00.000Z`,
        updatedBy: `${x.unitId}-head`,
        version: 1,
      })),
    });
    const q3 = await asRater<Queue>(`/api/years/${YEAR}/periods/Q3/scoring-queue`);
    expect(q3.items.slice(0, 3).map((x) => x.reported?.status)).toEqual([
      'submitted',
      'submitted',
      'submitted',
    ]);
    const q4 = await asRater<Queue>(`/api/years/${YEAR}/periods/Q4/scoring-queue`);
    const rating = q4.items.findIndex((x) => x.ruleType === 'rating' && x.scale === 'points');
    expect(rating).toBeGreaterThanOrEqual(0);
    // The rest of the Q4 sheet is scored already: a sheet is finalized only with nothing left to score.
    const toRate = q4.items[rating]!;
    await scorePending(
      stepApiOf(e2e, () => undefined),
      YEAR,
      'Q4',
      'rater-jiceng',
      (item) => item.unitId === toRate.unitId && item.code === toRate.code,
    );
    const asAdmin = await apiAs(e2e, 'admin');
    const before = await asAdmin<{ byRater: { raterId: string; scored: number }[] }>(
      `/api/years/${YEAR}/periods/Q4/scoring-progress`,
    );
    const scoredBefore = before.byRater.find((r) => r.raterId === 'rater-jiceng')?.scored ?? 0;

    const page = await e2e.newPage();
    await signInAs(page, 'rater-jiceng', '/scoring');
    await page.getByRole('heading', { level: 1, name: '考核评分' }).waitFor();
    await page.getByLabel('考核期').selectOption('Q3');
    await queueButtons(page).first().waitFor();
    await expect(page.getByText('J 或 ↓ 下一项')).toBeDefined();
    await checkA11y(page);

    // Act: verify two values (J to move, Enter to open, type, Escape back to the queue)
    for (const offset of [0, 1]) {
      const item = q3.items[start + offset]!;
      await goTo(page, start + offset);
      await page.keyboard.press('Enter');
      // Enter moves focus into the scoring panel once it has rendered; type only after it has.
      await page.waitForFunction(() => document.activeElement instanceof HTMLInputElement);
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(String(item.score?.verifiedValue ?? item.reported?.value ?? 0));
      await page.keyboard.press('Tab');
      await page.keyboard.type('现场核实，与台账一致');
      await saved(page);
      await expect(page.getByTestId('computed-score').textContent()).resolves.toMatch(/^\d+\.\d{2}$/);
      await page.keyboard.press('Escape');
    }
    // Return the third item to the unit
    await goTo(page, start + 2);
    await page.getByRole('button', { name: '退回单位补充' }).click();
    await page.getByLabel('退回原因').fill('请补充加盖公章的季度统计报表');
    await page.getByRole('button', { name: '确认退回' }).click();
    await queueButtons(page)
      .nth(start + 2)
      .filter({ hasText: '已退回' })
      .waitFor();

    // Rate one leaf of Q4, then finalize the Q4 sheet
    await page.getByLabel('考核期').selectOption('Q4');
    await queueButtons(page).first().waitFor();
    await goTo(page, rating);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement instanceof HTMLInputElement);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('4.5');
    await page.keyboard.press('Tab');
    await page.keyboard.type('综合管理台账个别月份缺失');
    await saved(page);
    await expect(page.getByTestId('computed-score').textContent()).resolves.toBe('4.50');
    await page.getByRole('button', { name: '定稿本期评分表' }).click();
    await page.getByRole('button', { name: '确认定稿' }).click();
    await page.getByText('本期评分表已定稿').waitFor();

    // Assess: the admin's progress view shows the new score and the finalized sheet
    const admin = await e2e.newPage();
    await signInAs(admin, 'admin', '/scoring');
    await admin.getByLabel('考核期').selectOption('Q4');
    const row = admin.locator('tr[data-rater="rater-jiceng"]');
    await row.waitFor();
    await expect(row.locator('td').first().textContent()).resolves.toBe(String(scoredBefore + 1));
    await expect(row.textContent()).resolves.toContain('已定稿');
    const returned = await asAdmin<{ kind: string }[]>(
      `/api/years/${YEAR}/units/${q3.items[start + 2]!.unitId}/audit?code=${encodeURIComponent(q3.items[start + 2]!.code)}`,
    );
    expect(returned.map((e) => e.kind)).toContain('return');

    // Act: the admin reopens the sheet, with a reason; the rater can score again.
    await row.getByRole('button', { name: '重新开放' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: '重新开放' }).click();
    await admin.getByText('请填写重新开放的原因').waitFor();
    await admin.getByLabel('原因').fill('申诉成立，需重新核定');
    await admin.getByRole('dialog').getByRole('button', { name: '重新开放' }).click();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('未定稿');
  }, 180_000);
});
