/**
 * Every move of the year refuses what is not ready: with each blocker present the move answers 409
 * with the same checklist the readiness route shows, and nothing changes (the year's version, its
 * drafts and snapshots stay as they were). Warnings pass only acknowledged with a reason, which the
 * year's history keeps with who and when. Cleared legitimately, each move goes through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchPut } from '../../shared/db/items';
import { submissionItemIndexes, submissionItemKey } from '../../shared/db/keys';
import type { SubmissionItem } from '../../shared/schemas/submission';
import { CURRENT_YEAR, type TestApi } from './harness';
import { publishByJob, recomputeByJob } from './job-steps';
import { createScoringApi } from './scoring-harness';
import {
  acknowledgeAll,
  advanceYear,
  afterWindows,
  decidePending,
  finishScoring,
  type ReadinessBody,
  readiness,
} from './year-steps';

const Y = CURRENT_YEAR;
const NEXT = CURRENT_YEAR + 1;
/** Writes hesha-thc's Q4 item 1.1 as it stands after the rater's return or the unit's resubmission. */
const putItem = (
  api: TestApi,
  change: Pick<SubmissionItem, 'status' | 'value' | 'returnReason' | 'version'>,
) => {
  const item: SubmissionItem = {
    year: Y,
    unitId: 'hesha-thc',
    period: 'Q4',
    code: '1.1',
    narrative: '建档情况',
    history: [],
    updatedAt: `${Y}-12-30T10:00:00+08:00`,
    updatedBy: 'hesha-thc-reporter',
    ...change,
  };
  return batchPut(api.db, [
    {
      ...submissionItemKey(Y, item.unitId, item.period, item.code),
      ...submissionItemIndexes(Y, item.period, item.unitId, item.code),
      entity: 'submission-item',
      ...item,
    },
  ]);
};
const codes = (r: ReadinessBody) => r.blockers.map((b) => b.code).sort();

describe('readiness of each move of the year', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createScoringApi();
  }, 120_000);
  afterAll(() => api.close());

  const yearOf = async (year: number) => (await api.call('GET', `/api/years/${year}`, { as: 'admin' })).body;

  const jobsOf = async () => (await api.call('GET', '/api/jobs', { as: 'admin' })).body;

  /**
   * Tries the move (进入结果公示 and 发布 through their jobs' starts, the others through the
   * transitions route); asserts the 409 carries the readiness route's list, nothing changed and no
   * job started.
   */
  const refused = async (year: number, to: string, expected: string) => {
    const before = await yearOf(year);
    const checklist = await readiness(api, year, to);
    const [drafts, snapshots, jobs] = await Promise.all([
      api.call('GET', `/api/years/${year}/drafts`, { as: 'admin' }),
      api.call('GET', `/api/years/${year}/publications`, { as: 'admin' }),
      jobsOf(),
    ]);
    const acknowledgements = acknowledgeAll(checklist);
    const [path, body] =
      to === 'published'
        ? ['jobs/publication', { confirm: true, acknowledgements }]
        : to === 'publicity'
          ? ['jobs/publicity', { version: before.version, acknowledgements }]
          : ['transitions', { to, version: before.version, acknowledgements }];
    const res = await api.call('POST', `/api/years/${year}/${path}`, { as: 'admin', body });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe(expected);
    expect(res.body.error.readiness.blockers).toEqual(checklist.blockers);
    const after = await yearOf(year);
    expect(after).toEqual(before);
    expect(await jobsOf()).toEqual(jobs);
    expect((await api.call('GET', `/api/years/${year}/drafts`, { as: 'admin' })).body).toEqual(drafts.body);
    expect((await api.call('GET', `/api/years/${year}/publications`, { as: 'admin' })).body).toEqual(
      snapshots.body,
    );
    return checklist;
  };

  it('开始考核: refuses a year without a template, then with agreements unsigned, naming the units', async () => {
    expect((await api.call('POST', '/api/years', { as: 'admin', body: { year: NEXT } })).status).toBe(201);
    const empty = await refused(NEXT, 'in_progress', 'NOT_READY');
    expect(codes(empty)).toEqual(['NO_TEMPLATE']);

    await api.call('POST', `/api/years/${NEXT}/templates/public-health/copy`, {
      as: 'admin',
      body: { fromYear: Y },
    });
    await api.call('POST', `/api/years/${NEXT}/agreements/generate`, {
      as: 'admin',
      body: { categoryId: 'public-health' },
    });
    const unsigned = await refused(NEXT, 'in_progress', 'NOT_READY');
    expect(codes(unsigned)).toEqual(['AGREEMENTS_UNSIGNED']);
    const [blocker] = unsigned.blockers;
    expect(blocker?.count).toBe(5);
    expect(blocker?.message).toContain('5 个单位的目标责任书尚未签订');
    expect(blocker?.targets).toContainEqual({
      label: '清河县疾病预防控制中心',
      href: `/agreements/${NEXT}/cdc`,
    });
    expect(unsigned.done).toContain('已有指标模板');
  });

  it('进入集中评分: refuses while the last window or an extension is open; warnings need a reason', async () => {
    const open = await refused(Y, 'scoring', 'NOT_READY');
    expect(codes(open)).toEqual(['WINDOW_OPEN']);
    expect(open.blockers[0]?.message).toContain('第四季度）的上报窗口尚未截止');

    api.setNow(new Date(`${Y}-12-28T10:00:00+08:00`));
    const extension = await api.call('PUT', `/api/years/${Y}/units/cdc/periods/Q4/extension`, {
      as: 'admin',
      body: { until: `${Y + 1}-01-15`, reason: '系统故障延期' },
    });
    expect(extension.status).toBe(200);
    api.setNow(afterWindows(Y));
    const extended = await refused(Y, 'scoring', 'NOT_READY');
    expect(codes(extended)).toEqual(['EXTENSION_OPEN']);
    expect(extended.blockers[0]?.message).toContain('清河县疾病预防控制中心');

    api.setNow(new Date(`${Y + 1}-01-16T09:00:00+08:00`));
    const ready = await readiness(api, Y, 'scoring');
    expect(ready.blockers).toEqual([]);
    expect(ready.warnings.map((w) => w.code)).toEqual(['NOT_SUBMITTED']);
    const version = (await yearOf(Y)).version;
    const unacknowledged = await api.call('POST', `/api/years/${Y}/transitions`, {
      as: 'admin',
      body: { to: 'scoring', version },
    });
    expect(unacknowledged.status).toBe(409);
    expect(unacknowledged.body.error.code).toBe('WARNINGS_UNACKNOWLEDGED');
    expect((await yearOf(Y)).version).toBe(version);

    // Two admins confirm at once: one moves the year, the other gets a 409 and changes nothing.
    const body = { to: 'scoring', version, acknowledgements: acknowledgeAll(ready) };
    const both = await Promise.all([
      api.call('POST', `/api/years/${Y}/transitions`, { as: 'admin', body }),
      api.call('POST', `/api/years/${Y}/transitions`, { as: 'admin2', body }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const moved = await yearOf(Y);
    expect(moved).toMatchObject({ state: 'scoring', version: version + 1 });
    expect(moved.history.at(-1).acknowledged).toEqual([
      expect.objectContaining({ code: 'NOT_SUBMITTED', reason: '已逐项核实，确认无误' }),
    ]);
  });

  it('进入结果公示: refuses with scores, sheets, approvals, returned items and surveys outstanding', async () => {
    // Outstanding: Q4 unscored and sheets open (seeded), a proposed veto (seeded), and these.
    await api.call('POST', `/api/years/${Y}/inspections`, {
      as: 'inspector-xingfeng',
      body: {
        unitId: 'caohe-thc',
        kind: '暗访',
        date: `${Y}-12-20`,
        findings: [{ itemCode: 'XF-05', note: '药房无人值守' }],
      },
    });
    await api.call('POST', `/api/years/${Y}/proposals`, {
      as: 'luoyang-thc-head',
      body: {
        kind: 'bonus',
        unitId: 'luoyang-thc',
        title: '市科技进步奖',
        points: 1,
        reason: '获市科技进步三等奖',
      },
    });
    await api.call('PUT', `/api/years/${Y}/units/luoyang-thc/surveys/Q4`, {
      as: 'admin',
      body: { code: '3.3', respondents: 200, satisfied: 190 },
    });
    await putItem(api, { status: 'returned', value: 60, returnReason: '缺少台账', version: 2 });

    const blocked = await refused(Y, 'publicity', 'NOT_READY');
    expect(codes(blocked)).toEqual(
      [
        'INSPECTIONS_PENDING',
        'ITEMS_RETURNED',
        'ITEMS_UNSCORED',
        'PROPOSALS_PENDING',
        'SHEETS_OPEN',
        'SURVEYS_MISSING',
        'VETOES_PENDING',
      ].sort(),
    );
    const byCode = new Map(blocked.blockers.map((b) => [b.code, b]));
    expect(byCode.get('ITEMS_RETURNED')?.message).toContain('第四季度 1.1');
    expect(byCode.get('SURVEYS_MISSING')?.count).toBeGreaterThan(1);
    expect(byCode.get('INSPECTIONS_PENDING')?.targets).toEqual([
      { label: '检查审核', href: `/inspections?year=${Y}` },
    ]);

    // Cleared through the product: the unit resubmits, the committee finishes, approvals decided,
    // the survey entered for every unit holding 3.3.
    await putItem(api, { status: 'resubmitted', value: 62, returnReason: null, version: 3 });
    const surveys = await api.call('GET', `/api/years/${Y}/surveys?period=Q4`, { as: 'admin' });
    const surveyed = new Set(surveys.body.map((s: { unitId: string }) => s.unitId));
    const agreements = await api.call('GET', `/api/years/${Y}/agreements`, { as: 'admin' });
    for (const a of agreements.body as { unitId: string; dimensions?: unknown }[]) {
      if (surveyed.has(a.unitId)) continue;
      await api.call('PUT', `/api/years/${Y}/units/${a.unitId}/surveys/Q4`, {
        as: 'admin',
        body: { code: '3.3', respondents: 100, satisfied: 95 },
      });
    }
    await finishScoring(api, Y);
    await decidePending(api, Y);
    const ready = await readiness(api, Y, 'publicity');
    expect(ready.blockers).toEqual([]);

    // The transitions route does not open publicity (it computes the whole year): it names the job.
    const { version } = await yearOf(Y);
    const viaTransitions = await api.call('POST', `/api/years/${Y}/transitions`, {
      as: 'admin',
      body: { to: 'publicity', version, acknowledgements: acknowledgeAll(ready) },
    });
    expect(viaTransitions.status).toBe(400);
    expect(viaTransitions.body.error.details[0]).toEqual({
      path: 'body.to',
      message: expect.stringContaining('进入结果公示须通过后台任务进行'),
    });
    // The job's start refuses a version another admin has moved past, starting nothing.
    const stale = await api.call('POST', `/api/years/${Y}/jobs/publicity`, {
      as: 'admin',
      body: { version: version - 1, acknowledgements: acknowledgeAll(ready) },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    expect(await jobsOf()).toEqual([]);
    expect(await yearOf(Y)).toMatchObject({ state: 'scoring', version });

    await advanceYear(api, Y, 'publicity');
    expect((await api.call('GET', `/api/years/${Y}/drafts`, { as: 'admin' })).body).toHaveLength(1);
    expect(await jobsOf()).toMatchObject([{ type: 'publicity', state: 'succeeded' }]);
    // Once opened, a second start is refused: the year is no longer in 集中评分.
    const again = await api.call('POST', `/api/years/${Y}/jobs/publicity`, {
      as: 'admin',
      body: { version: version + 1, acknowledgements: acknowledgeAll(ready) },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('WRONG_STATE');
  }, 240_000);

  it('发布结果: refuses during publicity, with an objection undecided, then upheld but not recomputed', async () => {
    const filed = await api.call('POST', `/api/years/${Y}/objections`, {
      as: 'luoyang-thc-head',
      body: { code: '3.4', reason: '综合管理台账已补齐，评分时未查看补充材料', evidence: '' },
    });
    expect(filed.status).toBe(201);
    // Publishing is the publication job: its start refuses at once, with the checklist, and starts no job
    // (refused() checks the jobs list).
    const early = await refused(Y, 'published', 'NOT_READY');
    expect(codes(early)).toEqual(['OBJECTIONS_OPEN', 'PUBLICITY_OPEN']);
    // The transitions route does not publish: one route for the move.
    const viaTransitions = await api.call('POST', `/api/years/${Y}/transitions`, {
      as: 'admin',
      body: { to: 'published', version: (await yearOf(Y)).version },
    });
    expect(viaTransitions.status).toBe(400);
    expect(viaTransitions.body.error.details[0].path).toBe('body.to');

    await api.call('POST', `/api/years/${Y}/units/luoyang-thc/objections/${filed.body.id}/decision`, {
      as: 'admin',
      body: { decision: 'upheld', reason: '补充材料属实，重新评分', version: 1 },
    });
    api.setNow(new Date(afterWindows(Y).getTime() + 10 * 86_400_000));
    const upheld = await refused(Y, 'published', 'NOT_READY');
    expect(codes(upheld)).toEqual(['OBJECTIONS_UNANSWERED']);
    expect(upheld.blockers[0]?.targets[0]?.href).toBe(`/objections?year=${Y}&state=rescoring`);
    const inbox = await api.call('GET', `/api/years/${Y}/objections?state=rescoring`, { as: 'admin' });
    expect(inbox.body.map((o: { id: string }) => o.id)).toEqual([filed.body.id]);

    const v2 = await recomputeByJob(api, Y, {
      reason: '申诉成立，重新评分后更新公示结果',
      objectionIds: [filed.body.id],
    });
    expect(v2.header.version).toBe(2);
    const ready = await readiness(api, Y, 'published');
    expect(ready.blockers).toEqual([]);
    expect(ready.done).toEqual(['5 天公示期已满', '申诉均已处理', '成立的申诉均已重新计算']);
    await publishByJob(api, Y, { acknowledgements: acknowledgeAll(ready) });
    expect((await yearOf(Y)).state).toBe('published');
    const snapshots = await api.call('GET', `/api/years/${Y}/publications`, { as: 'leader' });
    expect(snapshots.body.map((s: { version: number }) => s.version)).toEqual([1]);
  });
});
