/**
 * The results job (计算考核结果) through the HTTP app: started, polled to its end, its per-category
 * runs equal to the whole-year engine run; a double start is one job; a category without units is
 * counted and adds nothing; a category that cannot be scored fails the job in the users' words. The
 * live limit is lowered to 0 units here, so the demo county year reads as a municipal one.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putCategory } from '../../shared/db/org-repo';
import { loadScenario } from '../../shared/db/results-repo';
import { withoutLeaves } from '../../shared/domain/results/by-category';
import { computeResults, parseScenario } from '../../shared/domain/scoring';
import { computeResultsIfAbsent } from '../../shared/jobs/results-now';
import type { Period } from '../../shared/schemas/scenario';
import { CURRENT_YEAR, type TestApi } from './harness';
import { createScoringApi, makeUnscorable } from './scoring-harness';

const Y = `/api/years/${CURRENT_YEAR}`;

interface JobBody {
  id: string;
  type: string;
  state: string;
  progress: number;
  step?: string;
  result?: { summary: string; link?: string };
  error?: { code: string; message: string; details?: { path: string; message: string }[] };
}

describe('the results job', () => {
  let api: TestApi;

  const poll = async (jobId: string, as = 'admin') => {
    const seen: number[] = [];
    for (let i = 0; i < 1200; i++) {
      const res = await api.call('GET', `/api/jobs/${jobId}`, { as });
      expect(res.status).toBe(200);
      const job = res.body as JobBody;
      seen.push(job.progress);
      if (job.state === 'succeeded' || job.state === 'failed') return { job, seen };
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`job ${jobId} did not finish`);
  };
  const start = async (as = 'admin') => {
    const res = await api.call('POST', `${Y}/jobs/results`, { as, body: {} });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    return res.body as { job: JobBody; created: boolean };
  };
  /** The whole-year engine run on the same stored facts, as the results page keeps it. */
  const wholeYear = async (asOf: Period) =>
    withoutLeaves(
      computeResults(parseScenario(await loadScenario(api.db, CURRENT_YEAR)), { asOfPeriod: asOf }),
    );

  beforeAll(async () => {
    api = await createScoringApi({ liveResultsMaxUnits: 0 });
  }, 180_000);
  afterAll(() => api.close());

  it('shows no lines above the live limit before any computation, and says so', async () => {
    const res = await api.call('GET', `${Y}/results`, { as: 'leader' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: CURRENT_YEAR, asOfPeriod: 'Q4', categories: [], computed: null });
  });

  it('computes a seeded year above the limit once, as the demo does at start', async () => {
    expect(await computeResultsIfAbsent(api.db, CURRENT_YEAR, 0)).toBe(true);
    const res = await api.call('GET', `${Y}/results`, { as: 'admin' });
    expect(res.body.computed).toMatchObject({ computedBy: 'system', computedByName: '演示数据初始化' });
    expect(res.body.categories).toHaveLength(3);
    expect(await computeResultsIfAbsent(api.db, CURRENT_YEAR, 0)).toBe(false);
    // A county-size year stays live: nothing to compute.
    expect(await computeResultsIfAbsent(api.db, CURRENT_YEAR)).toBe(false);
  });

  it('computes the year per category: progress to 100, each quarter view equal to the whole-year run', async () => {
    // Act
    const started = await start();
    const { job, seen } = await poll(started.job.id);
    // Assess: the job
    expect(started).toMatchObject({ created: true, job: { type: 'results', label: '计算考核结果' } });
    expect(job.state, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.progress).toBe(100);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(job.result?.summary).toMatch(/^已计算 \d+ 个单位（3 个类别）的考核结果$/);
    // Assess: every quarter view, to the hundredth, with the same ranks and grades
    for (const asOf of ['Q2', 'Q4'] as const) {
      const res = await api.call('GET', `${Y}/results?asOf=${asOf}`, { as: 'leader' });
      expect(res.status).toBe(200);
      const { computed, ...results } = res.body;
      expect(results).toEqual(await wholeYear(asOf));
      expect(computed).toMatchObject({ jobId: job.id, computedBy: 'admin', computedByName: '王建华' });
      expect(Date.parse(computed.computedAt)).not.toBeNaN();
    }
  });

  it('answers a unit head only their own unit’s line from the stored run', async () => {
    const res = await api.call('GET', `${Y}/results?asOf=Q4`, { as: 'luoyang-thc-head' });
    expect(res.status).toBe(200);
    const lines = res.body.categories.flatMap((c: { units: { unitId: string }[] }) =>
      c.units.map((u) => u.unitId),
    );
    expect(lines).toEqual(['luoyang-thc']);
  });

  it('starts one job for a double click, and a leader may start and follow it', async () => {
    // Act
    const [a, b] = await Promise.all([start(), start('leader')]);
    // Assess
    expect(a.job.id).toBe(b.job.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect((await poll(a.job.id, 'leader')).job.state).toBe('succeeded');
    const again = await start();
    expect(again.created).toBe(true);
    await poll(again.job.id);
  });

  it('refuses the start to a unit reporter (403), with no job', async () => {
    const res = await api.call('POST', `${Y}/jobs/results`, { as: 'luoyang-thc-reporter', body: {} });
    expect(res.status).toBe(403);
  });

  it('counts a category without units and adds nothing for it', async () => {
    // Prepare
    await putCategory(api.db, { id: 'no-units', name: '尚无单位的类别', sortOrder: 9 });
    // Act
    const { job } = await poll((await start()).job.id);
    // Assess
    expect(job.state).toBe('succeeded');
    expect(job.result?.summary).toMatch(/（4 个类别）/);
    const res = await api.call('GET', `${Y}/results`, { as: 'admin' });
    const { computed: _c, ...results } = res.body;
    expect(results).toEqual(await wholeYear('Q4'));
    expect(results.categories.map((c: { categoryId: string }) => c.categoryId)).not.toContain('no-units');
  });

  it('fails the job when a category cannot be scored, naming the category and the problem', async () => {
    // Prepare: a leaf of one signed agreement is given 5 more points than the template allows
    await makeUnscorable(api, CURRENT_YEAR, 'luoyang-thc');
    const before = await api.call('GET', `${Y}/results`, { as: 'admin' });
    // Act
    const { job } = await poll((await start()).job.id);
    // Assess: failed in Chinese, naming the category; the last good run is still what the page shows
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('VALIDATION_FAILED');
    expect(job.error?.message).toMatch(/^“基层医疗卫生机构”的结果计算失败：无法计分/);
    expect(job.error?.details?.length).toBeGreaterThan(0);
    const after = await api.call('GET', `${Y}/results`, { as: 'admin' });
    expect(after.body.computed.jobId).toBe(before.body.computed.jobId);
  });
});
