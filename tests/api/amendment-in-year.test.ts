/**
 * A mid-year amendment keeps the unit in the year (issue 12): approving 洛阳镇卫生院's target change
 * 1.1 居民健康档案建档率 75 → 78 must not drop the unit from the results, the progress matrix or its
 * workbook, nor lock its reporter out; until the head signs, the unit is scored on revision 1; once
 * signed, the periods before the amendment's effective period keep revision 1's target and the results
 * say which revision scored which period.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factItems } from '../../shared/db/facts-repo';
import type { Results, UnitResult } from '../../shared/schemas/results';
import { createTestApi, type TestApi } from './harness';
import { exportedWorkbook } from './job-steps';

const Y = 2026;
const UNIT = 'luoyang-thc';
const agreementPath = `/api/years/${Y}/agreements/${UNIT}`;

const unitOf = (results: Results): UnitResult | undefined =>
  results.categories.flatMap((c) => c.units).find((u) => u.unitId === UNIT);

const periodText = (unit: UnitResult, code: string) =>
  Object.fromEntries(
    (unit.leaves.find((l) => l.code === code)?.periods ?? []).map((p) => [p.period, p.explanation]),
  );

describe('an approved amendment keeps the unit in the year', () => {
  let api: TestApi;
  let amendmentId: string;

  const results = async (asOf = 'Q3') =>
    (await api.call('GET', `/api/years/${Y}/results?asOf=${asOf}`, { as: 'admin' })).body as Results;

  /** The count of the admin's task 目标责任书变更等待审批 on 工作台 (0 when absent). */
  const amendmentsToDecide = async () => {
    const tasks = await api.call('GET', `/api/me/tasks?year=${Y}`, { as: 'admin' });
    return (
      (tasks.body as { kind: string; count?: number }[]).find((t) => t.kind === 'amendments_to_decide')
        ?.count ?? 0
    );
  };

  beforeAll(async () => {
    api = await createTestApi();
    // 76 % meets revision 1's target (75 %) and misses the amended one (78 %).
    for (const period of ['Q2', 'Q4'] as const) {
      const verification = {
        unitId: UNIT,
        period,
        code: '1.1',
        verifiedValue: 76,
        raterId: 'rater-jiceng',
        comment: '',
        at: '2026-11-20T10:00:00+08:00',
        version: 1,
      };
      await api.db.doc.send(
        new PutCommand({ TableName: api.db.tableName, Item: factItems.verification(Y, verification) }),
      );
    }
  }, 120_000);
  afterAll(() => api.close());

  it('proposes the change effective from the next period not yet closed (Q4 in late November)', async () => {
    // Prepare
    const current = (await api.call('GET', agreementPath, { as: 'admin' })).body;
    // Act
    const res = await api.call('POST', `${agreementPath}/amendments`, {
      as: 'admin',
      body: {
        version: current.version,
        reason: '县政府调整居民健康档案建档任务',
        customisation: { ...current.customisation, targets: { ...current.customisation.targets, '1.1': 78 } },
      },
    });
    // Assess
    expect(res.status).toBe(201);
    expect(res.body.effectiveFrom).toBe('Q4');
    amendmentId = res.body.id;
    expect(await amendmentsToDecide()).toBe(1);
  });

  it('approving it leaves the unit in results, progress and its workbook, scored on revision 1', async () => {
    // Prepare
    const before = unitOf(await results());
    expect(before).toBeDefined();
    const current = (await api.call('GET', agreementPath, { as: 'admin' })).body;
    // Act
    const decided = await api.call('POST', `${agreementPath}/amendments/${amendmentId}/decision`, {
      as: 'admin',
      body: { version: current.version, approve: true },
    });
    // Assess
    expect(decided.status).toBe(200);
    expect(decided.body.agreement).toMatchObject({ state: 'issued', revision: 2 });
    expect(await amendmentsToDecide()).toBe(0);
    const after = unitOf(await results());
    expect(after).toBeDefined();
    expect(after?.finalCents).toBe(before?.finalCents);
    expect(after?.revisions).toEqual({ Q1: 1, Q2: 1, Q3: 1, Q4: 1 });

    const progress = await api.call('GET', `/api/years/${Y}/periods/Q3/progress`, { as: 'admin' });
    expect(progress.body.units.map((u: { unitId: string }) => u.unitId)).toContain(UNIT);
    const workbook = await exportedWorkbook(api, `/api/years/${Y}/jobs/progress-export`, { period: 'Q3' });
    const names = workbook.worksheets.flatMap((sheet) => sheet.getColumn(1).values.map(String));
    expect(names).toContain('洛阳镇卫生院');
  });

  it('keeps the reporter able to read the closed quarters of the unit', async () => {
    const sheet = await api.call('GET', `/api/years/${Y}/units/${UNIT}/periods/Q3/worksheet`, {
      as: `${UNIT}-reporter`,
    });
    expect(sheet.status).toBe(200);
  });

  it('tells the head to sign the amended agreement', async () => {
    const notes = await api.call('GET', '/api/notifications', { as: `${UNIT}-head` });
    expect(notes.body.items.map((n: { kind: string }) => n.kind)).toContain('amendment_approved');
    const tasks = await api.call('GET', `/api/me/tasks?year=${Y}`, { as: `${UNIT}-head` });
    expect(tasks.body.map((t: { title: string }) => t.title)).toContain('签订变更后的责任书');
  });

  it('once signed, scores the periods before Q4 on revision 1 and says which revision scored which period', async () => {
    // Prepare
    const current = (await api.call('GET', agreementPath, { as: `${UNIT}-head` })).body;
    // Act
    const signed = await api.call('POST', `${agreementPath}/sign`, {
      as: `${UNIT}-head`,
      body: { version: current.version, contentHash: current.contentHash, signerName: '韩春生' },
    });
    // Assess
    expect(signed.status).toBe(200);
    const unit = unitOf(await results('Q4'));
    expect(unit?.revisions).toEqual({ Q1: 1, Q2: 1, Q3: 1, Q4: 2 });
    const text = periodText(unit as UnitResult, '1.1');
    expect(text.Q2).toContain('目标值 75');
    expect(text.Q4).toContain('目标值 78');
    const leaf = unit?.leaves.find((l) => l.code === '1.1');
    expect(leaf?.periods.map((p) => [p.period, p.scoreCents])).toEqual([
      ['Q1', 0],
      ['Q2', 800],
      ['Q3', 0],
      ['Q4', 0],
    ]);
    const tasks = await api.call('GET', `/api/me/tasks?year=${Y}`, { as: `${UNIT}-head` });
    expect(tasks.body.map((t: { title: string }) => t.title)).not.toContain('签订变更后的责任书');
  });
});
