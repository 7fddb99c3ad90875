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

  it('gives a year with no earlier one the bureau’s usual settings', async () => {
    const res = await api.call('POST', '/api/years', { as: 'admin', body: { year: 2020 } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ periodWeights: { Q1: 10, Q2: 10, Q3: 10, Q4: 70 }, publicityDays: 5 });
    expect(res.body.periods[0]).toEqual({
      period: 'Q1',
      opensAt: '2020-03-25T09:00:00+08:00',
      closesAt: '2020-04-10T18:00:00+08:00',
    });
  });
});

describe('changing a year’s settings while it is in 年初设置', () => {
  let api: TestApi;
  const next = CURRENT_YEAR + 1;
  /** The year as the admin reads it, and its settings as the body of a PUT. */
  const read = async (year: number) => {
    const { body } = await api.call('GET', `/api/years/${year}`, { as: 'admin' });
    const { year: _y, title: _t, state: _s, version, history: _h, ...settings } = body;
    return { year: body, settings, version };
  };
  /** PUTs the year's settings as read, with `changes` on top. */
  const put = async (year: number, changes: Record<string, unknown>, as = 'admin') => {
    const before = await read(year);
    const res = await api.call('PUT', `/api/years/${year}/settings`, {
      as,
      body: { ...before.settings, version: before.version, ...changes },
    });
    return { before, res };
  };
  beforeAll(async () => {
    api = await createTestApi();
    await api.call('POST', '/api/years', { as: 'admin', body: { year: next } });
  });
  afterAll(() => api.close());

  it('saves the rater consistency thresholds, and names a bad one in Chinese', async () => {
    // Act
    const { res } = await put(next, { consistency: { leniencyPercent: 8, minCoRatedItems: 3 } });
    const bad = await put(next, { consistency: { leniencyPercent: 0, minCoRatedItems: 3 } });

    // Assess
    expect(res.status).toBe(200);
    expect(res.body.consistency).toEqual({ leniencyPercent: 8, minCoRatedItems: 3 });
    expect(bad.res.status).toBe(400);
    expect(bad.res.body.error.details).toEqual([
      expect.objectContaining({
        path: 'body.consistency.leniencyPercent',
        message: expect.stringContaining('评分尺度偏差阈值'),
      }),
    ]);
    expect((await read(next)).year.consistency).toEqual({ leniencyPercent: 8, minCoRatedItems: 3 });
  });

  it('saves new weights and title with a new version, the history unchanged', async () => {
    // Act
    const { before, res } = await put(next, {
      periodWeights: { Q1: 10, Q2: 20, Q3: 20, Q4: 50 },
      penaltyCapCents: null,
      title: '明年的考核',
    });

    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      year: next,
      title: '明年的考核',
      state: 'setup',
      version: before.version + 1,
      periodWeights: { Q1: 10, Q2: 20, Q3: 20, Q4: 50 },
      penaltyCapCents: null,
      history: before.year.history,
    });
    expect((await read(next)).year).toEqual(res.body);
  });

  it('names weights that do not sum to 100 and writes nothing', async () => {
    const { before, res } = await put(next, { periodWeights: { Q1: 10, Q2: 10, Q3: 10, Q4: 10 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: 'body.periodWeights', message: '四个季度的权重之和须为 100' },
    ]);
    expect((await read(next)).year).toEqual(before.year);
  });

  it('refuses a stale version and writes nothing', async () => {
    const version = (await read(next)).version;
    const { before, res } = await put(next, { publicityDays: 9, version: version - 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('STALE_VERSION');
    expect((await read(next)).year).toEqual(before.year);
  });

  it('refuses a year already under way, naming its state', async () => {
    const { before, res } = await put(CURRENT_YEAR, { publicityDays: 9 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('WRONG_STATE');
    expect(res.body.error.message).toContain('考核进行中');
    expect((await read(CURRENT_YEAR)).year).toEqual(before.year);
  });

  it('refuses anyone but the admin', async () => {
    const { before, res } = await put(next, { publicityDays: 9 }, 'leader');
    expect(res.status).toBe(403);
    expect((await read(next)).year).toEqual(before.year);
  });
});
