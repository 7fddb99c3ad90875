/**
 * Draft results versions (公示结果版本): opening publicity freezes version 1; an upheld objection is
 * rescored through the scoring workflow and the committee computes version 2 (a job), shown with its diff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_YEAR, type TestApi } from './harness';
import { recomputeByJob } from './job-steps';
import { createScoringApi } from './scoring-harness';
import { openPublicity } from './year-steps';

const Y = `/api/years/${CURRENT_YEAR}`;

describe('draft results versions during publicity', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createScoringApi();
  });
  afterAll(() => api.close());

  it('refuses a recomputation before publicity', async () => {
    const res = await api.call('POST', `${Y}/jobs/draft`, { as: 'admin', body: { reason: '提前试算结果' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('WRONG_STATE');
  });

  it('freezes version 1 when publicity opens, with nothing to compare it to', {
    timeout: 180_000,
  }, async () => {
    // A Q4 rating before publicity, so the objection below has a score to dispute.
    const rated = await api.call('PUT', `${Y}/units/luoyang-thc/periods/Q4/scores/3.4`, {
      as: 'rater-yizheng',
      body: { version: 0, points: 3, comment: '管理台账缺失较多' },
    });
    expect(rated.status).toBe(200);
    await openPublicity(api, CURRENT_YEAR);
    const list = await api.call('GET', `${Y}/drafts`, { as: 'leader' });
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ version: 1, reason: '开始公示', computedBy: 'admin' });
    const detail = await api.call('GET', `${Y}/drafts/1`, { as: 'admin' });
    expect(detail.body.diff).toBeNull();
  });

  it('computes version 2 after an upheld objection is rescored, listing what changed', async () => {
    const filed = await api.call('POST', `${Y}/objections`, {
      as: 'luoyang-thc-head',
      body: { code: '3.4', reason: '管理台账已于检查后补齐，请重新评分', evidence: '台账补充说明' },
    });
    expect(filed.status).toBe(201);
    const upheld = await api.call('POST', `${Y}/units/luoyang-thc/objections/${filed.body.id}/decision`, {
      as: 'admin',
      body: { decision: 'upheld', reason: '补充材料属实，重新评分', version: 1 },
    });
    expect(upheld.status).toBe(200);
    // The rater's Q4 sheet was finalized before publicity: the admin reopens it for the rescoring.
    const reopened = await api.call('POST', `${Y}/periods/Q4/raters/rater-yizheng/sheet/reopen`, {
      as: 'admin',
      body: { reason: '申诉成立，重新评分' },
    });
    expect(reopened.status).toBe(200);
    const rescored = await api.call('PUT', `${Y}/units/luoyang-thc/periods/Q4/scores/3.4`, {
      as: 'rater-yizheng',
      body: { version: 1, points: 5, comment: '台账已补齐' },
    });
    expect(rescored.status).toBe(200);

    const unknown = await api.call('POST', `${Y}/jobs/draft`, {
      as: 'admin',
      body: { reason: '申诉成立后重新评分', objectionIds: ['not-an-objection'] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('body.objectionIds.0');
    expect((await api.call('GET', `${Y}/drafts`, { as: 'admin' })).body).toHaveLength(1);

    const byHead = await api.call('POST', `${Y}/jobs/draft`, {
      as: 'luoyang-thc-head',
      body: { reason: '申诉成立后重新评分' },
    });
    expect(byHead.status).toBe(403);

    const v2 = await recomputeByJob(api, CURRENT_YEAR, {
      reason: '申诉成立后重新评分',
      objectionIds: [filed.body.id],
    });
    expect(v2.header).toMatchObject({ version: 2, objectionIds: [filed.body.id] });
    expect(v2.diff.against).toBe(1);
    expect(v2.diff.rescoredUnits).toBe(1);
    const luoyang = v2.diff.units.find((u: { unitId: string }) => u.unitId === 'luoyang-thc');
    expect(luoyang.leaves).toEqual([expect.objectContaining({ code: '3.4', name: '综合管理' })]);
    const [leaf] = luoyang.leaves;
    expect(leaf.afterCents).toBeGreaterThan(leaf.beforeCents);
    expect(luoyang.after.finalCents - luoyang.before.finalCents).toBe(leaf.afterCents - leaf.beforeCents);
    // Everyone else only moved in rank, if at all.
    for (const other of v2.diff.units.filter((u: { unitId: string }) => u.unitId !== 'luoyang-thc')) {
      expect(other.leaves).toEqual([]);
      expect(other.after.finalCents).toBe(other.before.finalCents);
    }
    const live = await api.call('GET', `${Y}/units/luoyang-thc/results`, { as: 'admin' });
    expect(live.body.unit.finalCents).toBe(luoyang.after.finalCents);

    // The objection's rescoring task is done, and the objector is told the figures before and after.
    const answered = await api.call('GET', `${Y}/objections?state=answered`, { as: 'admin' });
    expect(answered.body).toEqual([
      expect.objectContaining({
        id: filed.body.id,
        answer: expect.objectContaining({
          draftVersion: 2,
          leafBeforeCents: leaf.beforeCents,
          leafAfterCents: leaf.afterCents,
          finalBeforeCents: luoyang.before.finalCents,
          finalAfterCents: luoyang.after.finalCents,
        }),
      }),
    ]);
    expect((await api.call('GET', `${Y}/objections?state=rescoring`, { as: 'admin' })).body).toEqual([]);
    const notes = await api.call('GET', '/api/notifications', { as: 'luoyang-thc-head' });
    const told = notes.body.items.find((n: { title: string }) => n.title.startsWith('申诉重新评分结果'));
    expect(told.body).toContain(
      `综合管理得分 ${(leaf.beforeCents / 100).toFixed(2)} 分 → ${(leaf.afterCents / 100).toFixed(2)} 分`,
    );
  });
});
