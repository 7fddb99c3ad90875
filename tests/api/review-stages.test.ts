/**
 * Self-assessment and staged review through the HTTP API (docs/review-stages.md): the unit's self
 * scores and submission, each stage only by its assignees or the admin, no stage skipped, a
 * returned item restarting at 初审, 回避, versioned writes (409 on stale), the engine scoring from
 * the last completed stage, the distance 自评 − 审定 and the audit trail.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearKey } from '../../shared/db/keys';
import { seedUser } from '../../shared/db/org-repo';
import { createTestApi, type TestApi } from './harness';
import { exportedWorkbook } from './job-steps';
import { createFixtureUnit, type FixtureUnit, fillQ2, IN_Q2 } from './submissions-fixtures';

const selfPath = (unitId: string, code?: string, period = 'Q2') =>
  `/api/years/2026/units/${unitId}/periods/${period}/self-assessment${code ? `/${code}` : ''}`;
const reviewPath = (unitId: string, code: string) =>
  `/api/years/2026/units/${unitId}/periods/Q2/reviews/${code}`;

describe('self-assessment and staged review', () => {
  let api: TestApi;
  let unit: FixtureUnit;
  const versions = new Map<string, number>();

  const selfScore = async (code: string, body: Record<string, unknown>) => {
    const res = await api.call('PUT', selfPath(unit.unitId, code), {
      as: unit.reporter,
      body: { version: versions.get(code) ?? 0, ...body },
    });
    if (res.status === 200) versions.set(code, res.body.review.version);
    return res;
  };
  const decide = async (as: string, code: string, body: Record<string, unknown>) => {
    const res = await api.call('POST', reviewPath(unit.unitId, code), {
      as,
      body: { version: versions.get(code), ...body },
    });
    if (res.status === 200) versions.set(code, res.body.review.version);
    return res;
  };

  beforeAll(async () => {
    api = await createTestApi();
    unit = await createFixtureUnit(api, '自评镇卫生院');
    // Q2 is self-assessed in this test year (the default is Q4 only), so the Q2 window's values count.
    await api.db.doc.send(
      new UpdateCommand({
        TableName: api.db.tableName,
        Key: yearKey(2026),
        UpdateExpression: 'SET selfAssessedPeriods = :p',
        ExpressionAttributeValues: { ':p': ['Q2', 'Q4'] },
      }),
    );
    api.setNow(IN_Q2);
    await fillQ2(api, unit);
    await seedUser(api.db, {
      id: 'rater-affiliated',
      name: '关联科员',
      title: '医政科',
      roles: ['rater'],
      unitId: null,
      affiliatedUnitIds: [unit.unitId],
    });
  }, 120_000);
  afterAll(() => api.close());

  it('sets the office doing 初审 of an indicator, its members raters only', async () => {
    // Prepare
    const put = (code: string, memberIds: string[], version = 0) =>
      api.call('PUT', `/api/years/2026/review-offices/${code}`, {
        as: 'admin',
        body: { office: '基层卫生健康科', memberIds, version },
      });
    // Act
    const notRater = await put('A1', ['leader']);
    const a1 = await put('A1', ['rater-fuyou']);
    const a3 = await put('A3', ['rater-fuyou', 'rater-affiliated']);
    const stale = await put('A1', ['rater-fuyou'], 0);
    const byRater = await api.call('PUT', '/api/years/2026/review-offices/A2', {
      as: 'rater-fuyou',
      body: { office: 'x', memberIds: ['rater-fuyou'], version: 0 },
    });
    // Assess
    expect(notRater.status).toBe(400);
    expect(notRater.body.error.details[0].message).toContain('考核组成员');
    expect([a1.status, a3.status]).toEqual([200, 200]);
    expect(stale.status).toBe(409);
    expect(byRater.status).toBe(403);
  });

  it('computes formula self scores from the reported value and takes entered ones for rating and deduction', async () => {
    // Act
    const formulaWithPoints = await selfScore('A1', { points: 18 });
    const a1 = await selfScore('A1', { note: '' });
    const ratingWithout = await selfScore('C2', { note: '医德医风良好' });
    const ratingLow = await selfScore('C2', { points: 9 });
    const c2 = await selfScore('C2', { points: 9, note: '一例投诉已整改' });
    const c1 = await selfScore('C1', { points: 15 });
    const foreign = await api.call('PUT', selfPath(unit.unitId, 'A2'), {
      as: 'luoyang-thc-reporter',
      body: { version: 0 },
    });
    const notSelfAssessed = await api.call('PUT', selfPath(unit.unitId, 'A1', 'Q1'), {
      as: unit.reporter,
      body: { version: 0 },
    });
    // Assess
    expect(formulaWithPoints.status).toBe(400);
    expect(a1.status).toBe(200);
    expect(a1.body.review.self).toMatchObject({ pointsCents: 2000, computed: true });
    expect(ratingWithout.status).toBe(400);
    expect(ratingWithout.body.error.details[0].path).toBe('body.points');
    expect(ratingLow.status).toBe(400);
    expect(ratingLow.body.error.details[0].path).toBe('body.note');
    expect(c2.status).toBe(200);
    expect(c2.body.review.self).toMatchObject({ pointsCents: 900, computed: false });
    expect(c1.status).toBe(200);
    expect(foreign.status).toBe(403);
    expect(notSelfAssessed.status).toBe(409);
  });

  it('refuses a submission with indicators not yet assessed, and a reporter submitting', async () => {
    const incomplete = await api.call('POST', `${selfPath(unit.unitId)}/submit`, {
      as: unit.head,
      body: { confirm: true },
    });
    expect(incomplete.status).toBe(409);
    expect(incomplete.body.error.code).toBe('INCOMPLETE');
    for (const code of ['A2', 'A3', 'B1', 'B2'])
      expect((await selfScore(code, { note: '已完成' })).status).toBe(200);
    const byReporter = await api.call('POST', `${selfPath(unit.unitId)}/submit`, {
      as: unit.reporter,
      body: { confirm: true },
    });
    const submitted = await api.call('POST', `${selfPath(unit.unitId)}/submit`, {
      as: unit.head,
      body: { confirm: true },
    });
    const again = await api.call('POST', `${selfPath(unit.unitId)}/submit`, {
      as: unit.head,
      body: { confirm: true },
    });
    expect(byReporter.status).toBe(403);
    expect(submitted.status).toBe(200);
    expect(
      submitted.body.items.every((i: { review: { status: string } }) => i.review.status === 'first'),
    ).toBe(true);
    for (const item of submitted.body.items) versions.set(item.code, item.review.version);
    expect(again.status).toBe(409);
    // Locked while in review.
    expect((await selfScore('C2', { points: 10 })).status).toBe(409);
  });

  it('lets only the office members (or the admin) do 初审, never one affiliated with the unit (回避)', async () => {
    const notMember = await decide('rater-jiceng', 'A1', { stage: 'first', action: 'pass', points: 20 });
    const affiliated = await decide('rater-affiliated', 'A3', { stage: 'first', action: 'pass', points: 15 });
    const finalByRater = await decide('rater-fuyou', 'A1', { stage: 'final', action: 'pass', points: 20 });
    const reporter = await decide(unit.reporter, 'A1', { stage: 'first', action: 'pass', points: 20 });
    expect(notMember.status).toBe(403);
    expect(affiliated.status).toBe(403);
    expect(affiliated.body.error.message).toContain('回避');
    expect(finalByRater.status).toBe(403);
    expect(reporter.status).toBe(403);
  });

  it('skips no stage: 复审 or 审定 before 初审 is refused', async () => {
    const second = await decide('admin', 'A2', { stage: 'second', action: 'pass', points: 20 });
    const final = await decide('admin', 'A2', { stage: 'final', action: 'pass', points: 20 });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain('须先完成初审');
    expect(final.status).toBe(409);
  });

  it('lowers at 初审 with a reason, keeps at 复审, confirms at 审定; the results use the 审定 figure', async () => {
    // 初审 lowers A1: a reason is required.
    const noReason = await decide('rater-fuyou', 'A1', { stage: 'first', action: 'pass', points: 16.5 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toBe('body.reason');
    const first = await decide('rater-fuyou', 'A1', {
      stage: 'first',
      action: 'pass',
      points: 16.5,
      reason: '材料不全',
    });
    expect(first.status).toBe(200);
    expect(first.body.review.status).toBe('second');
    expect(first.body.previousCents).toBe(1650);
    // The 复审 is in the assigned rater's review queue, not in that of a rater not assigned to the unit.
    const queueOf = async (as: string) =>
      (
        (await api.call('GET', '/api/years/2026/periods/Q2/review-queue?stage=second', { as })).body as {
          unitId: string;
          code: string;
        }[]
      ).filter((r) => r.unitId === unit.unitId);
    expect((await queueOf('rater-jiceng')).map((r) => r.code)).toEqual(['A1']);
    expect(await queueOf('rater-fuyou')).toEqual([]);
    // 复审 by a rater not assigned to the unit: refused; by the assigned rater: kept.
    const unassigned = await decide('rater-fuyou', 'A1', {
      stage: 'second',
      action: 'pass',
      points: 16.5,
      reason: '同意',
    });
    expect(unassigned.status).toBe(403);
    const second = await decide('rater-jiceng', 'A1', {
      stage: 'second',
      action: 'pass',
      points: 16.5,
      reason: '同意初审意见',
    });
    expect(second.status).toBe(200);
    const final = await decide('admin', 'A1', {
      stage: 'final',
      action: 'pass',
      points: 16.5,
      reason: '审定',
    });
    expect(final.status).toBe(200);
    expect(final.body.review.status).toBe('done');
    expect(final.body.chain).toBe('自评 20.00 → 初审 16.50（材料不全）→ 复审 16.50 → 审定 16.50');
    // The unit sees the chain.
    const seen = await api.call('GET', selfPath(unit.unitId), { as: unit.head });
    expect(seen.body.items.find((i: { code: string }) => i.code === 'A1').chain).toContain(
      '初审 16.50（材料不全）',
    );
    // The engine scores from the last completed stage.
    const results = await api.call('GET', `/api/years/2026/units/${unit.unitId}/results?asOf=Q2`, {
      as: 'admin',
    });
    const leaf = results.body.unit.leaves.find((l: { code: string }) => l.code === 'A1');
    const q2 = leaf.periods.find((p: { period: string }) => p.period === 'Q2');
    expect(q2.scoreCents).toBe(1650);
    expect(q2.explanation).toContain('审定 16.50');
  });

  it('answers a stale stage write 409 and writes nothing', async () => {
    const version = versions.get('A3');
    const body = { stage: 'first', action: 'pass', points: 15, version };
    const [one, two] = await Promise.all([
      api.call('POST', reviewPath(unit.unitId, 'A3'), { as: 'rater-fuyou', body }),
      api.call('POST', reviewPath(unit.unitId, 'A3'), { as: 'admin', body }),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    const refused = one.status === 409 ? one : two;
    expect(refused.body.error.code).toBe('STALE_VERSION');
    const audit = await api.call('GET', `/api/years/2026/units/${unit.unitId}/audit?code=A3`, {
      as: 'admin',
    });
    expect(audit.body.filter((e: { kind: string }) => e.kind === 'stage_review')).toHaveLength(1);
  });

  it('returns an item to the unit; its resubmission restarts at 初审', async () => {
    const returned = await decide('admin', 'A2', { stage: 'first', action: 'return', reason: '请补充台账' });
    expect(returned.status).toBe(200);
    expect(returned.body.review.status).toBe('returned');
    // The unit's head and reporter are told in the app, with the reason and where to act.
    for (const as of [unit.head, unit.reporter]) {
      const notes = (await api.call('GET', '/api/notifications', { as })).body.items;
      expect(notes).toContainEqual(
        expect.objectContaining({
          kind: 'returned',
          title: expect.stringContaining('初审退回'),
          body: expect.stringContaining('请补充台账'),
          link: '/reviews?year=2026&period=Q2',
        }),
      );
    }
    const edited = await selfScore('A2', { note: '已补充台账' });
    expect(edited.status).toBe(200);
    const resubmitted = await api.call('POST', `${selfPath(unit.unitId)}/submit`, {
      as: unit.head,
      body: { confirm: true },
    });
    expect(resubmitted.status).toBe(200);
    const a2 = resubmitted.body.items.find((i: { code: string }) => i.code === 'A2');
    versions.set('A2', a2.review.version);
    expect(a2.review).toMatchObject({ status: 'first', round: 2 });
    expect(a2.chain).toBe('自评 20.00');
    const second = await decide('rater-jiceng', 'A2', { stage: 'second', action: 'pass', points: 20 });
    expect(second.status).toBe(409);
  });

  it('lists the distance 自评 − 审定 for the committee, the lowered item first', async () => {
    const report = await api.call('GET', '/api/years/2026/review-distance', { as: 'leader' });
    const byReporter = await api.call('GET', '/api/years/2026/review-distance', { as: unit.reporter });
    expect(report.status).toBe(200);
    expect(report.body.rows[0]).toMatchObject({
      unitId: unit.unitId,
      code: 'A1',
      selfCents: 2000,
      finalCents: 1650,
      distanceCents: 350,
    });
    // Named from the reviewed unit and its agreement (read by key), not shown as bare ids.
    expect(report.body.rows[0].unitName).not.toBe(unit.unitId);
    expect(report.body.rows[0].name).not.toBe('A1');
    expect(report.body.byIndicator[0].name).toBe(report.body.rows[0].name);
    expect(byReporter.status).toBe(403);
  });

  it('exports the distance by an export job, the lowered item in its workbook; the committee only', async () => {
    // Act
    const book = await exportedWorkbook(api, '/api/years/2026/jobs/review-distance-export', {});
    const refused = await api.call('POST', '/api/years/2026/jobs/review-distance-export', {
      as: unit.reporter,
      body: {},
    });
    const gone = await api.call('GET', '/api/years/2026/review-distance/export', { as: 'admin' });

    // Assess: the detail sheet's first line (after its title and head rows) is A1, 20 → 16.5
    const detail = (book.getWorksheet('明细')?.getSheetValues() ?? []).slice(3);
    expect(detail[0]).toEqual(expect.arrayContaining([expect.stringMatching(/^A1 /), 20, 16.5, 3.5]));
    expect(refused.status).toBe(403);
    expect(gone.status).toBe(404);
  });

  it('keeps one audit entry per change and traces a score to its sources (得分反查)', async () => {
    const audit = await api.call('GET', `/api/years/2026/units/${unit.unitId}/audit?code=A1`, {
      as: 'admin',
    });
    // The test's clock stands still, so entries of one instant sort by id: compare as a set.
    expect(audit.body.map((e: { kind: string }) => e.kind).sort()).toEqual([
      'self_assess',
      'self_submit',
      'stage_review',
      'stage_review',
      'stage_review',
    ]);
    const trace = await api.call('GET', `/api/years/2026/units/${unit.unitId}/score-trace/A1`, {
      as: unit.head,
    });
    expect(trace.status).toBe(200);
    const q2 = trace.body.periods.find((p: { period: string }) => p.period === 'Q2');
    expect(q2.reportedValue).toBe(86.5);
    expect(q2.chain).toContain('审定 16.50');
    const foreign = await api.call('GET', `/api/years/2026/units/${unit.unitId}/score-trace/A1`, {
      as: 'luoyang-thc-head',
    });
    expect(foreign.status).toBe(403);
  });
});
