import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YEAR_STATE_LABELS } from '../../shared/schemas/year';
import { decidePending, finishScoring } from '../api/year-steps';
import { apiAs, checkA11y, type E2e, signInAs, startE2e, stepApiOf } from './harness';
import { followJobAcrossReload } from './job-steps';

// Its own stack and table: these tests move the year forward, which no other file should see.
// The server's clock starts on the demo's late-November day (the seed's year is the clock's year).
const thisYear = 2026;
let clock = new Date(`${thisYear}-11-26T10:00:00+08:00`);
let e2e: E2e;
/** While true, writing the ranking site fails (an S3 outage after a publication's commit). */
let siteFails = false;
beforeAll(async () => {
  e2e = await startE2e({
    now: () => clock,
    siteStore: (folder) => ({
      write: async (files) => {
        if (siteFails) throw new Error('S3 PutObject: connection reset');
        await folder.write(files);
      },
    }),
  });
});
afterAll(async () => {
  await e2e?.stop();
});

describe('the appraisal year', () => {
  it('shows what blocks 进入集中评分, and refuses a tab that raced past a blocker with the list', {
    timeout: 90_000,
  }, async () => {
    // Prepare: early December, Q4 not yet open
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/year');
    const state = page.locator('.panel-heading .state-badge');
    const checklist = page.getByRole('region', { name: '进入集中评分前的检查' });
    const dialog = page.getByRole('dialog', { name: '确认进入集中评分？' });
    const confirm = dialog.getByRole('button', { name: '确认进入集中评分' });

    // Assess 1: the blocker is listed, and the confirmation refuses
    await checklist.getByText('最后一个考核期（第四季度）的上报窗口尚未截止', { exact: false }).waitFor();
    await checkA11y(page);
    await page.getByRole('button', { name: '进入集中评分' }).click();
    await dialog.getByText('还有 1 项未完成').waitFor();
    expect(await confirm.getAttribute('aria-disabled')).toBe('true');
    await confirm.click({ force: true });
    await dialog.getByRole('button', { name: '取消' }).click();
    expect(await state.textContent()).toBe(YEAR_STATE_LABELS.in_progress);

    // Act 2: the window has closed; the page shows only a warning, acknowledged with a reason
    clock = new Date(`${thisYear + 1}-01-12T09:00:00+08:00`);
    await page.reload();
    const reason = checklist.getByLabel('确认理由');
    await reason.waitFor();
    expect(await checklist.textContent()).toMatch(/个单位未提交第四季度材料/);
    await reason.fill('第四季度材料在集中评分时现场核查');
    // Meanwhile another admin extends one unit's Q4 past today
    const admin2 = await apiAs(e2e, 'admin2');
    await admin2(`/api/years/${thisYear}/units/cdc/periods/Q4/extension`, {
      method: 'PUT',
      body: { until: `${thisYear + 1}-01-20`, reason: '系统故障延期' },
    });
    await page.getByRole('button', { name: '进入集中评分' }).click();
    await confirm.click();

    // Assess 2: refused with the list; the year has not moved; the checklist shows the new blocker
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('1 个单位的第四季度延期尚未结束：清河县疾病预防控制中心');
    expect(await state.textContent()).toBe(YEAR_STATE_LABELS.in_progress);
    await checklist.getByRole('link', { name: '上报进度' }).first().waitFor();
    await checkA11y(page);
    await page.context().close();
  });

  it('advances only after the admin confirms; cancelling or Escape changes nothing', async () => {
    // Prepare: the extension has run out
    clock = new Date(`${thisYear + 1}-01-21T09:00:00+08:00`);
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/year');
    const state = page.locator('.panel-heading .state-badge');
    await state.waitFor();
    const advance = page.getByRole('button', { name: '进入集中评分' });
    const dialog = page.getByRole('dialog', { name: '确认进入集中评分？' });
    expect(await state.textContent()).toBe(YEAR_STATE_LABELS.in_progress);
    const checklist = page.getByRole('region', { name: '进入集中评分前的检查' });
    await checklist.getByLabel('确认理由').fill('第四季度材料在集中评分时现场核查');

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

    // Act 3: confirm (the reason typed before the reload is gone: type it again)
    await checklist.getByLabel('确认理由').fill('第四季度材料在集中评分时现场核查');
    await advance.click();
    await dialog.getByText('将确认 1 项提醒').waitFor();
    await dialog.getByRole('button', { name: '确认进入集中评分' }).click();

    // Assess 3: moved; the history keeps the acknowledged warning with its reason
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => state.textContent()).toBe(YEAR_STATE_LABELS.scoring);
    expect(await page.getByRole('status').textContent()).toContain('已进入集中评分');
    expect(await page.getByRole('button', { name: '进入结果公示' }).isVisible()).toBe(true);
    const history = page.getByRole('table', { name: '状态记录' });
    const last = await history.getByRole('row').last().textContent();
    expect(last).toContain(`${YEAR_STATE_LABELS.scoring}`);
    expect(last).toContain('王建华');
    expect(last).toContain('理由：第四季度材料在集中评分时现场核查');
    // The next step's checklist: the committee's work is not done
    await page
      .getByRole('region', { name: '进入结果公示前的检查' })
      .getByText(/份评分表尚未定稿/)
      .waitFor();
    await page.reload();
    await state.waitFor();
    expect(await state.textContent()).toBe(YEAR_STATE_LABELS.scoring);
    await page.context().close();
  });

  it('opens publicity as a job: its progress survives a reload, then the year is in 结果公示 with draft 1', {
    timeout: 300_000,
  }, async () => {
    // Prepare: the committee finishes and the approvals are decided (the API tests' steps, over HTTP)
    const steps = stepApiOf(e2e, (date) => {
      clock = date;
    });
    await finishScoring(steps, thisYear);
    await decidePending(steps, thisYear);
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/year');
    const state = page.locator('.panel-heading .state-badge');
    const checklist = page.getByRole('region', { name: '进入结果公示前的检查' });
    await checklist
      .getByText(/已完成/)
      .first()
      .waitFor();
    for (const reason of await checklist.getByLabel('确认理由').all())
      await reason.fill('已逐项核实，确认无误');

    // Act: confirm the move, reload once its job is under way
    await page.getByRole('button', { name: '进入结果公示' }).click();
    const dialog = page.getByRole('dialog', { name: '确认进入结果公示？' });
    await dialog.getByText('将在后台计算全年考核结果', { exact: false }).waitFor();
    // The job stops mid-way at the stack's job gate until the page is reloaded
    e2e.jobGate.hold();
    await dialog.getByRole('button', { name: '确认进入结果公示' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Assess: the same job after the reload, then its result, the year moved and draft 1 frozen
    await followJobAcrossReload(page, /开启结果公示/, '已进入结果公示：已生成第 1 版公示结果', e2e.jobGate);
    await expect.poll(() => state.textContent()).toBe(YEAR_STATE_LABELS.publicity);
    await page.getByRole('region', { name: '发布最终结果前的检查' }).waitFor();
    await checkA11y(page);
    const admin = await apiAs(e2e, 'admin');
    const drafts = (await admin(`/api/years/${thisYear}/drafts`)) as { version: number; reason: string }[];
    expect(drafts.map((d) => [d.version, d.reason])).toEqual([[1, '开始公示']]);
    await page.context().close();
  });

  it('publishes from the year page: stopped after its commit, the year shows 结果已发布 and 重新生成公布页面 finishes it', {
    timeout: 180_000,
  }, async () => {
    // Prepare: the publicity days have passed; the ranking site's store is down
    clock = new Date(clock.getTime() + 6 * 86_400_000);
    siteFails = true;
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/year');
    const state = page.locator('.panel-heading .state-badge');
    const checklist = page.getByRole('region', { name: '发布最终结果前的检查' });
    await checklist.getByText(/天公示期已满/).waitFor();
    for (const reason of await checklist.getByLabel('确认理由').all())
      await reason.fill('已逐项核实，确认无误');

    // Act 1: publish; the job commits version 1, then fails to write the site
    await page.getByRole('button', { name: '发布最终结果' }).click();
    const dialog = page.getByRole('dialog', { name: '确认发布最终结果？' });
    await dialog.getByRole('button', { name: '确认发布最终结果' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Assess 1: the year is read again (published), and says what is missing
    await page.getByText('发布考核结果：结果已发布，尚未完成').waitFor({ timeout: 60_000 });
    await expect.poll(() => state.textContent()).toBe(YEAR_STATE_LABELS.published);
    // (the notice, not the failed job's own message, which goes on with "：请点击…")
    const unfinished = page.getByText('第 1 版结果已发布，公布页面尚未生成。', { exact: false });
    await unfinished.waitFor();
    await checkA11y(page);

    // Act 2: the store is back; 重新生成公布页面 by keyboard
    siteFails = false;
    const finish = page.getByRole('button', { name: '重新生成公布页面' });
    await finish.focus();
    await page.keyboard.press('Enter');

    // Assess 2: the same version finished, no new version; the notice gone
    await page
      .getByRole('status')
      .filter({ hasText: '已重新生成第 1 版考核结果的公布页面' })
      .waitFor({ timeout: 60_000 });
    await unfinished.waitFor({ state: 'detached' });
    // The button stays beside the job's result, so the keyboard focus is not lost
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('重新生成公布页面');
    const admin = await apiAs(e2e, 'admin');
    const versions = (await admin(`/api/years/${thisYear}/publications`)) as {
      version: number;
      siteDue?: boolean;
    }[];
    expect(versions.map((v) => [v.version, v.siteDue ?? false])).toEqual([[1, false]]);
    await checkA11y(page);
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
  it('lets the admin choose the self-assessed quarters and the review stages of a year', async () => {
    // Prepare: a year of its own, read first with the defaults (第四季度; 初审 → 复审 → 审定)
    const admin = await apiAs(e2e, 'admin');
    await admin('/api/years', { method: 'POST', body: { year: thisYear + 3 } });
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/year');
    await page.getByLabel('查看年度').selectOption(String(thisYear + 3));
    await page.getByRole('button', { name: '修改年度设置' }).click();
    const form = page.getByRole('form', { name: '修改年度设置' });
    await form.waitFor();
    const periods = form.getByRole('group', { name: '自评考核期' });
    const stages = form.getByRole('group', { name: '审核环节' });
    expect(await periods.getByLabel('第四季度').isChecked()).toBe(true);
    expect(await periods.getByLabel('第二季度').isChecked()).toBe(false);
    expect(await stages.getByLabel('初审 → 复审 → 审定').isChecked()).toBe(true);
    await checkA11y(page);

    // Act: 第二季度 too, and two stages (初审 → 审定), by keyboard
    await periods.getByLabel('第二季度').press('Space');
    await stages.getByLabel('初审 → 审定').check();
    await form.getByRole('button', { name: '保存年度设置' }).click();

    // Assess: stored as the API's settings, shown on the year and read back by the form
    await form.waitFor({ state: 'hidden' });
    const year = await admin<{ selfAssessedPeriods: string[]; reviewStages: string[] }>(
      `/api/years/${thisYear + 3}`,
    );
    expect(year.selfAssessedPeriods).toEqual(['Q2', 'Q4']);
    expect(year.reviewStages).toEqual(['first', 'final']);
    await page.getByText('自评：第二季度、第四季度；审核：初审 → 审定').waitFor();
    await page.getByRole('button', { name: '修改年度设置' }).click();
    expect(await periods.getByLabel('第二季度').isChecked()).toBe(true);
    expect(await stages.getByLabel('初审 → 审定').isChecked()).toBe(true);
    await page.context().close();
  });
});
