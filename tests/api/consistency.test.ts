import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BORDERLINE_UNIT, LENIENT_RATER } from '../../scripts/seed/demo-facts';
import { buildConsistencyReport } from '../../shared/domain/consistency';
import { parseScenario } from '../../shared/domain/scoring';
import { createTestApi, type TestApi } from './harness';
import { downloadedWorkbook, pollJob, runJob, startJob } from './job-steps';

/** Last year of the demo: its rating leaves (annual, Q4) are scored by three raters per unit. */
const YEAR = 2025;

/** A sheet's rows as arrays of cell values (ExcelJS's rows start at index 1). */
const sheetRows = (book: ExcelJS.Workbook, name: string) =>
  (book.getWorksheet(name)?.getSheetValues() ?? [])
    .filter((row) => row !== undefined)
    .map((row) => (row as unknown[]).slice(1));

describe('rater consistency report', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ history: true });
  }, 120_000);
  afterAll(() => api.close());

  const path = `/api/years/${YEAR}/consistency`;

  it('gives the admin every rater’s line, computed from the scenario the engine scores', async () => {
    // Prepare
    const scenario = parseScenario(
      (await api.call('GET', `/api/years/${YEAR}/scenario`, { as: 'admin' })).body,
    );

    // Act
    const res = await api.call('GET', `${path}?period=Q4`, { as: 'admin' });

    // Assess
    expect(res.status).toBe(200);
    const expected = buildConsistencyReport(scenario, { period: 'Q4' });
    expect(
      res.body.raters.map((r: { raterId: string; leniencyBp: number }) => [r.raterId, r.leniencyBp]),
    ).toEqual(expected.raters.map((r) => [r.raterId, r.leniencyBp]));
    expect(res.body.raters.length).toBeGreaterThanOrEqual(3);
    expect(res.body.raters[0].raterName).not.toBe(res.body.raters[0].raterId);
    expect(res.body.indicators.length).toBeGreaterThan(0);
    expect(res.body.sensitivity).toHaveLength(res.body.raters.length);
    expect(res.body).toMatchObject({ year: YEAR, period: 'Q4', thresholds: { leniencyBp: 1000 } });
  });

  it('flags exactly the demo’s lenient rater this year, on the townships’ ratings', async () => {
    // Act
    const res = await api.call('GET', '/api/years/2026/consistency', { as: 'admin' });

    // Assess: LENIENT_RATER marks about a fifth of W above the other two raters.
    expect(res.status).toBe(200);
    const flagged = res.body.raters.filter((r: { flag: string | null }) => r.flag);
    expect(flagged).toEqual([
      expect.objectContaining({ raterId: LENIENT_RATER.raterId, raterName: '郭敏', flag: 'lenient' }),
    ]);
    expect(flagged[0].leniencyBp).toBeGreaterThan(1000);
    expect(flagged[0].coRatedItems).toBeGreaterThanOrEqual(5);
  });

  it('names the demo unit whose grade depends on the lenient rater, on the results so far', async () => {
    // Act: the demo year has Q1–Q3, so the results compared are those as of Q3 (graded on the score rate).
    const res = await api.call('GET', '/api/years/2026/consistency', { as: 'admin' });

    // Assess: 仙桥 is 良好 at 33.67 of 42 points so far (80.17 %); without 郭敏's marks 33.50 (79.76 %), 合格.
    expect(res.status).toBe(200);
    expect(res.body.asOfPeriod).toBe('Q3');
    const lenient = res.body.sensitivity.find(
      (s: { raterId: string }) => s.raterId === LENIENT_RATER.raterId,
    );
    expect(lenient.changes).toEqual([
      {
        unitId: BORDERLINE_UNIT.unitId,
        unitName: '仙桥街道社区卫生服务中心',
        categoryId: LENIENT_RATER.categoryId,
        finalCents: 3367,
        finalCentsWithout: 3350,
        rank: 9,
        rankWithout: 9,
        grade: '良好',
        gradeWithout: '合格',
      },
    ]);
  });

  it('exports the report by an export job, as a workbook whose rater sheet carries the flag', async () => {
    // Act
    const job = await runJob(api, '/api/years/2026/jobs/consistency-export', {});

    // Assess
    expect(job, JSON.stringify(job.error)).toMatchObject({ state: 'succeeded', type: 'consistency-export' });
    expect(job.result?.download?.fileName).toBe('2026年度全年评分一致性.xlsx');
    const book = await downloadedWorkbook(job);
    expect(book.worksheets.map((w) => w.name)).toEqual(['评分人', '指标评分一致程度', '去掉评分人后的变化']);
    const rows = sheetRows(book, '评分人');
    expect(rows.filter((row) => String(row.at(-1) ?? '').includes('评分尺度偏差'))).toEqual([
      [
        expect.stringContaining('郭敏'),
        42,
        42,
        expect.any(Number),
        expect.any(Number),
        expect.any(Number),
        expect.any(Number),
        expect.any(Number),
        '评分尺度偏差（偏宽）',
      ],
    ]);
    expect(sheetRows(book, '去掉评分人后的变化').flat()).toContain('仙桥街道社区卫生服务中心');
  });

  it('exports a rater’s own line only, a job another rater cannot read', async () => {
    // Act
    const started = await startJob(api, '/api/years/2026/jobs/consistency-export', {}, 'rater-jikong');
    const { job } = await pollJob(api, started.job.id, 'rater-jikong');
    const [byOther, byLeader] = await Promise.all([
      api.call('GET', `/api/jobs/${job.id}`, { as: 'rater-jiceng' }),
      api.call('GET', `/api/jobs/${job.id}`, { as: 'leader' }),
    ]);

    // Assess: one rater line (郭敏's), no indicator lines
    expect(job.state).toBe('succeeded');
    const book = await downloadedWorkbook(job);
    const raters = sheetRows(book, '评分人').slice(2);
    expect(raters).toHaveLength(1);
    expect(raters[0]?.[0]).toContain('郭敏');
    expect(sheetRows(book, '指标评分一致程度')).toHaveLength(1);
    expect(byOther.status).toBe(404);
    expect(byLeader.status).toBe(200);
  });

  it('refuses the old synchronous workbook route', async () => {
    const res = await api.call('GET', `${path}/export`, { as: 'admin' });
    expect(res.status).toBe(404);
  });

  it('shows the leader the same report as the admin', async () => {
    // Act
    const [admin, leader] = await Promise.all([
      api.call('GET', path, { as: 'admin' }),
      api.call('GET', path, { as: 'leader' }),
    ]);

    // Assess
    expect(leader.status).toBe(200);
    expect(leader.body).toEqual(admin.body);
  });

  it('shows a rater their own line only', async () => {
    // Act
    const res = await api.call('GET', path, { as: 'rater-jikong' });

    // Assess
    expect(res.status).toBe(200);
    expect(res.body.raters.map((r: { raterId: string }) => r.raterId)).toEqual(['rater-jikong']);
    expect(res.body.indicators).toEqual([]);
    expect(res.body.sensitivity.map((s: { raterId: string }) => s.raterId)).toEqual(['rater-jikong']);
  });

  it('refuses a unit role and an unknown period with a Chinese message', async () => {
    // Act
    const [reporter, badPeriod] = await Promise.all([
      api.call('GET', path, { as: 'luoyang-thc-reporter' }),
      api.call('GET', `${path}?period=Q5`, { as: 'admin' }),
    ]);

    // Assess
    expect(reporter.status).toBe(403);
    expect(badPeriod.status).toBe(400);
    expect(JSON.stringify(badPeriod.body)).toMatch(/[\u4e00-\u9fa5]/);
  });
});
