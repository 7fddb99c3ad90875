/**
 * Who reads what (docs/authorization.md): before publication a rater or inspector reads only the
 * units they are assigned to, never one they are affiliated with (回避), on every read route; a
 * person with several roles reads the union of what each role reads; once the year is published
 * its results are public.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoInspections } from '../../scripts/seed/demo-inspections';
import { yearKey } from '../../shared/db/keys';
import { seedUser } from '../../shared/db/org-repo';
import type { TestApi } from './harness';
import { createScoringApi } from './scoring-harness';

const Y = '/api/years/2026';

describe('who reads what', () => {
  let api: TestApi;

  const resultUnits = async (as: string) => {
    const res = await api.call('GET', `${Y}/results`, { as });
    expect(res.status).toBe(200);
    return (res.body.categories as { units: { unitId: string }[] }[])
      .flatMap((c) => c.units.map((u) => u.unitId))
      .sort();
  };

  beforeAll(async () => {
    api = await createScoringApi();
    await seedDemoInspections(api.db, 2026, { history: true });
    // An inspector who is also the head of 河沙镇卫生院 (affiliated with it, as a head is).
    await seedUser(api.db, {
      id: 'inspector-head',
      name: '周平',
      title: '检查组成员（兼河沙镇卫生院负责人）',
      roles: ['inspector', 'unit_head'],
      unitId: 'hesha-thc',
      affiliatedUnitIds: ['hesha-thc'],
    });
  }, 120_000);
  afterAll(() => api.close());

  it('gives a rater no result line of a unit they are affiliated with or not assigned to', async () => {
    // rater-zhongyi is affiliated with 县中医医院 and has no assignments this year
    expect(await resultUnits('rater-zhongyi')).toEqual([]);
    const unit = await api.call('GET', `${Y}/units/tcm-hospital/results`, { as: 'rater-zhongyi' });
    expect(unit.status).toBe(403);
  });

  it('gives an inspector the lines of the units whose inspection team they are on, nothing else', async () => {
    expect(await resultUnits('inspector-xingfeng')).toEqual(['caohe-thc', 'hesha-thc', 'luoyang-thc']);
    // inspector-both is on 县人民医院's team and affiliated with 洛阳镇卫生院
    expect(await resultUnits('inspector-both')).toEqual(['county-hospital']);
    const foreign = await api.call('GET', `${Y}/units/county-hospital/results`, { as: 'inspector-xingfeng' });
    const own = await api.call('GET', `${Y}/units/hesha-thc/results`, { as: 'inspector-xingfeng' });
    expect(foreign.status).toBe(403);
    expect(own.status).toBe(200);
  });

  it('gives a rater the lines of the units they are assigned to', async () => {
    const assignments = await Promise.all(
      ['Q1', 'Q2', 'Q3', 'Q4'].map(
        async (period) =>
          (await api.call('GET', `${Y}/assignments?period=${period}&raterId=rater-yizheng`, { as: 'admin' }))
            .body as { unitId: string }[],
      ),
    );
    const assigned = [...new Set(assignments.flat().map((a) => a.unitId))].sort();
    expect(assigned.length).toBeGreaterThan(0);
    expect(await resultUnits('rater-yizheng')).toEqual(assigned);
    expect(await resultUnits('luoyang-thc-head')).toEqual(['luoyang-thc']);
  });

  it('narrows proposals to an inspector’s units and their own proposals', async () => {
    const xingfeng = await api.call('GET', `${Y}/proposals`, { as: 'inspector-xingfeng' });
    const both = await api.call('GET', `${Y}/proposals`, { as: 'inspector-both' });
    const jijian = await api.call('GET', `${Y}/proposals`, { as: 'inspector-jijian' });
    const units = (res: typeof xingfeng) => [...new Set(res.body.map((p: { unitId: string }) => p.unitId))];
    for (const unitId of units(xingfeng)) expect(['caohe-thc', 'hesha-thc', 'luoyang-thc']).toContain(unitId);
    expect(units(xingfeng)).toContain('caohe-thc');
    expect(units(both)).not.toContain('caohe-thc');
    // inspector-jijian proposed 草河's veto without inspecting 草河: the proposer reads it
    expect(jijian.body.map((p: { id: string }) => p.id)).toContain('v-caohe');
  });

  it('lets an inspector who heads a unit read that unit’s approved inspections and bonus claims, in lists as in detail', async () => {
    // Prepare: the unit's bonus claim, made by its head
    const bonus = await api.call('POST', `${Y}/proposals`, {
      as: 'hesha-thc-head',
      body: {
        kind: 'bonus',
        unitId: 'hesha-thc',
        title: '市级先进基层卫生院',
        points: 1,
        reason: '获评市级先进',
        evidence: '市卫健委文件',
      },
    });
    expect(bonus.status).toBe(201);
    // Act
    const inspections = await api.call('GET', `${Y}/inspections`, { as: 'inspector-head' });
    const proposals = await api.call('GET', `${Y}/proposals`, { as: 'inspector-head' });
    const files = await api.call('GET', `${Y}/units/hesha-thc/attachments/bonus/${bonus.body.id}`, {
      as: 'inspector-head',
    });
    const detail = await api.call('GET', `${Y}/units/hesha-thc/inspections/ins-20260603-hesha`, {
      as: 'inspector-head',
    });
    // Assess: the list says what the detail and the attachments say
    expect(detail.status).toBe(200);
    expect(inspections.body.map((i: { id: string }) => i.id)).toEqual(['ins-20260603-hesha']);
    expect(files.status).toBe(200);
    expect(proposals.body.map((p: { id: string }) => p.id)).toContain(bonus.body.id);
  });

  it('opens every result line once the year is published (the ranking is public)', async () => {
    // Prepare
    await api.db.doc.send(
      new UpdateCommand({
        TableName: api.db.tableName,
        Key: yearKey(2026),
        UpdateExpression: 'SET #state = :published',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':published': 'published' },
      }),
    );
    // Act
    const lines = await resultUnits('rater-zhongyi');
    const unit = await api.call('GET', `${Y}/units/tcm-hospital/results`, { as: 'rater-zhongyi' });
    // Assess
    expect(lines).toContain('tcm-hospital');
    expect(unit.status).toBe(200);
  });
});
