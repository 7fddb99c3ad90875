/**
 * The consistency job (计算评分一致性) through the HTTP app, with the live limit lowered to 0 units so
 * the demo year reads as a municipal one: no report before the first computation; a double start is
 * one job, polled to its end; the stored report read by the page equals the live computation (the
 * demo's lenient rater and the unit whose grade depends on her included); a rater reads only their
 * own line of it; a period's report is its own; the export job writes the stored report; a year that
 * cannot be scored fails the job saying why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BORDERLINE_UNIT, LENIENT_RATER } from '../../scripts/seed/demo-facts';
import { readComputedConsistency } from '../../shared/db/consistency-repo';
import { computeConsistencyReport } from '../../shared/results/consistency-report';
import { createTestApi, type TestApi } from './harness';
import { downloadedWorkbook, pollJob, runJob, startJob } from './job-steps';
import { makeUnscorable } from './scoring-harness';

const YEAR = 2026;
const Y = `/api/years/${YEAR}`;

describe('the consistency job (a municipal year)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ history: true, liveResultsMaxUnits: 0 });
  }, 120_000);
  afterAll(() => api.close());

  it('shows no report before the first computation, and says so', async () => {
    // Act
    const [admin, rater] = await Promise.all([
      api.call('GET', `${Y}/consistency`, { as: 'admin' }),
      api.call('GET', `${Y}/consistency`, { as: 'rater-jikong' }),
    ]);

    // Assess
    for (const res of [admin, rater]) {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        year: YEAR,
        period: null,
        raters: [],
        indicators: [],
        computed: null,
      });
    }
  });

  it('computes the year once for a double start; the page then reads the live computation, stored', async () => {
    // Act: two starts at once (a double click), then the job to its end
    const [a, b] = await Promise.all([
      startJob(api, `${Y}/jobs/consistency`, {}),
      startJob(api, `${Y}/jobs/consistency`, {}, 'leader'),
    ]);
    const { job, seen } = await pollJob(api, a.job.id);
    const res = await api.call('GET', `${Y}/consistency`, { as: 'admin' });

    // Assess: one job, its progress never back, its result; the stored report is the live one
    expect(b.job.id).toBe(a.job.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(job, JSON.stringify(job.error)).toMatchObject({ state: 'succeeded', progress: 100 });
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(job.result).toEqual({
      summary: expect.stringMatching(/^已计算2026年度全年的评分一致性（\d+ 位评分人）$/),
      link: `/results/consistency?year=${YEAR}`,
    });
    const { computed, ...report } = res.body;
    expect(computed).toMatchObject({ jobId: job.id, computedBy: a.created ? 'admin' : 'leader' });
    expect(report).toEqual(await computeConsistencyReport(api.db, YEAR, {}));
    // The demo: 郭敏 is the one flagged, and 仙桥's grade depends on her marks.
    expect(report.raters.filter((r: { flag: string | null }) => r.flag)).toEqual([
      expect.objectContaining({ raterId: LENIENT_RATER.raterId, raterName: '郭敏', flag: 'lenient' }),
    ]);
    const lenient = report.sensitivity.find((s: { raterId: string }) => s.raterId === LENIENT_RATER.raterId);
    expect(lenient.changes).toEqual([
      expect.objectContaining({
        unitId: BORDERLINE_UNIT.unitId,
        unitName: '仙桥街道社区卫生服务中心',
        grade: '良好',
        gradeWithout: '合格',
      }),
    ]);
  });

  it('shows a rater only their own line of the stored report, which holds every rater', async () => {
    // Prepare: the stored report has the other raters' lines
    const stored = await readComputedConsistency(api.db, YEAR, null);
    expect(stored?.report.raters.length).toBeGreaterThanOrEqual(3);
    expect(stored?.report.indicators.length).toBeGreaterThan(0);

    // Act
    const [own, other] = await Promise.all([
      api.call('GET', `${Y}/consistency`, { as: 'rater-jikong' }),
      api.call('GET', `${Y}/consistency`, { as: 'rater-jiceng' }),
    ]);

    // Assess: each rater their own line and sensitivity, as the live report for them only
    for (const [res, raterId] of [
      [own, 'rater-jikong'],
      [other, 'rater-jiceng'],
    ] as const) {
      expect(res.status).toBe(200);
      expect(res.body.raters.map((r: { raterId: string }) => r.raterId)).toEqual([raterId]);
      expect(res.body.sensitivity.map((s: { raterId: string }) => s.raterId)).toEqual([raterId]);
      expect(res.body.indicators).toEqual([]);
      const { computed: _c, ...report } = res.body;
      expect(report).toEqual(await computeConsistencyReport(api.db, YEAR, { onlyRater: raterId }));
    }
    expect(JSON.stringify(own.body.raters)).not.toContain('rater-jiceng');
  });

  it('keeps a period’s report apart from the year’s, and refuses a rater the computation', async () => {
    // Act
    const before = await api.call('GET', `${Y}/consistency?period=Q1`, { as: 'admin' });
    const refused = await api.call('POST', `${Y}/jobs/consistency`, { as: 'rater-jikong', body: {} });
    const job = await runJob(api, `${Y}/jobs/consistency`, { period: 'Q1' }, 'leader');
    const after = await api.call('GET', `${Y}/consistency?period=Q1`, { as: 'leader' });

    // Assess
    expect(before.body.computed).toBeNull();
    expect(refused.status).toBe(403);
    expect(job.state).toBe('succeeded');
    expect(after.body).toMatchObject({
      period: 'Q1',
      computed: { jobId: job.id, computedByName: expect.any(String) },
    });
    const { computed: _c, ...report } = after.body;
    expect(report).toEqual(await computeConsistencyReport(api.db, YEAR, { period: 'Q1' }));
  });

  it('exports the stored report: every line for the admin, the rater’s own for a rater', async () => {
    // Prepare
    const stored = await readComputedConsistency(api.db, YEAR, null);

    // Act
    const [admin, rater] = await Promise.all([
      runJob(api, `${Y}/jobs/consistency-export`, {}),
      runJob(api, `${Y}/jobs/consistency-export`, {}, 'rater-jikong'),
    ]);

    // Assess: the rater sheet's lines (after its title and head rows) are the stored report's
    const lines = async (job: typeof admin) =>
      ((await downloadedWorkbook(job)).getWorksheet('评分人')?.getSheetValues() ?? [])
        .slice(3)
        .map((row) => (row as unknown[]).slice(1, 6));
    const asRow = (r: {
      raterName: string;
      itemsRated: number;
      coRatedItems: number;
      meanMarkBp: number;
      leniencyBp: number;
    }) => [r.raterName, r.itemsRated, r.coRatedItems, r.meanMarkBp / 100, r.leniencyBp / 100];
    expect(await lines(admin)).toEqual(stored?.report.raters.map(asRow));
    expect(await lines(rater)).toEqual(
      stored?.report.raters.filter((r) => r.raterId === LENIENT_RATER.raterId).map(asRow),
    );
  });

  it('fails the job when the year cannot be scored, saying why, and keeps showing the last report', async () => {
    // Prepare: a leaf of one signed agreement is given 5 more points than the template allows
    await makeUnscorable(api, YEAR, 'luoyang-thc');
    const before = await api.call('GET', `${Y}/consistency`, { as: 'admin' });

    // Act
    const job = await runJob(api, `${Y}/jobs/consistency`, {});

    // Assess
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('VALIDATION_FAILED');
    expect(job.error?.message).toMatch(/^无法计分/);
    expect(job.error?.details?.length).toBeGreaterThan(0);
    const after = await api.call('GET', `${Y}/consistency`, { as: 'admin' });
    expect(after.body.computed.jobId).toBe(before.body.computed.jobId);
  });
});
