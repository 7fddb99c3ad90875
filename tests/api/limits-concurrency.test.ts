/**
 * Every "only once" rule under a burst of parallel requests (a double click, a retry storm, two
 * admins at once): exactly one request wins, every other one answers 409, and the store holds one
 * change, not one per request. (The 20-files limit has its own test with the evidence.)
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUnitFacts } from '../../shared/db/facts-repo';
import { listNotifications } from '../../shared/db/notification-repo';
import { listProposals } from '../../shared/db/proposal-repo';
import { listDrafts, listSnapshots } from '../../shared/db/results-repo';
import { getPeriodSubmission } from '../../shared/db/submission-repo';
import { proposeBonus } from './event-fixtures';
import { CURRENT_YEAR, createTestApi, type TestApi } from './harness';
import { pollJob, recomputeByJob, startJob } from './job-steps';
import { createFixtureUnit, fillQ2, IN_Q2, unitPeriodPath } from './submissions-fixtures';
import { acknowledgeAll, afterWindows, decidePending, finishScoring, readiness } from './year-steps';

const Y = CURRENT_YEAR;
const BURST = 30;

/** Fires `n` copies of a request at once and counts the answers by status. */
const burst = async (n: number, send: (i: number) => Promise<{ status: number }>) => {
  const answers = await Promise.all(Array.from({ length: n }, (_, i) => send(i)));
  const counts: Record<number, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
};

describe('limits that hold under a burst of parallel requests', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ now: IN_Q2 });
  });
  afterAll(() => api.close());

  it('takes one final submission per period, whatever the idempotency keys', async () => {
    // Prepare
    const unit = await createFixtureUnit(api);
    await fillQ2(api, unit);
    // Act
    const counts = await burst(BURST, (i) =>
      api.call('POST', `${unitPeriodPath(unit.unitId)}/submission`, {
        as: unit.head,
        body: {},
        headers: { 'idempotency-key': `burst-submit-${i}-${randomUUID()}` },
      }),
    );
    // Assess
    expect(counts).toEqual({ 200: 1, 409: BURST - 1 });
    const record = await getPeriodSubmission(api.db, { year: Y, unitId: unit.unitId, period: 'Q2' });
    expect(record?.rounds).toHaveLength(1);
  });

  it('keeps one pending amendment, decides it once, and takes one signature of the new revision', async () => {
    // Prepare: a locked agreement of the demo.
    const path = `/api/years/${Y}/agreements/furong-thc`;
    const current = (await api.call('GET', path, { as: 'admin' })).body;
    const customisation = {
      ...current.customisation,
      targets: { ...current.customisation.targets, '2.1': 87 },
    };
    // Act 1: proposals at once (each a different reason).
    const proposals = await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        api.call('POST', `${path}/amendments`, {
          as: 'admin',
          body: { version: current.version, reason: `县政府调整任务 ${i}`, customisation },
        }),
      ),
    );
    // Assess 1
    expect(proposals.filter((r) => r.status === 201)).toHaveLength(1);
    expect(proposals.filter((r) => r.status === 409)).toHaveLength(BURST - 1);
    const amendments = (await api.call('GET', `${path}/amendments`, { as: 'admin' })).body;
    expect(amendments.filter((a: { state: string }) => a.state === 'pending')).toHaveLength(1);
    const pending = amendments.find((a: { state: string }) => a.state === 'pending');
    // Act 2: decisions at once.
    const version = (await api.call('GET', path, { as: 'admin' })).body.version;
    const decisions = await burst(BURST, (i) =>
      api.call('POST', `${path}/amendments/${pending.id}/decision`, {
        as: 'admin',
        body: { version, approve: i % 2 === 0, note: '同意' },
      }),
    );
    expect(decisions).toEqual({ 200: 1, 409: BURST - 1 });
    const issued = (await api.call('GET', path, { as: 'admin' })).body;
    if (issued.state !== 'issued') return; // the winner rejected it: nothing to sign
    // Act 3: signatures at once.
    const signatures = await burst(BURST, () =>
      api.call('POST', `${path}/sign`, {
        as: 'furong-thc-head',
        body: { version: issued.version, contentHash: issued.contentHash, signerName: '杨秀英' },
      }),
    );
    expect(signatures).toEqual({ 200: 1, 409: BURST - 1 });
    const versions = (await api.call('GET', `${path}/versions`, { as: 'admin' })).body;
    expect(versions.at(-1)).toMatchObject({ revision: issued.revision, signature: expect.any(Object) });
  });

  it('decides a bonus proposal once', async () => {
    // Prepare
    const proposed = await proposeBonus(api.call);
    expect(proposed.status).toBe(201);
    const p = proposed.body;
    // Act: approvals and rejections at once.
    const counts = await burst(BURST, (i) =>
      api.call('POST', `/api/years/${Y}/units/${p.unitId}/proposals/${p.kind}/${p.id}/decision`, {
        as: 'admin',
        body:
          i % 2
            ? { decision: 'approve', version: p.version }
            : { decision: 'reject', version: p.version, reason: '材料不足' },
      }),
    );
    // Assess
    expect(counts).toEqual({ 200: 1, 409: BURST - 1 });
    const stored = (await listProposals(api.db, Y)).find((q) => q.id === p.id);
    expect(stored).toMatchObject({ version: p.version + 1 });
  });

  it('decides an inspection once: its deductions count once', async () => {
    // Prepare
    const created = await api.call('POST', `/api/years/${Y}/inspections`, {
      as: 'inspector-jijian',
      body: {
        unitId: 'hesha-thc',
        kind: '明查',
        date: `${Y}-06-08`,
        team: ['inspector-xingfeng'],
        findings: [{ itemCode: 'XF-01', note: '住院押金未开收据' }],
      },
    });
    expect(created.status).toBe(201);
    const before = (await loadUnitFacts(api.db, Y, 'hesha-thc')).deductions.length;
    // Act
    const counts = await burst(BURST, () =>
      api.call('POST', `/api/years/${Y}/units/hesha-thc/inspections/${created.body.id}/decision`, {
        as: 'admin',
        body: { decision: 'approve', version: created.body.version },
      }),
    );
    // Assess
    expect(counts).toEqual({ 200: 1, 409: BURST - 1 });
    expect((await loadUnitFacts(api.db, Y, 'hesha-thc')).deductions.length).toBe(before + 1);
  });

  describe('through publicity to publication', () => {
    const yearVersion = async () => (await api.call('GET', `/api/years/${Y}`, { as: 'admin' })).body.version;

    it('moves the year once, freezing one draft: two admins opening publicity at once share one job', async () => {
      // Prepare: the windows closed, the committee's work and the approvals done (the checklists clear).
      api.setNow(afterWindows(Y));
      const forScoring = acknowledgeAll(await readiness(api, Y, 'scoring'));
      const toScoring = await burst(BURST, async () =>
        api.call('POST', `/api/years/${Y}/transitions`, {
          as: 'admin',
          body: { to: 'scoring', version: await yearVersion(), acknowledgements: forScoring },
        }),
      );
      expect(toScoring[200]).toBe(1);
      await finishScoring(api, Y);
      await decidePending(api, Y);
      const forPublicity = acknowledgeAll(await readiness(api, Y, 'publicity'));
      const version = await yearVersion();
      // Act: ten starts at once from two admins (进入结果公示 is a job)
      const starts = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          api.call('POST', `/api/years/${Y}/jobs/publicity`, {
            as: i % 2 ? 'admin2' : 'admin',
            body: { version, acknowledgements: forPublicity },
          }),
        ),
      );
      // Assess: one job; a start that came after it finished is refused (the year moved), none is another job
      const jobIds = new Set(starts.filter((s) => s.status === 202).map((s) => s.body.job.id));
      expect(jobIds.size).toBe(1);
      expect(starts.filter((s) => s.status === 202 && s.body.created)).toHaveLength(1);
      for (const refused of starts.filter((s) => s.status !== 202)) {
        expect(refused.status).toBe(409);
        expect(['WRONG_STATE', 'STALE_VERSION']).toContain(refused.body.error.code);
      }
      expect((await pollJob(api, [...jobIds][0] as string)).job.state).toBe('succeeded');
      expect(await listDrafts(api.db, Y)).toHaveLength(1);
      expect((await api.call('GET', `/api/years/${Y}`, { as: 'admin' })).body).toMatchObject({
        state: 'publicity',
        version: version + 1,
      });
    }, 120_000); // the whole committee's scoring of the year, then two moves

    it('decides an objection once, notifying the unit once', async () => {
      const filed = await api.call('POST', `/api/years/${Y}/objections`, {
        as: 'luoyang-thc-head',
        body: {
          code: '3.4',
          reason: '综合管理现场检查时资料已补齐，评分未考虑补充材料',
          evidence: '补充材料清单',
        },
      });
      expect(filed.status).toBe(201);
      const before = (await listNotifications(api.db, 'luoyang-thc-head')).items.length;
      const counts = await burst(BURST, (i) =>
        api.call('POST', `/api/years/${Y}/units/luoyang-thc/objections/${filed.body.id}/decision`, {
          as: 'admin',
          body: {
            decision: i % 2 ? 'upheld' : 'rejected',
            reason: '经复核，维持原评分结果',
            version: filed.body.version,
          },
        }),
      );
      expect(counts).toEqual({ 200: 1, 409: BURST - 1 });
      expect((await listNotifications(api.db, 'luoyang-thc-head')).items.length).toBe(before + 1);
    });

    it('publishes the year once', async () => {
      // Prepare: an upheld objection answered by a recomputed draft, and the publicity days over.
      const upheld = await api.call('GET', `/api/years/${Y}/objections?state=rescoring`, { as: 'admin' });
      if (upheld.body.length > 0) {
        await recomputeByJob(api, Y, {
          reason: '申诉成立，重新计算',
          objectionIds: upheld.body.map((o: { id: string }) => o.id),
        });
      }
      api.setNow(new Date(afterWindows(Y).getTime() + 6 * 86_400_000));
      expect((await readiness(api, Y, 'published')).blockers).toEqual([]);
      // Act: ten starts at once, each with a reason too (the form may always send one)
      const starts = await Promise.all(
        Array.from({ length: 10 }, () =>
          startJob(api, `/api/years/${Y}/jobs/publication`, {
            confirm: true,
            reason: '公示期满，无异议，予以发布',
          }),
        ),
      );
      // Assess: one job for all ten, which publishes once (no copy turned into a correction)
      expect(new Set(starts.map((s) => s.job.id)).size).toBe(1);
      expect(starts.filter((s) => s.created)).toHaveLength(1);
      expect((await pollJob(api, starts[0]!.job.id)).job.state).toBe('succeeded');
      expect(await listSnapshots(api.db, Y)).toHaveLength(1);
    }, 60_000);
  });

  it('creates a year and a unit id once', async () => {
    const years = await burst(BURST, () =>
      api.call('POST', '/api/years', { as: 'admin', body: { year: Y + 1 } }),
    );
    const units = await burst(BURST, (i) =>
      api.call('POST', '/api/units', {
        as: 'admin',
        body: {
          id: 'baiyang-thc',
          name: `白杨镇卫生院${i}`,
          categoryId: 'primary-care',
          head: '罗建军',
          contacts: [],
        },
      }),
    );
    expect(years).toEqual({ 201: 1, 409: BURST - 1 });
    expect(units).toEqual({ 201: 1, 409: BURST - 1 });
  });
});
