/**
 * A job followed in the browser (docs/jobs.md): its progress bar is named for the job, and its id is
 * in the page's address, so a reload shows the same job.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { checkA11y } from './harness';

/**
 * Waits until the job is under way, reloads, and answers the job ids and progress before and after
 * (`jobId` the address's first job; `jobIds` every job the page follows, one `job=` each).
 */
export const reloadMidJob = async (page: Page, label: RegExp) => {
  const bar = page.getByRole('progressbar', { name: label });
  await expect
    .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 })
    .toBeGreaterThan(0);
  const before = Number(await bar.getAttribute('aria-valuenow'));
  const jobId = new URL(page.url()).searchParams.get('job');
  const jobIds = new URL(page.url()).searchParams.getAll('job');
  expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
  await checkA11y(page);
  await page.reload();
  await bar.waitFor();
  return {
    bar,
    before,
    after: Number(await bar.getAttribute('aria-valuenow')),
    jobId,
    jobIdAfter: new URL(page.url()).searchParams.get('job'),
    jobIds,
    jobIdsAfter: new URL(page.url()).searchParams.getAll('job'),
  };
};

/**
 * Reloads mid-job (as above) and asserts what a user sees: the same job, its progress not gone
 * back, then its result's summary and a full bar.
 */
export const followJobAcrossReload = async (page: Page, label: RegExp, summary: string | RegExp) => {
  const { bar, before, after, jobId, jobIdAfter } = await reloadMidJob(page, label);
  expect(jobIdAfter).toBe(jobId);
  expect(after).toBeGreaterThanOrEqual(before);
  await page.getByRole('status').filter({ hasText: summary }).waitFor({ timeout: 120_000 });
  expect(await bar.getAttribute('aria-valuenow')).toBe('100');
};
