import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Year } from '../../shared/schemas/year';
import { YEAR_STATE_LABELS } from '../../shared/schemas/year';
import { apiAs, checkA11y, type E2e, signInAs, startE2e } from './harness';

// Its own stack and table: these tests move the year forward, which no other file should see.
let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

const thisYear = new Date().getFullYear();

describe('the appraisal year', () => {
  it('advances only after the admin confirms; cancelling or Escape changes nothing', async () => {
    // Prepare
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/year');
    const state = page.locator('.panel-heading .state-badge');
    await state.waitFor();
    const advance = page.getByRole('button', { name: '进入集中评分' });
    const dialog = page.getByRole('dialog', { name: '确认进入集中评分？' });
    expect(await state.textContent()).toBe(YEAR_STATE_LABELS.in_progress);

    // Act 1: open, check focus and accessibility, cancel
    await advance.click();
    await dialog.waitFor();
    const focusedOnOpen = await page.evaluate(() => document.activeElement?.textContent);
    await checkA11y(page);
    await dialog.getByRole('button', { name: '取消' }).click();

    // Assess 1
    await dialog.waitFor({ state: 'hidden' });
    expect(focusedOnOpen).toBe('取消');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('进入集中评分');
    expect(await state.textContent()).toBe(YEAR_STATE_LABELS.in_progress);

    // Act 2: open and press Escape
    await advance.click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.reload();
    await state.waitFor();

    // Assess 2: the server has not moved either
    expect(await state.textContent()).toBe(YEAR_STATE_LABELS.in_progress);

    // Act 3: confirm
    await advance.click();
    await dialog.getByRole('button', { name: '确认进入集中评分' }).click();

    // Assess 3
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => state.textContent()).toBe(YEAR_STATE_LABELS.scoring);
    expect(await page.getByRole('status').textContent()).toContain('已进入集中评分');
    expect(await page.getByRole('button', { name: '进入结果公示' }).isVisible()).toBe(true);
    const history = page.getByRole('table', { name: '状态记录' });
    expect(await history.getByRole('row').last().textContent()).toContain(`${YEAR_STATE_LABELS.scoring}`);
    expect(await history.getByRole('row').last().textContent()).toContain('王建华');
    await page.reload();
    await state.waitFor();
    expect(await state.textContent()).toBe(YEAR_STATE_LABELS.scoring);
    await page.context().close();
  });

  it('shows the conflict when another admin moved the year first', async () => {
    // Prepare: the page shows the year; meanwhile admin2 advances it
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/year');
    const next = page.getByRole('button', { name: /^进入/ });
    await next.waitFor();
    const label = await next.textContent();
    const api = await apiAs(e2e, 'admin2');
    const year = await api<Year>(`/api/years/${thisYear}`);
    const to = year.state === 'in_progress' ? 'scoring' : 'publicity';
    await api(`/api/years/${thisYear}/transitions`, { method: 'POST', body: { to, version: year.version } });

    // Act
    await next.click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: `确认${label}` })
      .click();

    // Assess
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/年度状态未改变.*(不能转为|数据已被他人修改)/);
    expect(await alert.getByRole('button', { name: '刷新页面' }).isVisible()).toBe(true);
    await page.context().close();
  });

  it('shows a leader the year read-only, and passes axe', async () => {
    const page = await e2e.newPage();
    await signInAs(page, 'leader', '/year');
    await page.getByRole('table', { name: '季度上报窗口' }).waitFor();
    expect(await page.getByRole('button', { name: /^进入|^发布/ }).count()).toBe(0);
    expect(await page.getByText('只读', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('table', { name: '季度上报窗口' }).getByRole('row').count()).toBe(5);
    await checkA11y(page);
    await page.context().close();
  });

  it('lets the admin set up next year with this year’s settings carried over', async () => {
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/year');
    await page.getByRole('button', { name: '新建考核年度' }).click();
    const form = page.getByRole('form', { name: '新建考核年度' });
    await form.getByLabel('年度').fill('abc');
    await form.getByRole('button', { name: '创建' }).click();
    await form.getByText('年度须为 2000–2100 之间的整数').waitFor();
    await checkA11y(page);
    await form.getByLabel('年度').fill(String(thisYear + 1));
    await form.getByRole('button', { name: '创建' }).click();
    await form.waitFor({ state: 'hidden' });
    expect(await page.getByLabel('查看年度').inputValue()).toBe(String(thisYear + 1));
    expect(await page.locator('.panel-heading .state-badge').textContent()).toBe(YEAR_STATE_LABELS.setup);
    await page
      .getByText(`${thisYear + 1}年12月20日`)
      .first()
      .waitFor();
  });

  it('lets the admin change the weights of a year in 年初设置, naming a sum that is not 100', async () => {
    // Prepare: a year of its own, so this test does not depend on the one above
    const admin = await apiAs(e2e, 'admin');
    await admin('/api/years', { method: 'POST', body: { year: thisYear + 2 } });
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/year');
    await page.getByRole('button', { name: '修改年度设置' }).click();
    const form = page.getByRole('form', { name: '修改年度设置' });
    await form.waitFor();
    const weight = (quarter: string) => form.getByLabel(`${quarter}权重`, { exact: true });
    const setWeights = async (weights: number[]) => {
      for (const [i, quarter] of ['第一季度', '第二季度', '第三季度', '第四季度'].entries())
        await weight(quarter).fill(String(weights[i]));
    };
    expect(await page.getByLabel('查看年度').inputValue()).toBe(String(thisYear + 2));
    await checkA11y(page);

    // Act 1: 10/20/20/40 sums to 90
    await setWeights([10, 20, 20, 40]);
    await form.getByText('合计 90%').waitFor();
    await form.getByRole('button', { name: '保存年度设置' }).click();

    // Assess 1: the server's error next to the weights, and in the summary
    await form.locator('.field-error', { hasText: '四个季度的权重之和须为 100' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('请修改标出的 1 处后再保存');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe('year-settings-periodWeights-Q1');
    await checkA11y(page);

    // Act 2: 10/20/30/40
    await weight('第三季度').fill('30');
    await form.getByText('合计 100%').waitFor();
    await form.getByRole('button', { name: '保存年度设置' }).click();

    // Assess 2: saved, shown, kept, and the focus back on the button
    await form.waitFor({ state: 'hidden' });
    const expected = '第一季度 10%，第二季度 20%，第三季度 30%，第四季度 40%';
    await page.getByText(expected).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('已保存');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('修改年度设置');
    await page.reload();
    await page.getByText(expected).waitFor();
    // The windows went through the form's Beijing date and time and came back unchanged.
    await page
      .getByText(`${thisYear + 2}年12月20日 09:00`)
      .first()
      .waitFor();
    await page.context().close();
  });
});
