/** The pure decisions of jobs: what is the same job, how progress moves, when a job is lost. */
import { describe, expect, it } from 'vitest';
import {
  isLost,
  JOB_MAX_SECONDS,
  jobLockId,
  nextProgress,
  progressIn,
} from '../../../shared/domain/jobs/job';

describe('jobs', () => {
  it('takes two starts with the same type and parameters, in any key order, as the same job', () => {
    expect(jobLockId('results-export', { year: 2026, asOf: 'Q2' })).toBe(
      jobLockId('results-export', { asOf: 'Q2', year: 2026 }),
    );
    expect(jobLockId('results-export', { year: 2026, asOf: 'Q2' })).not.toBe(
      jobLockId('results-export', { year: 2026, asOf: 'Q3' }),
    );
    expect(jobLockId('results-export', { year: 2026 })).not.toBe(
      jobLockId('progress-export', { year: 2026 }),
    );
  });

  it('moves progress forward in whole percent and keeps 100 for a finished job', () => {
    expect(nextProgress(0, 12.7)).toBe(12);
    expect(nextProgress(40, 30)).toBe(40);
    expect(nextProgress(40, 100)).toBe(99);
    expect(nextProgress(10, Number.NaN)).toBe(10);
    expect(nextProgress(0, -5)).toBe(0);
  });

  it('maps steps of a phase into its band of the whole job', () => {
    expect(progressIn(5, 85, 0, 500)).toBe(5);
    expect(progressIn(5, 85, 250, 500)).toBe(45);
    expect(progressIn(5, 85, 500, 500)).toBe(85);
    expect(progressIn(5, 85, 0, 0)).toBe(85);
  });

  it('gives a queued or running job up as lost after the longest a job may run, never a finished one', () => {
    const started = new Date('2026-12-01T00:00:00Z');
    const later = (s: number) => new Date(started.getTime() + s * 1000);
    const running = {
      state: 'running' as const,
      createdAt: started.toISOString(),
      startedAt: started.toISOString(),
    };
    expect(isLost(running, later(JOB_MAX_SECONDS - 1))).toBe(false);
    expect(isLost(running, later(JOB_MAX_SECONDS + 1))).toBe(true);
    expect(isLost({ ...running, state: 'succeeded' }, later(JOB_MAX_SECONDS * 10))).toBe(false);
  });
});
