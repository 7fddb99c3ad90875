/**
 * The score history of one item (the audit trail) as a rater reads it from the scoring panel: the
 * entries of the items assigned to them at the unit, their own marks but never another rater's
 * (independent rating), and nothing of a unit they are not assigned to or must recuse from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/schemas/scoring';
import type { TestApi } from './harness';
import { createScoringApi } from './scoring-harness';

const UNIT = '/api/years/2026/units/luoyang-thc';

describe('score history for the rater', () => {
  let api: TestApi;
  const history = (as: string, query: string) => api.call('GET', `${UNIT}/audit?${query}`, { as });

  beforeAll(async () => {
    api = await createScoringApi();
    // Prepare: a verified value of 1.1 (Q3) and two raters' marks of the rating leaf 3.4 (Q4)
    const verify = await api.call('PUT', `${UNIT}/periods/Q3/scores/1.1`, {
      as: 'rater-jiceng',
      body: { version: 1, verifiedValue: 70, comment: '台账核实为 70%' },
    });
    const own = await api.call('PUT', `${UNIT}/periods/Q4/scores/3.4`, {
      as: 'rater-jiceng',
      body: { version: 0, points: 4, comment: '个别月份台账缺失' },
    });
    const other = await api.call('PUT', `${UNIT}/periods/Q4/scores/3.4`, {
      as: 'rater-yizheng',
      body: { version: 0, points: 3.5, comment: '制度执行不到位' },
    });
    expect([verify.status, own.status, other.status]).toEqual([200, 200, 200]);
  }, 120_000);
  afterAll(() => api.close());

  it('shows the assigned rater who changed an item, when, from what to what and why', async () => {
    // Act
    const res = await history('rater-jiceng', 'code=1.1&period=Q3');
    // Assess
    expect(res.status).toBe(200);
    const entries = res.body as AuditEntry[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: 'verify',
      by: 'rater-jiceng',
      byName: expect.any(String),
      period: 'Q3',
      code: '1.1',
      new: { verifiedValue: 70 },
      reason: '台账核实为 70%',
    });
    expect(entries[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('shows a rater their own marks of a rating leaf, never another rater’s', async () => {
    const mine = (await history('rater-jiceng', 'code=3.4&period=Q4')).body as AuditEntry[];
    const theirs = (await history('rater-yizheng', 'code=3.4&period=Q4')).body as AuditEntry[];
    const admin = (await history('admin', 'code=3.4&period=Q4')).body as AuditEntry[];
    expect(mine.map((e) => e.by)).toEqual(['rater-jiceng']);
    expect(theirs.map((e) => e.by)).toEqual(['rater-yizheng']);
    expect(admin.map((e) => e.by).sort()).toEqual(['rater-jiceng', 'rater-yizheng']);
  });

  it('lists only the items assigned to the rater when no item is named', async () => {
    const res = await history('rater-jiceng', '');
    expect(res.status).toBe(200);
    const entries = res.body as AuditEntry[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.by === 'rater-jiceng')).toBe(true);
  });

  it('refuses a rater not assigned to the unit (403) and says so in Chinese', async () => {
    const res = await history('rater-fuyou', 'code=1.1&period=Q3');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(JSON.stringify(res.body)).not.toContain('verifiedValue');
  });

  it('refuses a unit member, who reads no score history (403)', async () => {
    expect((await history('luoyang-thc-head', 'code=1.1')).status).toBe(403);
  });
});
