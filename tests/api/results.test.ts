import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/domain/canonical-json';
import { computeResults, parseScenario } from '../../shared/domain/scoring';
import type { Results } from '../../shared/schemas/results';
import { createTestApi, type TestApi } from './harness';
import { exportedWorkbook, publishByJob } from './job-steps';
import { acknowledgeAll, afterWindows, openPublicity, readiness } from './year-steps';

describe('results, publication and the published site', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ history: true });
  }, 120_000);
  afterAll(() => api.close());

  const categoryOf = (results: Results, categoryId: string) =>
    results.categories.find((c) => c.categoryId === categoryId)!;

  it('ranks last year by category, with a vetoed unit last and graded 不合格', async () => {
    const res = await api.call('GET', '/api/years/2025/results', { as: 'leader' });
    expect(res.status).toBe(200);
    const county = categoryOf(res.body, 'county-medical');
    expect(county.units.map((u) => u.rank)).toEqual(
      [...county.units.map((u) => u.rank)].sort((a, b) => a - b),
    );
    const last = county.units.at(-1)!;
    expect(last.unitId).toBe('railway-hospital');
    expect(last).toMatchObject({ vetoed: true, grade: '不合格' });
    expect(last.vetoReason).toContain('火灾');
  });

  it('caps a bonus beyond the year cap of 5 points', async () => {
    const res = await api.call('GET', '/api/years/2025/results', { as: 'admin' });
    const hospital = categoryOf(res.body, 'county-medical').units.find(
      (u) => u.unitId === 'county-hospital',
    )!;
    expect(hospital.bonusCents).toBe(600);
    expect(hospital.bonusAppliedCents).toBe(500);
    expect(hospital.finalCents).toBe(hospital.baseCents + 500 - hospital.penaltyAppliedCents);
  });

  it('shows a unit head only their own unit, and refuses another unit’s detail with 403', async () => {
    const own = await api.call('GET', '/api/years/2026/results?asOf=Q3', { as: 'luoyang-thc-head' });
    const other = await api.call('GET', '/api/years/2026/units/hesha-thc/results', {
      as: 'luoyang-thc-head',
    });
    expect(own.status).toBe(200);
    expect(
      own.body.categories.flatMap((c: Results['categories'][number]) => c.units.map((u) => u.unitId)),
    ).toEqual(['luoyang-thc']);
    expect(other.status).toBe(403);
    expect(JSON.stringify(other.body)).not.toContain('河沙');
  });

  it('explains every leaf of a unit and gives its quarter trend', async () => {
    const res = await api.call('GET', '/api/years/2026/units/luoyang-thc/results?asOf=Q3', {
      as: 'luoyang-thc-reporter',
    });
    expect(res.status).toBe(200);
    expect(res.body.trend.map((t: { period: string }) => t.period)).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
    const scored = res.body.unit.leaves.filter(
      (l: { flags: string[] }) => !l.flags.includes('not_yet_assessed'),
    );
    expect(scored.length).toBeGreaterThan(5);
    for (const leaf of scored) expect(leaf.explanation).toMatch(/\d/);
  });

  it('refuses to publish a year that is not through publicity, naming its state', async () => {
    const res = await api.call('POST', '/api/years/2026/jobs/publication', {
      as: 'admin',
      body: { confirm: true },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('WRONG_STATE');
  });

  it('publishes an immutable snapshot whose results anyone recomputes byte for byte with npm run score', async () => {
    // Prepare: walk the year through publicity (windows closed, committee done, 5 days of 公示).
    await openPublicity(api, 2026);
    api.setNow(new Date(afterWindows(2026).getTime() + 6 * 86_400_000));
    const checklist = await readiness(api, 2026, 'published');
    // Act
    const published = await publishByJob(api, 2026, { acknowledgements: acknowledgeAll(checklist) });
    // Assess
    expect(published).toMatchObject({ year: 2026, version: 1 });
    expect((await api.call('GET', '/api/years/2026', { as: 'leader' })).body.state).toBe('published');
    const dir = join(api.rankingsDir, '2026');
    const scenarioJson = readFileSync(join(dir, 'scenario.json'), 'utf8');
    const resultsJson = readFileSync(join(dir, 'results.json'), 'utf8');
    expect(resultsJson).toBe(`${canonicalJson(computeResults(parseScenario(JSON.parse(scenarioJson))))}\n`);
    const scenarioFile = join(api.rankingsDir, 'scenario-copy.json');
    writeFileSync(scenarioFile, scenarioJson);
    const cli = execFileSync('npx', ['tsx', 'scripts/score.ts', scenarioFile], { encoding: 'utf8' });
    expect(cli).toBe(resultsJson);
    const page = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(page).toContain('洛阳镇卫生院');
    expect(page).toContain(`results  sha256 ${published.resultsSha256}`);
  }, 240_000);

  it('makes a correction a new version that says what it replaces, keeping the old one readable', async () => {
    const withoutReason = await api.call('POST', '/api/years/2026/jobs/publication', {
      as: 'admin',
      body: { confirm: true },
    });
    expect(withoutReason.status).toBe(400);
    expect(withoutReason.body.error.details[0].path).toBe('body.reason');
    const corrected = await publishByJob(api, 2026, { reason: '申诉成立，更正洛阳镇卫生院综合管理得分' });
    expect(corrected.replaces).toEqual({ version: 1, reason: '申诉成立，更正洛阳镇卫生院综合管理得分' });
    const versions = await api.call('GET', '/api/years/2026/publications', { as: 'leader' });
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(readFileSync(join(api.rankingsDir, '2026', 'v1', 'snapshot.json'), 'utf8')).toContain(
      '"version": 1',
    );
    expect(readFileSync(join(api.rankingsDir, '2026', 'index.html'), 'utf8')).toContain('本版更正第 1 版');
  });

  it('exports the ranking as a workbook with a sheet per category', async () => {
    const book = await exportedWorkbook(api, '/api/years/2025/jobs/results-export', {}, 'leader');
    expect(book.worksheets.map((w) => w.name)).toEqual([
      '县级医疗机构',
      '公共卫生机构',
      '基层医疗卫生机构',
      '指标得分明细',
    ]);
  });
});
