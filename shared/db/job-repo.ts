/**
 * Jobs in the table: the job item and its start lock. Starting writes both in one transaction whose
 * lock condition makes a second start of the same type and parameters (a double click) find the job
 * already there instead of creating another; finishing updates the job and deletes the lock in one.
 * A job moves queued → running → succeeded | failed, each move a conditional update, so a twice
 * delivered asynchronous invoke runs the job once.
 */
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { JOB_MAX_SECONDS, type JobState, type JobType } from '../domain/jobs/job';
import type { Db } from './client';
import { expiresAfter, getItem, guard, queryPages, stripKeys, type TxItem, tryTransact } from './items';
import { jobIndexes, jobKey, jobLockKey, userJobsQuery } from './keys';

/** A file a job wrote (exports): its object key in the evidence bucket and its download name. */
export interface JobFile {
  key: string;
  fileName: string;
  contentType: string;
}

/** A job as stored: its parameters, its lock and, once succeeded, what it produced. */
export interface StoredJob {
  id: string;
  type: JobType;
  year: number | null;
  params: Record<string, unknown>;
  lockId: string;
  state: JobState;
  progress: number;
  step?: string;
  startedBy: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  result?: { summary: string; link?: string; file?: JobFile };
  error?: { code: string; message: string; details?: { path: string; message: string }[] };
}

export type NewJob = Pick<StoredJob, 'type' | 'year' | 'params' | 'lockId' | 'startedBy'>;

export const getJob = (db: Db, jobId: string): Promise<StoredJob | undefined> =>
  getItem<StoredJob>(db, jobKey(jobId));

/**
 * Creates the job unless one of the same lock is queued or running; answers the job and whether
 * it is new. A lock left by a lost job (older than JOB_MAX_SECONDS) does not hold.
 */
export const createJob = async (
  db: Db,
  input: NewJob,
  at: Date,
): Promise<{ job: StoredJob; created: boolean }> => {
  for (let attempt = 0; attempt < 3; attempt++) {
    const job: StoredJob = {
      ...input,
      id: randomUUID(),
      state: 'queued',
      progress: 0,
      createdAt: at.toISOString(),
    };
    const items: TxItem[] = [
      {
        Put: {
          TableName: db.tableName,
          Item: {
            ...jobLockKey(input.lockId),
            entity: 'job-lock',
            jobId: job.id,
            expiresAt: expiresAfter(at, JOB_MAX_SECONDS),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': Math.floor(at.getTime() / 1000) },
        },
      },
      {
        Put: {
          TableName: db.tableName,
          Item: {
            ...jobKey(job.id),
            ...jobIndexes(job.startedBy, job.createdAt, job.id),
            entity: 'job',
            ...job,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
    const reasons = await tryTransact(db, items);
    if (!reasons) return { job, created: true };
    if (reasons[0] !== 'ConditionalCheckFailed') continue;
    const lock = await getItem<{ jobId: string }>(db, jobLockKey(input.lockId));
    const running = lock && (await getJob(db, lock.jobId));
    if (running) return { job: running, created: false };
    // The lock went with its job finishing between the two reads: try again.
  }
  throw new Error(`job lock ${input.lockId} could not be taken`);
};

/** One conditional update of a job; false when its condition did not hold. */
const updateJob = async (
  db: Db,
  jobId: string,
  set: Record<string, unknown>,
  condition: { states: readonly JobState[]; forwardOnly?: boolean },
): Promise<boolean> => {
  const names: Record<string, string> = { '#state': 'state' };
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  for (const [name, value] of Object.entries(set)) {
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    sets.push(`#${name} = :${name}`);
  }
  condition.states.forEach((s, i) => {
    values[`:s${i}`] = s;
  });
  try {
    await guard(() =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: jobKey(jobId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: `#state IN (${condition.states.map((_, i) => `:s${i}`).join(', ')})${
            condition.forwardOnly ? ' AND #progress <= :progress' : ''
          }`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      ),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

/** Queued → running; false when the job already started (a second delivery of the invoke). */
export const markRunning = (db: Db, jobId: string, at: Date): Promise<boolean> =>
  updateJob(db, jobId, { state: 'running', startedAt: at.toISOString() }, { states: ['queued'] });

/**
 * Stores the progress of a running job (whole percent, never 100: see nextProgress), never backwards:
 * a fanned-out job's parts finish in any order, each writing the share done when it was counted.
 */
export const saveProgress = (db: Db, jobId: string, progress: number, step?: string): Promise<boolean> =>
  updateJob(db, jobId, step ? { progress, step } : { progress }, { states: ['running'], forwardOnly: true });

/**
 * Running → succeeded or failed, and the start lock released, in one transaction (with `alsoWrite`,
 * what the job leaves behind, e.g. the year's computed results record).
 */
export const finishJob = async (
  db: Db,
  job: Pick<StoredJob, 'id' | 'lockId'>,
  outcome: { result: NonNullable<StoredJob['result']> } | { error: NonNullable<StoredJob['error']> },
  at: Date,
  alsoWrite: TxItem[] = [],
): Promise<boolean> => {
  const succeeded = 'result' in outcome;
  const update: TxItem = {
    Update: {
      TableName: db.tableName,
      Key: jobKey(job.id),
      UpdateExpression:
        'SET #state = :state, finishedAt = :at, progress = :progress, #out = :out REMOVE step',
      ConditionExpression: '#state IN (:queued, :running)',
      ExpressionAttributeNames: { '#state': 'state', '#out': succeeded ? 'result' : 'error' },
      ExpressionAttributeValues: {
        ':state': succeeded ? 'succeeded' : 'failed',
        ':at': at.toISOString(),
        ':progress': succeeded ? 100 : 0,
        ':out': succeeded ? outcome.result : outcome.error,
        ':queued': 'queued',
        ':running': 'running',
      },
    },
  };
  const reasons = await tryTransact(db, [
    update,
    ...alsoWrite,
    {
      Delete: {
        TableName: db.tableName,
        Key: jobLockKey(job.lockId),
        // Only its own lock: a lost job's lock may have been taken over by a newer job.
        ConditionExpression: 'attribute_not_exists(pk) OR jobId = :id',
        ExpressionAttributeValues: { ':id': job.id },
      },
    },
  ]);
  if (reasons === null) return true;
  // The lock is another job's now (this one ran past its 15 minutes): record the outcome all the same.
  if (reasons[0] === 'None' && reasons.at(-1) === 'ConditionalCheckFailed')
    return (await tryTransact(db, [update, ...alsoWrite])) === null;
  return false;
};

/** A user's jobs, newest first: the last 20 (one page of the index, never the whole history). */
export const listUserJobs = async (db: Db, userId: string): Promise<StoredJob[]> => {
  const q = userJobsQuery(userId);
  for await (const page of queryPages(db, {
    IndexName: q.index,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': q.pk },
    ScanIndexForward: false,
    Limit: 20,
  })) {
    return (page.Items ?? []).map((item) => stripKeys<StoredJob>(item));
  }
  return [];
};
