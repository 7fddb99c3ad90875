/**
 * A unit's results page above the live limit (docs/municipal.md): its category's totals, rank and
 * trend from the latest results run, its indicator lines scored from its own facts only; the same
 * page as computing its category live when nothing changed since the run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAgreement } from '../../shared/db/agreement-repo';
import { loadScenario } from '../../shared/db/results-repo';
import { computeResults, parseScenario } from '../../shared/domain/scoring';
import { computeResultsIfAbsent } from '../../shared/jobs/results-now';
import { CURRENT_YEAR, type TestApi } from './harness';
import { createScoringApi } from './scoring-harness';

const Y = CURRENT_YEAR;
const UNIT = 'luoyang-thc';

describe('a unit’s results page from the stored run', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createScoringApi({ liveResultsMaxUnits: 0 });
  }, 180_000);
  afterAll(() => api.close());

  it('answers 404 before any results run', async () => {
    const res = await api.call('GET', `/api/years/${Y}/units/${UNIT}/results?asOf=Q3`, { as: 'admin' });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('尚未计算');
  });

  it('shows what computing its category live shows: lines, totals, rank and trend', async () => {
    // Prepare: the run, and the category computed live as the page did below the limit
    await computeResultsIfAbsent(api.db, Y, 0);
    const agreement = await getAgreement(api.db, Y, UNIT);
    const scenario = parseScenario(
      await loadScenario(api.db, Y, undefined, { categoryId: agreement?.categoryId }),
    );
    const live = (period: 'Q1' | 'Q2' | 'Q3' | 'Q4') =>
      computeResults(scenario, { asOfPeriod: period }).categories[0];

    // Act
    const res = await api.call('GET', `/api/years/${Y}/units/${UNIT}/results?asOf=Q3`, { as: 'admin' });

    // Assess
    expect(res.status).toBe(200);
    const q3 = live('Q3');
    const unit = q3?.units.find((u) => u.unitId === UNIT);
    expect(unit?.leaves.length).toBeGreaterThan(0);
    expect(res.body.unit).toEqual(unit);
    expect(res.body.category).toEqual({
      categoryId: q3?.categoryId,
      name: q3?.name,
      unitCount: q3?.unitCount,
      excellentQuota: q3?.excellentQuota,
    });
    expect(res.body.trend).toEqual(
      (['Q1', 'Q2', 'Q3', 'Q4'] as const).map((period) => {
        const u = live(period)?.units.find((x) => x.unitId === UNIT);
        return { period, finalCents: u?.finalCents, baseCents: u?.baseCents, rank: u?.rank };
      }),
    );
  });
});
