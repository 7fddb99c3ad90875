/**
 * Jobs in the browser: the admin starts a job (the results export; a publication; a template import),
 * reloads the page while it runs and sees the same job's progress (its id is in the address), then
 * its result (the download link; the published version; the imported template); two jobs of one
 * page both survive the reload; axe passes.
 */

import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATEGORIES, DEMO_UNITS } from '../../scripts/seed/demo-org';
import { demoTemplate } from '../../scripts/seed/demo-templates';
import { demoYear } from '../../scripts/seed/demo-year';
import { resultsVersionKey } from '../../shared/db/keys';
import { isUnfinished, listSnapshots } from '../../shared/db/results-repo';
import { seedYear } from '../../shared/db/year-repo';
import { writeTemplateWorkbook } from '../../shared/excel/write-template-workbook';
import { checkA11y, type E2e, signInAs, startE2e } from './harness';
import { followJobAcrossReload, reloadMidJob } from './job-steps';

/** A year in 年初设置, with no templates: the import writes into it. */
const SETUP_YEAR = 2027;

describe('后台任务', () => {
  let e2e: E2e;

  beforeAll(async () => {
    // Each test holds the stack's job gate (a test-only hook of the in-process runner) before it
    // starts a job, so the small demo's job stops mid-way while the page is reloaded.
    e2e = await startE2e({ now: () => new Date('2026-11-26T10:00:00+08:00') });
    await seedYear(e2e.stack.db, demoYear(SETUP_YEAR, 'setup'));
  }, 240_000);

  afterAll(async () => {
    await e2e?.stop();
  });

  it('shows the same export progress after a reload in the middle, then the download link', async () => {
    // Prepare
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/results?year=2026');
    await page.getByRole('table').first().waitFor();
    // Act: start the export, reload once it is under way
    e2e.jobGate.hold();
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const { bar, before, after, jobId, jobIdAfter } = await reloadMidJob(page, /导出考核结果/, e2e.jobGate);
    // Assess: the same job, its progress not gone back, no download yet; then it runs to its end
    expect(jobIdAfter).toBe(jobId);
    expect(after).toBeGreaterThanOrEqual(before);
    expect(await page.getByRole('link', { name: /^下载/ }).count()).toBe(0);
    e2e.jobGate.release();
    const link = page.getByRole('link', { name: /^下载 2026年度考核结果-Q\d\.xlsx$/ });
    await link.waitFor({ timeout: 60_000 });
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^2026年度考核结果-Q\d\.xlsx$/);
    await checkA11y(page);
    await page.context().close();
  }, 180_000);

  // The other export jobs of the admin's pages: the same job and progress after a reload mid-way,
  // then a workbook to download (the results export above checks the link's name and the file).
  it.each([
    ['导出上报进度', '/progress?year=2026'],
    ['导出评分一致性', '/results/consistency?year=2026'],
  ])(
    'keeps %s across a reload in the middle, then offers the workbook',
    async (label, path) => {
      // Prepare
      const page = await e2e.newPage();
      await signInAs(page, 'admin', path);
      const start = page.getByRole('button', { name: '导出 Excel' });
      await start.waitFor();
      // Act
      e2e.jobGate.hold();
      await start.click();
      const { bar, before, after, jobId, jobIdAfter } = await reloadMidJob(
        page,
        new RegExp(label),
        e2e.jobGate,
      );
      // Assess
      expect(jobIdAfter).toBe(jobId);
      expect(after).toBeGreaterThanOrEqual(before);
      expect(await page.getByRole('link', { name: /^下载/ }).count()).toBe(0);
      e2e.jobGate.release();
      const link = page.getByRole('link', { name: /^下载 .+\.xlsx$/ });
      await link.waitFor({ timeout: 60_000 });
      expect(await bar.getAttribute('aria-valuenow')).toBe('100');
      await checkA11y(page);
      await page.context().close();
    },
    180_000,
  );

  it('publishes a correction as a job: its progress survives a reload, then the new version is listed', async () => {
    // Prepare: last year, published
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/results?year=2025');
    await page.getByRole('table').first().waitFor();
    // Act: confirm the correction with its reason, reload once the job is under way
    await page.getByRole('button', { name: '发布更正版' }).click();
    const dialog = page.getByRole('dialog', { name: /更正版/ });
    await dialog.getByLabel('更正理由').fill('更正一项核定数据录入错误');
    e2e.jobGate.hold();
    await dialog.getByRole('button', { name: '发布更正版' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Assess: the same job after the reload, then its result and the version it published
    await followJobAcrossReload(page, /发布考核结果/, /已发布第 2 版考核结果/, e2e.jobGate);
    await page.getByText('更正第 1 版：更正一项核定数据录入错误').waitFor();
    await checkA11y(page);
    await page.context().close();
  }, 180_000);

  it('keeps both jobs of a page after a reload: an export and 重新生成公布页面 started side by side', async () => {
    // Prepare
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/results?year=2025');
    await page.getByRole('table').first().waitFor();
    // Act: the export, then the site beside it; reload while both are held
    e2e.jobGate.hold();
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const exportBar = page.getByRole('progressbar', { name: /导出考核结果/ });
    await exportBar.waitFor();
    await page.getByRole('button', { name: '重新生成公布页面' }).click();
    const { jobIds, jobIdsAfter } = await reloadMidJob(page, /重新生成公布页面/, e2e.jobGate);
    // Assess: both jobs in the address and on the page after the reload, each to its end
    expect(jobIds).toHaveLength(2);
    expect(jobIdsAfter).toEqual(jobIds);
    await exportBar.waitFor();
    e2e.jobGate.release();
    await page
      .getByRole('status')
      .filter({ hasText: /已重新生成第 \d+ 版考核结果的公布页面/ })
      .waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: /^下载 2025年度考核结果-Q4\.xlsx$/ }).waitFor({ timeout: 60_000 });
    await checkA11y(page);
    await page.context().close();
  }, 180_000);

  it('shows a publication stopped after its commit as published but unfinished, and 重新生成公布页面 finishes it', async () => {
    // Prepare: 2025's newest version as a publication job leaves it when its site writer failed
    const newest = (await listSnapshots(e2e.stack.db, 2025)).at(-1);
    if (!newest) throw new Error('2025 has no published version');
    await e2e.stack.db.doc.send(
      new UpdateCommand({
        TableName: e2e.stack.db.tableName,
        Key: resultsVersionKey(2025, newest.version),
        UpdateExpression: 'SET siteDue = :t, noticesDue = :t',
        ExpressionAttributeValues: { ':t': true },
      }),
    );
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/results?year=2025');
    const unfinished = page.getByText(`第 ${newest.version} 版结果已发布，公布页面尚未生成。`);
    await unfinished.waitFor();
    await checkA11y(page);
    // Act
    await page.getByRole('button', { name: '重新生成公布页面' }).click();
    // Assess: the same version finished, the state gone, no new version
    await page
      .getByRole('status')
      .filter({ hasText: `已重新生成第 ${newest.version} 版考核结果的公布页面` })
      .waitFor({ timeout: 60_000 });
    await unfinished.waitFor({ state: 'detached' });
    const after = await listSnapshots(e2e.stack.db, 2025);
    expect(after.filter(isUnfinished)).toEqual([]);
    expect(after.at(-1)?.version).toBe(newest?.version);
    await page.context().close();
  }, 180_000);

  it('imports a template workbook as a job: its progress survives a reload, then the template is listed', async () => {
    // Prepare: a workbook with one category's template
    const workbook = await writeTemplateWorkbook({
      year: SETUP_YEAR,
      categories: DEMO_CATEGORIES,
      units: DEMO_UNITS,
      templates: [demoTemplate(SETUP_YEAR, 'primary-care')],
    });
    const page = await e2e.newPage();
    await signInAs(page, 'admin', `/templates?year=${SETUP_YEAR}`);
    await page.getByRole('heading', { level: 1, name: '指标模板' }).waitFor();
    // Act
    await page.getByLabel('选择要导入的工作簿').setInputFiles({
      name: '指标模板.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(workbook),
    });
    e2e.jobGate.hold();
    await page.getByRole('button', { name: '导入工作簿' }).click();
    const { before, after, jobId, jobIdAfter } = await reloadMidJob(page, /导入指标模板/, e2e.jobGate);
    // Assess: the same job, its progress not gone back; then it runs to its end
    expect(jobIdAfter).toBe(jobId);
    expect(after).toBeGreaterThanOrEqual(before);
    e2e.jobGate.release();
    await page
      .getByRole('status')
      .filter({ hasText: '已导入 1 个类别的指标模板：基层医疗卫生机构' })
      .waitFor({ timeout: 60_000 });
    await page.getByRole('row', { name: /基层医疗卫生机构.*合计 100\.00 分/ }).waitFor();
    await checkA11y(page);
    await page.context().close();
  }, 180_000);
});
