/**
 * Bonus, penalty and veto proposals: who may propose what, nobody approves their own proposal, and
 * approved ones reach the results (the engine caps the bonus and places a vetoed unit last).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_YEAR, createTestApi, type TestApi } from './harness';

const Y = CURRENT_YEAR;

interface UnitLine {
  unitId: string;
  rank: number;
  grade: string;
  vetoed: boolean;
  bonusCents: number;
  bonusAppliedCents: number;
  finalCents: number;
}

describe('proposals API', () => {
  let api: TestApi;

  const results = async () => {
    const res = await api.call('GET', `/api/years/${Y}/results`, { as: 'admin' });
    return res.body as {
      settings: { bonusCapCents: number };
      categories: { categoryId: string; units: UnitLine[] }[];
    };
  };
  const propose = (as: string, body: Record<string, unknown>) =>
    api.call('POST', `/api/years/${Y}/proposals`, { as, body });
  const decide = (
    as: string,
    p: { unitId: string; kind: string; id: string; version: number },
    decision = 'approve',
  ) =>
    api.call('POST', `/api/years/${Y}/units/${p.unitId}/proposals/${p.kind}/${p.id}/decision`, {
      as,
      body: { decision, version: p.version, ...(decision === 'reject' ? { reason: '材料不足' } : {}) },
    });

  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('lets a unit head propose a bonus for their own unit only', async () => {
    const own = await propose('xinyan-thc-head', {
      kind: 'bonus',
      unitId: 'xinyan-thc',
      title: '市级先进基层党组织',
      points: 1,
      reason: '市委表彰文件',
    });
    const foreign = await propose('xinyan-thc-head', {
      kind: 'bonus',
      unitId: 'luoyang-thc',
      title: '市级先进',
      points: 1,
      reason: '代为申报',
    });
    const inspectorBonus = await propose('inspector-jijian', {
      kind: 'bonus',
      unitId: 'luoyang-thc',
      title: '市级先进',
      points: 1,
      reason: '检查发现',
    });
    const headVeto = await propose('xinyan-thc-head', {
      kind: 'veto',
      unitId: 'xinyan-thc',
      category: '其他',
      reason: '自我否决',
    });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({
      kind: 'bonus',
      state: 'proposed',
      pointsCents: 100,
      proposedBy: 'xinyan-thc-head',
    });
    expect(foreign.status).toBe(403);
    expect(inspectorBonus.status).toBe(403);
    expect(headVeto.status).toBe(403);
    const affiliated = await propose('inspector-both', {
      kind: 'penalty',
      unitId: 'luoyang-thc',
      title: '通报批评',
      points: 1,
      reason: '回避测试',
    });
    expect(affiliated.status).toBe(403);
    expect(affiliated.body.error.message).toContain('回避');
  });

  it('validates a proposal by kind', async () => {
    const noPoints = await propose('admin', {
      kind: 'penalty',
      unitId: 'hesha-thc',
      title: '通报批评',
      reason: '信息迟报',
    });
    const noCategory = await propose('admin', { kind: 'veto', unitId: 'hesha-thc', reason: '迟报疫情三天' });
    expect(noPoints.status).toBe(400);
    expect(noPoints.body.error.details).toEqual([expect.objectContaining({ path: 'body.points' })]);
    expect(noCategory.status).toBe(400);
  });

  it('refuses the proposer’s own approval and accepts another admin’s', async () => {
    // Prepare
    const penalty = await propose('admin', {
      kind: 'penalty',
      unitId: 'hesha-thc',
      title: '全县通报批评（信息迟报）',
      points: 1,
      reason: '第三季度传染病报告迟报',
    });
    // Act
    const own = await decide('admin', penalty.body);
    const other = await decide('admin2', penalty.body);
    // Assess
    expect(own.status).toBe(409);
    expect(own.body.error.code).toBe('OWN_PROPOSAL');
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ state: 'approved', approvedBy: 'admin2' });
    const twice = await decide('admin', other.body);
    expect(twice.status).toBe(409);
    const line = (await results()).categories.flatMap((c) => c.units).find((u) => u.unitId === 'hesha-thc');
    expect(line).toMatchObject({ penaltyCents: 100 });
  });

  it('applies the bonus cap to approved bonuses beyond it', async () => {
    // Prepare
    const first = await propose('caohe-thc-head', {
      kind: 'bonus',
      unitId: 'caohe-thc',
      title: '省级群众满意乡镇卫生院',
      points: 4,
      reason: '省卫健委通报',
    });
    const second = await propose('caohe-thc-head', {
      kind: 'bonus',
      unitId: 'caohe-thc',
      title: '市科技进步奖',
      points: 3,
      reason: '市政府文件',
    });
    // Act
    await decide('admin', first.body);
    await decide('admin', second.body);
    // Assess
    const all = await results();
    const line = all.categories.flatMap((c) => c.units).find((u) => u.unitId === 'caohe-thc');
    expect(line?.bonusCents).toBe(700);
    expect(line?.bonusAppliedCents).toBe(Math.min(700, all.settings.bonusCapCents));
    expect(all.settings.bonusCapCents).toBeLessThan(700);
  });

  it('moves a vetoed top-scoring unit to the bottom of its category with grade 不合格', async () => {
    // Prepare: an approved bonus puts the county hospital alone at the top of its category.
    const unitId = 'county-hospital';
    const bonus = await propose('county-hospital-head', {
      kind: 'bonus',
      unitId,
      title: '省级临床重点专科',
      points: 2,
      reason: '省卫健委批复文件',
    });
    await decide('admin', bonus.body);
    const category = (await results()).categories.find((c) => c.categoryId === 'county-medical');
    expect(category?.units[0]).toMatchObject({ unitId, rank: 1 });
    expect(category?.units[1]?.rank).toBe(2);
    const veto = await propose('admin2', {
      kind: 'veto',
      unitId,
      category: '瞒报迟报疫情',
      reason: '10 月一起诺如病毒聚集性疫情迟报 2 天',
      evidence: '县疾控中心调查报告',
    });
    // Act
    const own = await decide('admin2', veto.body);
    const approved = await decide('admin', veto.body);
    // Assess
    expect(own.status).toBe(409);
    expect(own.body.error.message).toContain('提议人以外的管理员');
    expect(approved.status).toBe(200);
    const after = (await results()).categories.find((c) => c.categoryId === category?.categoryId);
    const last = after?.units.at(-1);
    expect(last).toMatchObject({ unitId, vetoed: true, grade: '不合格' });
    expect(after?.units.filter((u) => u.vetoed)).toHaveLength(1);
    const unitView = await api.call('GET', `/api/years/${Y}/proposals`, { as: `${unitId}-head` });
    expect(unitView.body.every((p: { unitId: string }) => p.unitId === unitId)).toBe(true);
    expect(unitView.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'veto', state: 'approved' })]),
    );
  });

  it('lists the seeded proposed veto for the approval queue', async () => {
    const res = await api.call('GET', `/api/years/${Y}/proposals?state=proposed`, { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body.every((p: { state: string }) => p.state === 'proposed')).toBe(true);
  });
});
