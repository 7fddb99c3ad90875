/**
 * A publication that stops after its snapshot committed (docs/results.md): the ranking site's
 * writer or the notices fail, the year is published all the same. The job says so in the admin's
 * words, and running the publication again — or 重新生成公布页面 — finishes that same version: no
 * new version, no correction reason, each unit told once. 重新生成公布页面 also writes a published
 * version's site again on demand.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUsers } from '../../shared/db/org-repo';
import { createTestApi, type TestApi } from './harness';
import { runJob, startJob } from './job-steps';
import { acknowledgeAll, afterWindows, openPublicity, readiness } from './year-steps';

const Y = 2026;
const DAY = 86_400_000;

describe('a publication that stops after its snapshot committed', () => {
  let api: TestApi;
  let siteFails = false;
  let noticesFailAfter: number | undefined;
  let unitPeople: string[] = [];

  /** The results_published notices each unit person holds, by version. */
  const noticesByPerson = async () => {
    const held: Record<string, string[]> = {};
    for (const userId of unitPeople) {
      const { body } = await api.call('GET', '/api/notifications', { as: userId });
      held[userId] = body.items
        .filter((n: { kind: string }) => n.kind === 'results_published')
        .map((n: { body: string }) => /第 (\d+) 版/.exec(n.body)?.[1])
        .sort();
    }
    return held;
  };
  const everyoneHolds = (versions: string[]) =>
    Object.fromEntries(unitPeople.map((userId) => [userId, versions]));
  const publications = async () =>
    (await api.call('GET', `/api/years/${Y}/publications`, { as: 'admin' })).body;

  beforeAll(async () => {
    api = await createTestApi({
      siteStore: (folder) => ({
        write: async (files) => {
          if (siteFails) throw new Error('S3 PutObject: connection reset');
          await folder.write(files);
        },
      }),
    });
    // The notices' writes fail after a few have gone through (a store outage mid-way).
    api.db.raw.middlewareStack.add(
      (next) => async (args) => {
        const input = JSON.stringify((args as { input: unknown }).input);
        if (noticesFailAfter !== undefined && input.includes('results_published')) {
          if (noticesFailAfter <= 0) {
            throw Object.assign(new Error('socket timed out'), { name: 'TimeoutError', $metadata: {} });
          }
          noticesFailAfter--;
        }
        return next(args);
      },
      { step: 'serialize', priority: 'low', name: 'failNotices' },
    );
    unitPeople = (await listUsers(api.db)).filter((u) => u.unitId).map((u) => u.id);
    expect(unitPeople.length).toBeGreaterThan(3);
  }, 120_000);
  afterAll(() => api.close());

  it('refuses 重新生成公布页面 of a year not yet published, and to a unit', async () => {
    const early = await api.call('POST', `/api/years/${Y}/jobs/site`, { as: 'admin', body: {} });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: 'WRONG_STATE',
      message: expect.stringContaining('尚未发布'),
    });
    const unit = await api.call('POST', '/api/years/2025/jobs/site', {
      as: 'luoyang-thc-reporter',
      body: {},
    });
    expect(unit.status).toBe(403);
  });

  it('says the year is published but its site not written, and a second run writes the site of that same version', async () => {
    // Prepare: the year through publicity; the site writer failing
    await openPublicity(api, Y);
    api.setNow(new Date(afterWindows(Y).getTime() + 6 * DAY));
    const acknowledgements = acknowledgeAll(await readiness(api, Y, 'published'));
    siteFails = true;
    // Act
    const failed = await runJob(api, `/api/years/${Y}/jobs/publication`, { confirm: true, acknowledgements });
    const afterFailure = await publications();
    siteFails = false;
    // The admin comes back the next day, without a reason: nothing is corrected, the publication is finished.
    api.setNow(new Date(afterWindows(Y).getTime() + 7 * DAY));
    const finished = await runJob(api, `/api/years/${Y}/jobs/publication`, { confirm: true });
    // Assess: the failure names what is done and what to do; the year is published
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatchObject({
      code: 'PUBLICATION_UNFINISHED',
      message: expect.stringContaining('第 1 版结果已发布，公布页面尚未生成'),
    });
    expect(afterFailure).toEqual([expect.objectContaining({ version: 1, siteDue: true, noticesDue: true })]);
    expect((await api.call('GET', `/api/years/${Y}`, { as: 'admin' })).body.state).toBe('published');
    // …and the second run finished version 1: its site written, everyone told once
    expect(finished).toMatchObject({
      state: 'succeeded',
      result: { summary: expect.stringContaining('已完成第 1 版考核结果的发布') },
    });
    const versions = await publications();
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, siteWrittenAt: expect.any(String) });
    expect(versions[0]).not.toHaveProperty('replaces');
    expect(versions[0]).not.toHaveProperty('siteDue');
    expect(versions[0]).not.toHaveProperty('noticesDue');
    expect(existsSync(join(api.rankingsDir, String(Y), 'index.html'))).toBe(true);
    expect(await noticesByPerson()).toEqual(everyoneHolds(['1']));
  }, 240_000);

  it('finishes notices that stopped half-way with 重新生成公布页面, telling nobody twice', async () => {
    // Prepare: a correction whose notices fail after a few were written
    noticesFailAfter = 3;
    const failed = await runJob(api, `/api/years/${Y}/jobs/publication`, {
      confirm: true,
      reason: '申诉成立，更正洛阳镇卫生院综合管理得分',
    });
    const afterFailure = await publications();
    noticesFailAfter = undefined;
    // Act
    const site = await runJob(api, `/api/years/${Y}/jobs/site`, {});
    // Assess
    expect(failed.error).toMatchObject({
      code: 'PUBLICATION_UNFINISHED',
      message: expect.stringContaining('第 2 版结果已发布，公布页面已生成，通知尚未全部发出'),
    });
    expect(afterFailure.at(-1)).toMatchObject({ version: 2, noticesDue: true });
    expect(afterFailure.at(-1)).not.toHaveProperty('siteDue');
    expect(site).toMatchObject({
      state: 'succeeded',
      result: { summary: '已重新生成第 2 版考核结果的公布页面' },
    });
    const versions = await publications();
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(versions[1]).not.toHaveProperty('noticesDue');
    expect(await noticesByPerson()).toEqual(everyoneHolds(['1', '2']));
  }, 120_000);

  it('writes a published version’s site again on demand, without a new version; a double start is one job', async () => {
    // Prepare: the site gone (a bucket emptied by mistake)
    rmSync(join(api.rankingsDir, String(Y)), { recursive: true, force: true });
    const before = await publications();
    // Act
    const first = await startJob(api, `/api/years/${Y}/jobs/site`, {});
    const second = await startJob(api, `/api/years/${Y}/jobs/site`, {});
    const done = await runJob(api, `/api/years/${Y}/jobs/site`, {});
    await api.jobsIdle();
    // Assess
    expect(first.job.label).toBe('重新生成公布页面');
    expect(second).toMatchObject({ created: false, job: { id: first.job.id } });
    expect(done.state).toBe('succeeded');
    expect(existsSync(join(api.rankingsDir, String(Y), 'index.html'))).toBe(true);
    const after = await publications();
    expect(after.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(after[1].siteWrittenAt >= before[1].siteWrittenAt).toBe(true);
    expect(await noticesByPerson()).toEqual(everyoneHolds(['1', '2']));
  }, 120_000);
});
