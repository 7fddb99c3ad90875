/**
 * A job followed in the browser (docs/jobs.md): its progress bar is named for the job, and its id is
 * in the page's address, so a reload shows the same job. The stack's job gate (scripts/lib/job-gate.ts)
 * stops the job mid-way while the page is reloaded.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { JobGate } from '../../scripts/lib/job-gate';
import { checkA11y } from './harness';

/**
 * With the stack's job gate held before the job was started (`e2e.jobGate.hold()`): waits until the
 * job waits at the gate with its progress stored, reloads, and answers the job ids and progress
 * before and after (`jobId` the address's first job; `jobIds` every job the page follows, one `job=`
 * each). The job is still held: the caller releases the gate once it has asserted what it needs mid-job.
 */
export const reloadMidJob = async (page: Page, label: RegExp, gate: JobGate) => {
  const bar = page.getByRole('progressbar', { name: label });
  await expect
    .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await gate.waiting();
  const before = Number(await bar.getAttribute('aria-valuenow'));
  const jobId = new URL(page.url()).searchParams.get('job');
  const jobIds = new URL(page.url()).searchParams.getAll('job');
  expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
  await checkA11y(page);
  await page.reload();
  await bar.waitFor();
  // The job waits at the gate: the page shows the very progress it showed before the reload.
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBe(before);
  expect(before).toBeLessThan(100);
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
 * Reloads mid-job (as above, the gate held before the job was started) and asserts what a user sees:
 * the same job, its progress not gone back; then releases the gate and waits for its result's summary
 * and a full bar.
 */
export const followJobAcrossReload = async (
  page: Page,
  label: RegExp,
  summary: string | RegExp,
  gate: JobGate,
) => {
  const { bar, before, after, jobId, jobIdAfter } = await reloadMidJob(page, label, gate);
  expect(jobIdAfter).toBe(jobId);
  expect(after).toBeGreaterThanOrEqual(before);
  gate.release();
  await page.getByRole('status').filter({ hasText: summary }).waitFor({ timeout: 120_000 });
  expect(await bar.getAttribute('aria-valuenow')).toBe('100');
};
