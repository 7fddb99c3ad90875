/** Rater assignments: assigning units or a whole category, listing, 回避, and refusals. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from './harness';
import { createScoringApi } from './scoring-harness';

describe('rater assignments', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createScoringApi();
  }, 180_000);
  afterAll(() => api.close());

  it('assigns raters to a whole category and lists them by period, unit and code', async () => {
    // Act
    const res = await api.call('POST', '/api/years/2026/assignments', {
      as: 'admin',
      body: { period: 'Q2', code: '1.4', raterIds: ['rater-fuyou'], categoryId: 'primary-care' },
    });
    const again = await api.call('POST', '/api/years/2026/assignments', {
      as: 'admin',
      body: { period: 'Q2', code: '1.4', raterIds: ['rater-fuyou'], unitIds: ['hesha-thc'] },
    });
    const listed = await api.call(
      'GET',
      '/api/years/2026/assignments?period=Q2&code=1.4&raterId=rater-fuyou',
      {
        as: 'leader',
      },
    );
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 14, existing: 0 });
    expect(again.body).toMatchObject({ created: 0, existing: 1 });
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(14);
    const queue = await api.call('GET', '/api/years/2026/periods/Q2/scoring-queue?code=1.4', {
      as: 'rater-fuyou',
    });
    expect(queue.body.items).toHaveLength(14);
  });

  it('refuses a whole category when one rater is affiliated with one of its units (回避), writing nothing', async () => {
    const res = await api.call('POST', '/api/years/2026/assignments', {
      as: 'admin',
      body: { period: 'Q2', code: '1.4', raterIds: ['rater-zhongyi'], categoryId: 'county-medical' },
    });
    const listed = await api.call('GET', '/api/years/2026/assignments?period=Q2&raterId=rater-zhongyi', {
      as: 'admin',
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CONFLICT_OF_INTEREST' });
    expect(res.body.error.message).toContain('回避');
    expect(listed.body).toEqual([]);
  });

  it('refuses someone who is not a rater, an indicator not assessed in the period, and a missing target', async () => {
    const notRater = await api.call('POST', '/api/years/2026/assignments', {
      as: 'admin',
      body: { period: 'Q2', code: '1.4', raterIds: ['inspector-jijian'], unitIds: ['luoyang-thc'] },
    });
    const annual = await api.call('POST', '/api/years/2026/assignments', {
      as: 'admin',
      body: { period: 'Q2', code: '3.3', raterIds: ['rater-fuyou'], unitIds: ['luoyang-thc'] },
    });
    const neither = await api.call('POST', '/api/years/2026/assignments', {
      as: 'admin',
      body: { period: 'Q2', code: '1.4', raterIds: ['rater-fuyou'] },
    });
    const byRater = await api.call('POST', '/api/years/2026/assignments', {
      as: 'rater-fuyou',
      body: { period: 'Q2', code: '1.4', raterIds: ['rater-fuyou'], unitIds: ['luoyang-thc'] },
    });
    expect(notRater.status).toBe(400);
    expect(notRater.body.error.details[0].path).toBe('body.raterIds.0');
    expect(annual.status).toBe(400);
    expect(annual.body.error.details[0].path).toBe('body.code');
    expect(neither.status).toBe(400);
    expect(byRater.status).toBe(403);
  });

  it('lists a unit’s agreement to a rater while assigned to it, and no longer once the assignment moves', async () => {
    // Prepare
    const listed = async (as: string) =>
      ((await api.call('GET', '/api/years/2026/agreements', { as })).body as { unitId: string }[]).map(
        (a) => a.unitId,
      );
    const before = await listed('rater-caiwu');
    // Act
    const assigned = await api.call('POST', '/api/years/2026/assignments', {
      as: 'admin',
      body: { period: 'Q2', code: '1.4', raterIds: ['rater-caiwu'], unitIds: ['luoyang-thc'] },
    });
    const whileAssigned = await listed('rater-caiwu');
    const moved = await api.call('POST', '/api/years/2026/assignments/reassign', {
      as: 'admin',
      body: {
        period: 'Q2',
        unitId: 'luoyang-thc',
        code: '1.4',
        fromRaterId: 'rater-caiwu',
        toRaterId: 'rater-zhongyi',
        reason: '人员调整',
      },
    });
    // Assess
    expect(before).not.toContain('luoyang-thc');
    expect(assigned.body).toMatchObject({ created: 1 });
    expect(whileAssigned).toContain('luoyang-thc');
    expect(moved.status).toBe(200);
    expect(await listed('rater-caiwu')).toEqual(before);
    expect(await listed('rater-zhongyi')).toContain('luoyang-thc');
  });

  it('refuses to reassign to a conflicted rater (409) and an assignment that does not exist (404)', async () => {
    const conflicted = await api.call('POST', '/api/years/2026/assignments/reassign', {
      as: 'admin',
      body: {
        period: 'Q3',
        unitId: 'luoyang-thc',
        code: '1.1',
        fromRaterId: 'rater-jiceng',
        toRaterId: 'inspector-both',
        reason: '人员调整',
      },
    });
    const missing = await api.call('POST', '/api/years/2026/assignments/reassign', {
      as: 'admin',
      body: {
        period: 'Q3',
        unitId: 'luoyang-thc',
        code: '1.1',
        fromRaterId: 'rater-fuyou',
        toRaterId: 'rater-caiwu',
        reason: '人员调整',
      },
    });
    expect(conflicted.status).toBe(409);
    expect(conflicted.body.error.code).toBe('CONFLICT_OF_INTEREST');
    expect(missing.status).toBe(404);
  });
});
