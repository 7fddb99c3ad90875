import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LENIENT_RATER } from '../../scripts/seed/demo-facts';
import { buildConsistencyReport } from '../../shared/domain/consistency';
import { parseScenario } from '../../shared/domain/scoring';
import { createTestApi, type TestApi } from './harness';

/** Last year of the demo: its rating leaves (annual, Q4) are scored by three raters per unit. */
const YEAR = 2025;

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
