/**
 * The job store against DynamoDB Local: a lost job's lock lapses for a new start, and when the lost
 * job finishes after all its outcome is recorded without taking the new job's lock.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../../shared/db/client';
import { ensureTable } from '../../shared/db/create-table';
import { createJob, finishJob, getJob, listUserJobs, markRunning } from '../../shared/db/job-repo';
import { JOB_MAX_SECONDS, jobLockId } from '../../shared/domain/jobs/job';

describe('the job store', () => {
  let db: Db;
  const start = new Date('2026-12-01T08:00:00Z');
  const later = (seconds: number) => new Date(start.getTime() + seconds * 1000);
  const input = {
    type: 'reminders' as const,
    year: null,
    params: {},
    lockId: jobLockId('reminders', { year: null }),
    startedBy: 'admin',
  };

  beforeAll(async () => {
    db = createDb({ tableName: `jobs-${randomUUID()}`, endpoint: inject('ddbEndpoint') });
    await ensureTable(db.raw, db.tableName);
  });
  afterAll(() => db.raw.destroy());

  it('lets a new start take a lost job’s lock, and still records the lost job’s late outcome', async () => {
    // Prepare: a job that started and was lost
    const lost = await createJob(db, input, start);
    expect(await markRunning(db, lost.job.id, start)).toBe(true);
    // Act
    const during = await createJob(db, input, later(60));
    const after = await createJob(db, input, later(JOB_MAX_SECONDS + 1));
    const finished = await finishJob(
      db,
      lost.job,
      { result: { summary: '迟到的结果' } },
      later(JOB_MAX_SECONDS + 5),
    );
    const again = await createJob(db, input, later(JOB_MAX_SECONDS + 10));
    // Assess
    expect(during).toMatchObject({ created: false, job: { id: lost.job.id } });
    expect(after.created).toBe(true);
    expect(finished).toBe(true);
    expect(await getJob(db, lost.job.id)).toMatchObject({ state: 'succeeded', progress: 100 });
    // The new job's lock held: a start meanwhile joins it.
    expect(again).toMatchObject({ created: false, job: { id: after.job.id } });
    expect(await markRunning(db, lost.job.id, later(JOB_MAX_SECONDS + 20))).toBe(false);
    expect((await listUserJobs(db, 'admin')).map((j) => j.id)).toEqual([after.job.id, lost.job.id]);
  });
});
