/**
 * Indicator templates through the HTTP app: reading with the weight sum and problems, saving work in
 * progress, optimistic locking, copying last year's, and who may do what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoYear } from '../../scripts/seed/demo-year';
import { seedYear } from '../../shared/db/year-repo';
import { createTestApi, type TestApi } from './harness';

describe('indicator templates', () => {
  let api: TestApi;
  const path = (year: number, categoryId: string) => `/api/years/${year}/templates/${categoryId}`;
  const writable = (t: Record<string, unknown>) => ({
    title: t.title,
    partyA: t.partyA,
    dimensions: t.dimensions,
    unitTargets: t.unitTargets,
    version: t.version,
  });

  beforeAll(async () => {
    api = await createTestApi();
    await seedYear(api.db, demoYear(2027, 'setup'));
  });
  afterAll(() => api.close());

  it('answers a template with its running weight sum, leaf count and no problems', async () => {
    const res = await api.call('GET', path(2026, 'primary-care'), { as: 'leader' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      categoryName: '基层医疗卫生机构',
      title: '2026年度清河县卫生健康目标管理责任书',
      partyA: '清河县卫生健康局',
      totalW: '100.00',
      leafCount: 14,
      problems: [],
    });
    expect(res.body.dimensions[0].leaves[0]).toMatchObject({
      code: '1.1',
      name: '居民健康档案建档率',
      evidence: '居民健康档案管理系统统计报表、抽查档案名单',
      department: '基层卫生健康科',
      periods: ['Q1', 'Q2', 'Q3', 'Q4'],
    });
  });

  it('lists the year’s templates with their problem counts', async () => {
    const res = await api.call('GET', '/api/years/2026/templates', { as: 'admin' });
    expect(res.body.map((t: { categoryId: string }) => t.categoryId).sort()).toEqual([
      'county-medical',
      'primary-care',
      'public-health',
    ]);
    expect(
      res.body.every(
        (t: { problemCount: number; totalW: string }) => t.problemCount === 0 && t.totalW === '100.00',
      ),
    ).toBe(true);
  });

  it('refuses templates to unit roles, raters and inspectors (403)', async () => {
    for (const as of ['luoyang-thc-head', 'luoyang-thc-reporter', 'rater-jiceng', 'inspector-jijian']) {
      expect((await api.call('GET', path(2026, 'primary-care'), { as })).status).toBe(403);
    }
    const leaderWrites = await api.call('POST', `${path(2027, 'primary-care')}/copy`, {
      as: 'leader',
      body: { fromYear: 2026 },
    });
    expect(leaderWrites.status).toBe(403);
  });

  it('copies last year’s template as a start, moving the title to the new year', async () => {
    const res = await api.call('POST', `${path(2027, 'primary-care')}/copy`, {
      as: 'admin',
      body: { fromYear: 2026 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      year: 2027,
      version: 1,
      copiedFrom: 2026,
      title: '2027年度清河县卫生健康目标管理责任书',
      totalW: '100.00',
      problems: [],
    });
    const again = await api.call('POST', `${path(2027, 'primary-care')}/copy`, {
      as: 'admin',
      body: { fromYear: 2026 },
    });
    expect(again.status).toBe(409);
    const missing = await api.call('POST', `${path(2027, 'county-medical')}/copy`, {
      as: 'admin',
      body: { fromYear: 2019 },
    });
    expect(missing.status).toBe(404);
  });

  it('saves a template with problems as work in progress, naming each problem', async () => {
    // Prepare
    const current = (await api.call('GET', path(2027, 'primary-care'), { as: 'admin' })).body;
    const body = writable(current) as { dimensions: { name: string; leaves: Record<string, unknown>[] }[] };
    body.dimensions[0]!.leaves[1]!.rule = { type: 'linear', floor: 95 };
    body.dimensions[1]!.leaves[0]!.W = 10;
    // Act
    const res = await api.call('PUT', path(2027, 'primary-care'), { as: 'admin', body });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    expect(res.body.totalW).toBe('95.00');
    expect(res.body.problems).toEqual([
      {
        path: 'indicators[0].leaves[1].rule.floor',
        message: '指标 1.2：越高越好的指标零分值 F 须低于目标值 T（F = 95，T = 90）',
      },
      { path: 'indicators', message: '指标分值合计为 95.00，应为 100' },
    ]);
  });

  it('reports a planned unit target that does not fit its indicator, or a unit of another category', async () => {
    const current = (await api.call('GET', path(2027, 'primary-care'), { as: 'admin' })).body;
    const res = await api.call('PUT', path(2027, 'primary-care'), {
      as: 'admin',
      body: { ...writable(current), unitTargets: { 'luoyang-thc': { '1.1': 120 }, cdc: { '1.1': 90 } } },
    });
    expect(res.body.problems).toContainEqual({
      path: 'unitTargets.luoyang-thc.1.1',
      message: '单位 luoyang-thc：指标 1.1：目标值 120 超出比率范围 0–100%（计量单位：比率（0–100%））',
    });
    expect(res.body.problems).toContainEqual({ path: 'unitTargets.cdc', message: '单位 cdc 不属于本类别' });
  });

  it('refuses a stale version (409 STALE_VERSION) and a second creation (409)', async () => {
    const current = (await api.call('GET', path(2027, 'primary-care'), { as: 'admin' })).body;
    const stale = await api.call('PUT', path(2027, 'primary-care'), {
      as: 'admin',
      body: { ...writable(current), version: current.version - 1 },
    });
    const create = await api.call('PUT', path(2027, 'primary-care'), {
      as: 'admin',
      body: { ...writable(current), version: undefined },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_VERSION', currentVersion: current.version });
    expect(create.status).toBe(409);
  });

  it('refuses a malformed template (400), naming the field', async () => {
    const current = (await api.call('GET', path(2027, 'primary-care'), { as: 'admin' })).body;
    const body = writable(current) as { dimensions: { leaves: Record<string, unknown>[] }[] };
    body.dimensions[0]!.leaves[0]!.W = '八';
    const res = await api.call('PUT', path(2027, 'primary-care'), { as: 'admin', body });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('body.dimensions.0.leaves.0.W');
  });

  it('refuses changes in a year whose results are published (409)', async () => {
    const res = await api.call('POST', `${path(2025, 'primary-care')}/copy`, {
      as: 'admin',
      body: { fromYear: 2026 },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('WRONG_STATE');
  });
});
