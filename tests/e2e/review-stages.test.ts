/**
 * Self-assessment and staged review in the browser (docs/review-stages.md): the reporter
 * self-assesses three indicators (one formula, one rating, one deduction), the head submits, 初审
 * lowers the formula one with a reason, 复审 keeps it, 审定 confirms; the unit sees the chain, the
 * results use the 审定 figure and the distance report lists the lowered item.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, checkA11y, type E2e, signInAs, startE2e } from './harness';
import { reloadMidJob } from './job-steps';

const UNIT = 'luoyang-thc';
const base = `/api/years/2026/units/${UNIT}/periods/Q4`;

interface Item {
  code: string;
  name: string;
  rule: string;
  wCents: number;
  review: { version: number } | null;
}

const valueFor = (rule: string, measure: string) =>
  measure === 'boolean' ? true : measure === 'date' ? '2026-06-01' : rule === 'count' ? 0 : 99;

let e2e: E2e;
beforeAll(async () => {
  // Inside the Q4 window (2026-12-20 – 2027-01-10), the year's self-assessed period.
  e2e = await startE2e({ now: () => new Date('2026-12-22T10:00:00+08:00') });
}, 240_000);
afterAll(async () => {
  await e2e?.stop();
});

const card = (page: Page, code: string) => page.locator(`li[data-code="${code}"]`);

describe('self-assessment and staged review', () => {
  it('goes from the unit’s claim through 初审, 复审 and 审定 to the results', {
    timeout: 300_000,
  }, async () => {
    // Prepare: the reporter's Q4 values; every indicator but three self-assessed through the API.
    const reporterApi = await apiAs(e2e, `${UNIT}-reporter`);
    const view = await reporterApi<{ items: Item[] }>(`${base}/self-assessment`);
    const agreement = await reporterApi<{ dimensions: { leaves: { code: string; measure: string }[] }[] }>(
      `/api/years/2026/agreements/${UNIT}`,
    );
    const measure = new Map(agreement.dimensions.flatMap((d) => d.leaves).map((l) => [l.code, l.measure]));
    const formula = view.items.find((i) => i.rule === 'threshold' || i.rule === 'linear') as Item;
    const rating = view.items.find((i) => i.rule === 'rating') as Item;
    const deduction = view.items.find((i) => i.rule === 'deduction') as Item;
    expect([formula, rating, deduction].every(Boolean)).toBe(true);
    for (const item of view.items) {
      if (item.rule === 'rating' || item.rule === 'deduction') continue;
      await reporterApi(`${base}/items/${item.code}`, {
        method: 'PUT',
        body: {
          value: valueFor(item.rule, measure.get(item.code) ?? 'rate'),
          narrative: '全年工作已完成',
          // The demo has no Q4 values yet: every item is new.
          version: 0,
        },
      });
    }
    const chosen = new Set([formula.code, rating.code, deduction.code]);
    for (const item of view.items.filter((i) => !chosen.has(i.code))) {
      const entered = item.rule === 'rating' || item.rule === 'deduction';
      await reporterApi(`${base}/self-assessment/${item.code}`, {
        method: 'PUT',
        body: { ...(entered ? { points: item.wCents / 100 } : {}), note: '已完成', version: 0 },
      });
    }
    const admin = await apiAs(e2e, 'admin');
    await admin(`/api/years/2026/review-offices/${formula.code}`, {
      method: 'PUT',
      body: { office: '基层卫生健康科', memberIds: ['rater-fuyou'], version: 0 },
    });
    const lowered = ((formula.wCents - 150) / 100).toFixed(2);

    // Act 1: the reporter self-assesses the three indicators on the page.
    const reporter = await e2e.newPage();
    await signInAs(reporter, `${UNIT}-reporter`, '/reviews?period=Q4');
    await reporter.getByRole('heading', { name: '本单位自查自评' }).waitFor();
    await checkA11y(reporter);
    const row = (code: string) => reporter.locator(`tr[data-code="${code}"]`);
    const save = async (code: string) => {
      await row(code).getByRole('button', { name: '保存自评' }).click();
      await expect.poll(() => row(code).textContent()).toContain('已保存');
    };
    await save(formula.code);
    await row(rating.code)
      .getByLabel(`${rating.name} 自评分`)
      .fill(((rating.wCents - 100) / 100).toFixed(2));
    await row(rating.code).getByLabel(`${rating.name} 自评说明`).fill('群众投诉一例，已整改');
    // Leaving with a self score typed and not saved asks first, and stays when the reporter says no.
    const asked: string[] = [];
    reporter.on('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await reporter.getByRole('link', { name: '工作台' }).first().click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('未保存');
    expect(new URL(reporter.url()).pathname).toBe('/reviews');
    await save(rating.code);
    await row(deduction.code)
      .getByLabel(`${deduction.name} 自评分`)
      .fill((deduction.wCents / 100).toFixed(2));
    await save(deduction.code);
    await expect
      .poll(async () =>
        (await reporterApi<{ items: Item[] }>(`${base}/self-assessment`)).items.every((i) => i.review),
      )
      .toBe(true);

    // Act 2: the head submits.
    const head = await e2e.newPage();
    await signInAs(head, `${UNIT}-head`, '/reviews?period=Q4');
    await head.getByRole('button', { name: '提交自评' }).click();
    await expect.poll(() => head.getByRole('status').last().textContent()).toContain('自评已提交');

    // Act 3: 初审 lowers the formula indicator with a reason.
    const office = await e2e.newPage();
    await signInAs(office, 'rater-fuyou', '/reviews?period=Q4');
    await card(office, formula.code).waitFor();
    await checkA11y(office);
    await card(office, formula.code).getByLabel('初审得分').fill(lowered);
    await card(office, formula.code).getByLabel(/理由/).fill('材料不全');
    await card(office, formula.code).getByRole('button', { name: '通过（转下一环节）' }).click();
    await card(office, formula.code).waitFor({ state: 'detached' });

    // Act 4: 复审 keeps it; 审定 confirms.
    const rater = await e2e.newPage();
    await signInAs(rater, 'rater-jiceng', '/reviews?period=Q4');
    await card(rater, formula.code).getByLabel('复审得分').waitFor();
    expect(await card(rater, formula.code).getByLabel('复审得分').inputValue()).toBe(lowered);
    await card(rater, formula.code).getByLabel(/理由/).fill('同意初审意见');
    await card(rater, formula.code).getByRole('button', { name: '通过（转下一环节）' }).click();
    await card(rater, formula.code).waitFor({ state: 'detached' });
    const adminPage = await e2e.newPage();
    await signInAs(adminPage, 'admin', '/reviews?period=Q4');
    const final = adminPage.locator(`li[data-code="${formula.code}"]`).filter({ hasText: '审定' });
    await final.getByLabel(/理由/).fill('经审定');
    await final.getByRole('button', { name: '通过（转下一环节）' }).click();
    await final.waitFor({ state: 'detached' });

    // Assess: the unit sees the chain; the results use the 审定 figure; the distance lists it.
    await head.reload();
    const chain = `自评 ${(formula.wCents / 100).toFixed(2)} → 初审 ${lowered}（材料不全）→ 复审 ${lowered} → 审定 ${lowered}`;
    await expect.poll(() => head.locator(`tr[data-code="${formula.code}"]`).textContent()).toContain(chain);
    await adminPage.goto('/reviews?period=Q4');
    await expect.poll(() => adminPage.locator('#distance-rows').textContent()).toContain(formula.name);
    // Charted for the committee: the bars' data stated in words, the lowered indicator among them.
    const overclaimed = adminPage.getByRole('img', { name: /^自评高估最多的指标（条形图，自评 − 审定）：/ });
    await expect
      .poll(() => overclaimed.getAttribute('aria-label'))
      .toContain(`${formula.code} ${formula.name}`);
    await adminPage.getByRole('img', { name: /^自评高于审定最多的单位/ }).waitFor();
    await adminPage.locator('.chart canvas').first().waitFor();
    await checkA11y(adminPage);
    // Its workbook is an export job: held mid-way, the reloaded page shows the same job, then the file.
    e2e.jobGate.hold();
    await adminPage.getByRole('button', { name: '导出 Excel' }).click();
    const { jobId, jobIdAfter } = await reloadMidJob(adminPage, /导出自评与审定差距/, e2e.jobGate);
    expect(jobIdAfter).toBe(jobId);
    e2e.jobGate.release();
    await adminPage.getByRole('link', { name: /^下载 .+\.xlsx$/ }).waitFor({ timeout: 60_000 });
    await adminPage.goto(`/results/units/${UNIT}?year=2026&asOf=Q4`);
    const leaf = adminPage.locator('li.leaf').filter({ hasText: formula.name }).first();
    await expect.poll(() => leaf.textContent()).toContain(`审定 ${lowered}`);
    await leaf.getByRole('button', { name: '得分反查' }).click();
    await expect.poll(() => leaf.textContent()).toContain('初审');
  });
});
