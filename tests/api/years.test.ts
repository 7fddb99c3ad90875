/** Setting up the next appraisal year through the API (新建考核年度). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_YEAR, createTestApi, type TestApi } from './harness';

describe('creating an appraisal year', () => {
  let api: TestApi;
  const next = CURRENT_YEAR + 1;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('refuses anyone but the admin', async () => {
    const res = await api.call('POST', '/api/years', { as: 'leader', body: { year: next } });
    expect(res.status).toBe(403);
    expect((await api.call('GET', `/api/years/${next}`, { as: 'admin' })).status).toBe(404);
  });

  it('names bad settings and writes nothing', async () => {
    const current = (await api.call('GET', `/api/years/${CURRENT_YEAR}`, { as: 'admin' })).body;
    const { year: _y, title: _t, state: _s, version: _v, history: _h, ...settings } = current;
    const res = await api.call('POST', '/api/years', {
      as: 'admin',
      body: { year: next, settings: { ...settings, periodWeights: { Q1: 10, Q2: 10, Q3: 10, Q4: 10 } } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: 'body.settings.periodWeights', message: '四个季度的权重之和须为 100' },
    ]);
    const bad = await api.call('POST', '/api/years', { as: 'admin', body: { year: 1999 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.year');
    expect((await api.call('GET', `/api/years/${next}`, { as: 'admin' })).status).toBe(404);
  });

  it('carries this year’s settings into the next, in 年初设置, and refuses it twice', async () => {
    const res = await api.call('POST', '/api/years', { as: 'admin', body: { year: next } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      year: next,
      title: `${next}年度卫生健康目标责任考核`,
      state: 'setup',
      version: 1,
      periodWeights: { Q1: 10, Q2: 10, Q3: 10, Q4: 70 },
      history: [{ state: 'setup', by: 'admin' }],
    });
    expect(res.body.periods[3]).toEqual({
      period: 'Q4',
      opensAt: `${next}-12-20T09:00:00+08:00`,
      closesAt: `${next + 1}-01-10T18:00:00+08:00`,
    });
    const again = await api.call('POST', '/api/years', { as: 'admin', body: { year: next } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(`${next} 年度考核已存在`);
    const list = await api.call('GET', '/api/years', { as: 'luoyang-thc-reporter' });
    expect(list.body[0].year).toBe(next);
  });
});
