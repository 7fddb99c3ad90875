/**
 * The main writes of a year (save a value, submit, score, approve, publish — a job) while a seeded SDK
 * middleware fails about 20 % of store calls with throttling, a transaction conflict or a timeout —
 * faults DynamoDB Local cannot produce. Every request answers 2xx or 503 (never 409 or 500 for a
 * fault), a client that retries its 503s gets through, and afterwards the store holds exactly the
 * acknowledged changes: no half transaction, no counter off by one, no audit entry without its change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser } from '../../shared/db/org-repo';
import { listProposals } from '../../shared/db/proposal-repo';
import { listDrafts, listSnapshots } from '../../shared/db/results-repo';
import { getPeriodSubmission, listItems } from '../../shared/db/submission-repo';
import { proposeBonus } from './event-fixtures';
import { createTestApi, type TestApi } from './harness';
import { runJob } from './job-steps';
import { createScoringApi } from './scoring-harness';
import {
  createFixtureUnit,
  GOOD_VALUES,
  IN_Q2,
  itemPath,
  Q2_CODES,
  unitPeriodPath,
} from './submissions-fixtures';
import {
  acknowledgeAll,
  afterWindows,
  decidePending,
  finishScoring,
  openPublicity,
  readyForPublicity,
} from './year-steps';

const Y = 2026;
const FAULT_RATE = 0.2;
const SCORED_UNITS = ['luoyang-thc', 'furong-thc', 'hesha-thc'];

/** mulberry32: the same faults on every run. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const sdkError = (name: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 }, ...extra });

/** One injected fault; the call never reaches the store (as a refused connection or a throttle). */
const fault = (command: string, pick: number): Error => {
  if (pick < 1 / 3)
    return sdkError('ThrottlingException', 'Rate of requests exceeds the allowed throughput.');
  if (pick < 2 / 3 && /^TransactWrite/.test(command)) {
    return sdkError('TransactionCanceledException', 'Transaction cancelled', {
      CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
    });
  }
  return Object.assign(new Error('socket timed out'), { name: 'TimeoutError', $metadata: {} });
};

describe('the main writes while 20 % of store calls fail', () => {
  let api: TestApi;
  let armed = false;
  const injected: Record<string, number> = {};

  beforeAll(async () => {
    api = await createScoringApi();
    await seedUser(api.db, {
      id: 'rater-faults',
      name: '评委故障',
      title: '考核组成员',
      roles: ['rater'],
      unitId: null,
      affiliatedUnitIds: [],
    });
    const assigned = await api.call('POST', `/api/years/${Y}/assignments`, {
      as: 'admin',
      body: { period: 'Q4', code: '3.4', raterIds: ['rater-faults'], unitIds: SCORED_UNITS },
    });
    expect(assigned.status).toBe(200);
    // Seed 14 gives every kind of fault (throttles, timeouts and a conflicted transaction) on this path.
    const random = seeded(14);
    // Inside the retry loop (deserialize step), like a real fault: the SDK retries it, the deadline holds.
    api.db.raw.middlewareStack.add(
      (next, context) => async (args) => {
        if (armed && random() < FAULT_RATE) {
          const error = fault(context.commandName ?? '', random());
          injected[error.name] = (injected[error.name] ?? 0) + 1;
          throw error;
        }
        return next(args);
      },
      { step: 'deserialize', name: 'injectFaults' },
    );
  }, 180_000);
  afterAll(() => api.close());

  const statuses: number[] = [];
  /** A client that retries a 503 (as the web does after Retry-After); every answer is recorded. */
  const call = async (...args: Parameters<TestApi['call']>) => {
    for (let attempt = 1; ; attempt++) {
      const res = await api.call(...args);
      statuses.push(res.status);
      if (res.status !== 503 || attempt === 10) return res;
      expect(res.headers.get('retry-after')).toBe('5');
    }
  };

  it('answers 2xx or 503 to every request, and leaves only whole changes behind', async () => {
    // Prepare: a unit of its own, in the Q2 window.
    api.setNow(IN_Q2);
    const unit = await createFixtureUnit(api);
    const period = { year: Y, unitId: unit.unitId, period: 'Q2' as const };
    // The harness reads users from the store to sign their tokens: sign them before the faults begin.
    for (const user of [
      unit.reporter,
      unit.head,
      'rater-faults',
      'xinyan-thc-head',
      'admin',
      'inspector-jijian',
    ])
      await api.token(user);
    armed = true;

    // Act 1: save every value, then the final submission (one idempotency key, retried).
    for (const code of Q2_CODES) {
      const saved = await call('PUT', itemPath(unit.unitId, code), {
        as: unit.reporter,
        body: { value: GOOD_VALUES[code] ?? null, narrative: `${code} 情况说明`, version: 0 },
      });
      expect(saved.status).toBe(200);
    }
    const submitted = await call('POST', `${unitPeriodPath(unit.unitId)}/submission`, {
      as: unit.head,
      body: {},
      headers: { 'idempotency-key': 'fault-injection-submit-0001' },
    });
    expect(submitted.status).toBe(200);

    // Act 2: score, propose and approve a bonus, record and approve an inspection.
    api.setNow(new Date('2026-11-26T10:00:00+08:00'));
    for (const unitId of SCORED_UNITS) {
      const scored = await call('PUT', `/api/years/${Y}/units/${unitId}/periods/Q4/scores/3.4`, {
        as: 'rater-faults',
        body: { version: 0, points: 2.5, comment: '综合管理有待加强' },
      });
      expect(scored.status).toBe(200);
    }
    const proposed = await proposeBonus(call);
    expect(proposed.status).toBe(201);
    const approved = await call(
      'POST',
      `/api/years/${Y}/units/xinyan-thc/proposals/bonus/${proposed.body.id}/decision`,
      { as: 'admin', body: { decision: 'approve', version: proposed.body.version } },
    );
    expect(approved.status).toBe(200);
    const inspection = await call('POST', `/api/years/${Y}/inspections`, {
      as: 'inspector-jijian',
      body: {
        unitId: 'yandian-thc',
        kind: '明查',
        date: `${Y}-10-08`,
        team: ['inspector-xingfeng'],
        findings: [{ itemCode: 'XF-01', note: '住院押金未开收据' }],
      },
    });
    expect(inspection.status).toBe(201);
    const decided = await call(
      'POST',
      `/api/years/${Y}/units/yandian-thc/inspections/${inspection.body.id}/decision`,
      {
        as: 'admin',
        body: { decision: 'approve', version: inspection.body.version },
      },
    );
    expect(decided.status).toBe(200);

    // Act 3: the year through publicity to publication. What its checklists need first (the windows
    // closed, the committee's remaining work, the pending veto decided) is done without faults.
    armed = false;
    api.setNow(afterWindows(Y));
    await finishScoring(api, Y);
    await decidePending(api, Y);
    armed = true;
    const checklist = async (to: string) => {
      const body = (await call('GET', `/api/years/${Y}/transitions/${to}/readiness`, { as: 'admin' })).body;
      expect(body.blockers).toEqual([]);
      return acknowledgeAll(body);
    };
    const yearVersion = async () => (await call('GET', `/api/years/${Y}`, { as: 'admin' })).body.version;
    const toScoring = {
      to: 'scoring',
      version: await yearVersion(),
      acknowledgements: await checklist('scoring'),
    };
    expect((await call('POST', `/api/years/${Y}/transitions`, { as: 'admin', body: toScoring })).status).toBe(
      200,
    );
    // Opening publicity and publishing are jobs: a start is retried as any request; the job runs
    // alone until it ends (no polling while it runs). A job that a store fault ends shows as failed
    // with 503's code and message, and the admin starts it again, as the web offers (the seeded
    // faults fall on calls whose order varies with the job's progress writes, so a run may need a
    // second start).
    const runUntilDone = async (path: string, body: () => Promise<unknown>) => {
      let finished: Awaited<ReturnType<typeof call>> | undefined;
      for (let attempt = 1; attempt <= 5; attempt++) {
        const started = await call('POST', path, { as: 'admin', body: await body() });
        expect(started.status, JSON.stringify(started.body)).toBe(202);
        await api.jobsIdle();
        finished = await call('GET', `/api/jobs/${started.body.job.id}`, { as: 'admin' });
        if (finished.body.state !== 'failed') break;
        // A publication failing after its snapshot committed says the version is out, its site or
        // notices not yet done; the same start (no reason) finishes that version (docs/results.md).
        expect([
          { code: 'SERVICE_UNAVAILABLE', message: '数据服务暂时不可用，请稍后重试' },
          {
            code: 'PUBLICATION_UNFINISHED',
            message: expect.stringMatching(/^第 1 版结果已发布，公布页面(尚未生成|已生成，通知尚未全部发出)/),
          },
        ]).toContainEqual(finished.body.error);
      }
      expect(finished?.body, JSON.stringify(finished?.body.error)).toMatchObject({ state: 'succeeded' });
    };
    const forPublicity = await checklist('publicity');
    await runUntilDone(`/api/years/${Y}/jobs/publicity`, async () => ({
      version: await yearVersion(),
      acknowledgements: forPublicity,
    }));
    api.setNow(new Date(afterWindows(Y).getTime() + 6 * 86_400_000));
    await runUntilDone(`/api/years/${Y}/jobs/publication`, async () => ({ confirm: true }));
    armed = false;

    // Assess: faults happened, and each answer was a success or a 503.
    expect(Object.values(injected).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
    expect(Object.keys(injected).sort()).toEqual([
      'ThrottlingException',
      'TimeoutError',
      'TransactionCanceledException',
    ]);
    expect(statuses.filter((s) => !(s < 300 || s === 503))).toEqual([]);
    // Assess: exactly the acknowledged changes, once each.
    const items = await listItems(api.db, period);
    expect(items.map((i) => [i.code, i.status]).sort()).toEqual(Q2_CODES.map((c) => [c, 'submitted']).sort());
    expect((await getPeriodSubmission(api.db, period))?.rounds).toHaveLength(1);
    for (const unitId of SCORED_UNITS) {
      const audit = (await api.call('GET', `/api/years/${Y}/units/${unitId}/audit`, { as: 'admin' })).body;
      // The rating made under faults (the sheet's finalize, before publicity, is an entry of its own).
      const mine = audit.filter(
        (e: { kind: string }) => e.kind === 'rate' && JSON.stringify(e).includes('rater-faults'),
      );
      expect(mine).toHaveLength(1);
    }
    const proposal = (await listProposals(api.db, Y)).find((p) => p.id === proposed.body.id);
    expect(proposal).toMatchObject({ state: 'approved', version: 2 });
    const facts = await api.call(
      'GET',
      `/api/years/${Y}/units/yandian-thc/inspections/${inspection.body.id}`,
      {
        as: 'admin',
      },
    );
    expect(facts.body).toMatchObject({ state: 'approved', version: inspection.body.version + 1 });
    expect(await listDrafts(api.db, Y)).toHaveLength(1);
    const snapshots = await listSnapshots(api.db, Y);
    expect(snapshots).toHaveLength(1);
    // …and finished: its site written, its notices sent.
    expect(snapshots[0]).not.toHaveProperty('siteDue');
    expect(snapshots[0]).not.toHaveProperty('noticesDue');
    expect((await api.call('GET', `/api/years/${Y}`, { as: 'admin' })).body.state).toBe('published');
  }, 300_000);
});

describe('opening publicity whose store fails in the middle', () => {
  let api: TestApi;
  afterAll(() => api.close());

  it('leaves the year in 集中评分 without a draft, and a second start opens it with draft version 1', async () => {
    // Prepare: the checklist cleared, and a store that times out (every attempt) the write of draft 1
    // (the draft and the year's move are one transaction), as a fault after the whole year was read.
    api = await createTestApi({ now: new Date('2026-11-26T10:00:00+08:00') });
    await readyForPublicity(api, Y);
    const before = (await api.call('GET', `/api/years/${Y}`, { as: 'admin' })).body;
    const body = {
      version: before.version,
      acknowledgements: acknowledgeAll(
        (await api.call('GET', `/api/years/${Y}/transitions/publicity/readiness`, { as: 'admin' })).body,
      ),
    };
    let failing = true;
    api.db.raw.middlewareStack.add(
      (next, context) => async (args) => {
        const input = JSON.stringify((args as { input: unknown }).input);
        if (
          failing &&
          context.commandName === 'TransactWriteItemsCommand' &&
          input.includes('results-draft')
        ) {
          throw Object.assign(new Error('socket timed out'), { name: 'TimeoutError', $metadata: {} });
        }
        return next(args);
      },
      { step: 'serialize', priority: 'low', name: 'failDraftWrite' },
    );
    // Act
    const first = await runJob(api, `/api/years/${Y}/jobs/publicity`, body);
    const afterFailure = {
      year: (await api.call('GET', `/api/years/${Y}`, { as: 'admin' })).body,
      drafts: await listDrafts(api.db, Y),
    };
    failing = false;
    const retried = await runJob(api, `/api/years/${Y}/jobs/publicity`, body);
    // Assess: the failed job says to try again and left the year as it was; the second start opens it
    expect(first).toMatchObject({ state: 'failed', error: { message: expect.stringMatching(/请稍后重试/) } });
    expect(afterFailure).toEqual({ year: before, drafts: [] });
    expect(retried.id).not.toBe(first.id);
    expect(retried.state).toBe('succeeded');
    expect((await listDrafts(api.db, Y)).map((d) => [d.version, d.reason])).toEqual([[1, '开始公示']]);
    expect((await api.call('GET', `/api/years/${Y}`, { as: 'admin' })).body).toMatchObject({
      state: 'publicity',
      version: before.version + 1,
    });
  }, 120_000);
});

describe('a publication whose year write fails', () => {
  let api: TestApi;
  afterAll(() => api.close());

  it('leaves neither a snapshot without the year’s move nor a second snapshot after the retry', async () => {
    // Prepare: the year on publicity, and a store that times out (every attempt) the first write of the year item.
    api = await createTestApi({ now: new Date('2026-11-26T10:00:00+08:00') });
    await openPublicity(api, Y);
    api.setNow(new Date(afterWindows(Y).getTime() + 6 * 86_400_000));
    let failing = true;
    api.db.raw.middlewareStack.add(
      (next) => async (args) => {
        const input = (args as { input: Record<string, unknown> }).input;
        if (
          failing &&
          JSON.stringify(input).includes('"S":"YEAR#2026"') &&
          /"S":"published"/.test(JSON.stringify(input))
        ) {
          throw Object.assign(new Error('socket timed out'), { name: 'TimeoutError', $metadata: {} });
        }
        return next(args);
      },
      { step: 'serialize', priority: 'low', name: 'failYearWrite' },
    );
    // Act
    const first = await runJob(api, `/api/years/${Y}/jobs/publication`, { confirm: true });
    const afterFailure = await listSnapshots(api.db, Y);
    failing = false;
    const retried = await runJob(api, `/api/years/${Y}/jobs/publication`, { confirm: true });
    // Assess: the failed job says to try again; the second start is a new job that publishes once
    expect(first).toMatchObject({ state: 'failed', error: { message: expect.stringMatching(/请稍后重试/) } });
    expect(afterFailure).toEqual([]);
    expect(retried.id).not.toBe(first.id);
    expect(retried.state).toBe('succeeded');
    expect((await listSnapshots(api.db, Y)).map((s) => s.version)).toEqual([1]);
    expect((await api.call('GET', `/api/years/${Y}`, { as: 'admin' })).body.state).toBe('published');
  }, 60_000);
});
