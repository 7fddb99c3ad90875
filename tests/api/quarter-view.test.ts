/**
 * A quarter view (截至第三季度) grades on the score rate as 预计等级, not on partial points as if they
 * were the year's (issue 12): through the HTTP app on the demo year.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../shared/schemas/results';
import { createTestApi, type TestApi } from './harness';

describe('results as of a quarter', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  }, 120_000);
  afterAll(() => api.close());

  it('gives each unit its score rate and grades it on that rate with the 90/80/60 lines', async () => {
    // Act
    const res = await api.call('GET', '/api/years/2026/results?asOf=Q3', { as: 'leader' });
    // Assess
    expect(res.status).toBe(200);
    const units = (res.body as Results).categories.flatMap((c) => c.units);
    expect(units.length).toBe(25);
    for (const unit of units) {
      const rate = unit.scoreRateBasisPoints as number;
      expect(rate).toBe(unit.maxCents > 0 ? Math.round((unit.baseCents * 10_000) / unit.maxCents) : 10_000);
      if (unit.vetoed) expect(unit.grade).toBe('不合格');
      else if (rate >= 8000) expect(['优秀', '良好']).toContain(unit.grade);
      else if (rate >= 6000) expect(unit.grade).toBe('合格');
      else expect(unit.grade).toBe('不合格');
    }
  });

  it('grades the full year on the final score, without a rate', async () => {
    const res = await api.call('GET', '/api/years/2026/results?asOf=Q4', { as: 'leader' });
    const units = (res.body as Results).categories.flatMap((c) => c.units);
    expect(units.every((u) => u.scoreRateBasisPoints === undefined)).toBe(true);
  });
});
