/**
 * Committee scoring through the HTTP app against DynamoDB Local: the queue, verified values and
 * ratings with the engine's score, every refusal (not assigned, 回避, stale version, missing comment,
 * finalized sheet), returning an item, finalize and reopen, progress, and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSubmissionRecords } from '../../shared/db/submission-repo';
import type { TestApi } from './harness';
import { createScoringApi } from './scoring-harness';

const Q3 = '/api/years/2026/units/luoyang-thc/periods/Q3/scores';
const Q4 = '/api/years/2026/units/luoyang-thc/periods/Q4/scores';

describe('committee scoring', () => {
  let api: TestApi;
  const audit = async (code?: string) =>
    (
      await api.call('GET', `/api/years/2026/units/luoyang-thc/audit${code ? `?code=${code}` : ''}`, {
        as: 'admin',
      })
    ).body as { kind: string; code: string | null; by: string; old: unknown; new: unknown; reason: string }[];

  beforeAll(async () => {
    api = await createScoringApi();
  }, 120_000);
  afterAll(() => api.close());

  it('lists the rater’s queue of a period with states, filterable by unit and code', async () => {
    // Act
    const all = await api.call('GET', '/api/years/2026/periods/Q3/scoring-queue', { as: 'rater-jiceng' });
    const one = await api.call(
      'GET',
      '/api/years/2026/periods/Q3/scoring-queue?unitId=luoyang-thc&code=1.1',
      {
        as: 'rater-jiceng',
      },
    );
    // Assess
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBeGreaterThan(20);
    expect(new Set(all.body.items.map((i: { unitId: string }) => i.unitId)).size).toBe(14);
    expect(all.body.counts.scored).toBe(all.body.items.length);
    expect(one.body.items).toHaveLength(1);
    expect(one.body.items[0]).toMatchObject({
      unitId: 'luoyang-thc',
      code: '1.1',
      state: 'scored',
      target: 75,
    });
    expect(one.body.items[0].computed.explanation).toMatch(/\d/);
  });

  it('verifies a value at the stored version, answers the engine’s score, and audits it once', async () => {
    // Prepare
    const before = await api.call(
      'GET',
      '/api/years/2026/periods/Q3/scoring-queue?unitId=luoyang-thc&code=1.1',
      {
        as: 'rater-jiceng',
      },
    );
    const version = before.body.items[0].score.version as number;
    // Act
    const res = await api.call('PUT', `${Q3}/1.1`, {
      as: 'rater-jiceng',
      body: { version, verifiedValue: 80.5 },
    });
    const stale = await api.call('PUT', `${Q3}/1.1`, {
      as: 'rater-jiceng',
      body: { version, verifiedValue: 81 },
    });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'verification', version: version + 1 });
    expect(res.body.computed).toMatchObject({ scoreCents: 800, score: '8.00' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    expect(stale.body.error.currentVersion ?? stale.body.error.details).toBeDefined();
    const entries = (await audit('1.1')).filter((e) => e.kind === 'verify');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ by: 'rater-jiceng', new: { verifiedValue: 80.5 } });
  });

  it('requires a comment below full points, naming body.comment', async () => {
    const current = await api.call(
      'GET',
      '/api/years/2026/periods/Q3/scoring-queue?unitId=luoyang-thc&code=1.1',
      {
        as: 'rater-jiceng',
      },
    );
    const version = current.body.items[0].score.version;
    const res = await api.call('PUT', `${Q3}/1.1`, {
      as: 'rater-jiceng',
      body: { version, verifiedValue: 60 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('body.comment');
    const ok = await api.call('PUT', `${Q3}/1.1`, {
      as: 'rater-jiceng',
      body: { version, verifiedValue: 60, comment: '抽查档案与系统数据不符' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.computed.scoreCents).toBe(0);
  });

  it('refuses a rater not assigned (403) and a conflicted rater (403), and refuses to assign 回避 (409)', async () => {
    const notAssigned = await api.call('PUT', `${Q3}/1.1`, {
      as: 'rater-fuyou',
      body: { version: 1, verifiedValue: 90 },
    });
    const conflicted = await api.call('PUT', `${Q3}/1.1`, {
      as: 'inspector-both',
      body: { version: 1, verifiedValue: 90 },
    });
    const assign = await api.call('POST', '/api/years/2026/assignments', {
      as: 'admin',
      body: { period: 'Q3', code: '1.1', raterIds: ['inspector-both'], unitIds: ['luoyang-thc'] },
    });
    expect(notAssigned.status).toBe(403);
    expect(conflicted.status).toBe(403);
    expect(conflicted.body.error.message).toContain('回避');
    expect(assign.status).toBe(409);
    expect(assign.body.error.code).toBe('CONFLICT_OF_INTEREST');
    expect(assign.body.error.message).toContain('回避');
  });

  it('validates a rating: points in 0.1 steps within W, or the leaf’s band', async () => {
    const bad = await api.call('PUT', `${Q4}/3.4`, {
      as: 'rater-yizheng',
      body: { version: 0, points: 4.55, comment: 'x' },
    });
    const band = await api.call('PUT', `${Q4}/3.4`, {
      as: 'rater-yizheng',
      body: { version: 0, band: '良' },
    });
    const over = await api.call('PUT', `${Q4}/3.4`, {
      as: 'rater-yizheng',
      body: { version: 0, points: 5.1 },
    });
    const ok = await api.call('PUT', `${Q4}/3.4`, {
      as: 'rater-yizheng',
      body: { version: 0, points: 4.5, comment: '台账个别月份缺失' },
    });
    const again = await api.call('PUT', `${Q4}/3.4`, {
      as: 'rater-yizheng',
      body: { version: 0, points: 5 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.points');
    expect(band.status).toBe(400);
    expect(over.status).toBe(400);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ kind: 'rating', version: 1, computed: { scoreCents: 450 } });
    expect(again.status).toBe(409);
  });

  it('raises a spread alert when raters of a rating leaf differ by more than 20 % of W', async () => {
    await api.call('PUT', `${Q4}/3.4`, {
      as: 'rater-jikong',
      body: { version: 0, points: 3, comment: '综合管理薄弱' },
    });
    const res = await api.call('GET', '/api/years/2026/periods/Q4/scoring-progress', { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body.spreadAlerts).toContainEqual(
      expect.objectContaining({ unitId: 'luoyang-thc', code: '3.4', minCents: 300, maxCents: 450 }),
    );
    const jikong = res.body.byRater.find((r: { raterId: string }) => r.raterId === 'rater-jikong');
    expect(jikong.scored).toBeGreaterThanOrEqual(1);
    expect(res.body.byIndicator.find((i: { code: string }) => i.code === '3.4')).toBeDefined();
  });

  it('returns an item to the unit through the submissions’ review, with one audit entry', async () => {
    // Prepare: the unit submitted 1.4 for Q3
    await seedSubmissionRecords(api.db, {
      items: [
        {
          year: 2026,
          unitId: 'luoyang-thc',
          period: 'Q3',
          code: '1.4',
          status: 'submitted',
          value: 93,
          narrative: '接种台账见附件',
          returnReason: null,
          history: [],
          updatedAt: '2026-10-08T10:00:00.000Z',
          updatedBy: 'luoyang-thc-head',
          version: 1,
        },
      ],
    });
    // Act
    const review = '/api/years/2026/units/luoyang-thc/periods/Q3/items/1.4/review';
    const noReason = await api.call('POST', review, {
      as: 'rater-jiceng',
      body: { decision: 'return', version: 1 },
    });
    const res = await api.call('POST', review, {
      as: 'rater-jiceng',
      body: { decision: 'return', version: 1, reason: '缺少第三季度接种登记表' },
    });
    const queue = await api.call(
      'GET',
      '/api/years/2026/periods/Q3/scoring-queue?unitId=luoyang-thc&code=1.4',
      {
        as: 'rater-jiceng',
      },
    );
    // Assess
    expect(noReason.status).toBe(400);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'returned', returnReason: '缺少第三季度接种登记表' });
    expect(queue.body.items[0].state).toBe('returned');
    expect((await audit('1.4')).filter((e) => e.kind === 'return')).toHaveLength(1);
  });

  it('locks a finalized sheet (409) until the admin reopens it with a reason', async () => {
    const finalize = await api.call('POST', '/api/years/2026/periods/Q3/sheet/finalize', {
      as: 'rater-jiceng',
      body: { confirm: true },
    });
    const write = await api.call('PUT', `${Q3}/1.5`, {
      as: 'rater-jiceng',
      body: { version: 1, verifiedValue: 100 },
    });
    const progress = await api.call('GET', '/api/years/2026/periods/Q3/scoring-progress', { as: 'admin' });
    const twice = await api.call('POST', '/api/years/2026/periods/Q3/sheet/finalize', {
      as: 'rater-jiceng',
      body: { confirm: true },
    });
    const noReason = await api.call('POST', '/api/years/2026/periods/Q3/raters/rater-jiceng/sheet/reopen', {
      as: 'admin',
      body: {},
    });
    const reopen = await api.call('POST', '/api/years/2026/periods/Q3/raters/rater-jiceng/sheet/reopen', {
      as: 'admin',
      body: { reason: '复核发现录入错误' },
    });
    const after = await api.call('PUT', `${Q3}/1.5`, {
      as: 'rater-jiceng',
      body: { version: 1, verifiedValue: 100 },
    });
    expect(finalize.status).toBe(200);
    expect(finalize.body.state).toBe('finalized');
    expect(write.status).toBe(409);
    expect(write.body.error.code).toBe('SHEET_FINALIZED');
    const finalizedOf = (id: string) =>
      progress.body.byRater.find((r: { raterId: string }) => r.raterId === id)?.finalized;
    expect(finalizedOf('rater-jiceng')).toBe(true);
    expect(twice.status).toBe(409);
    expect(noReason.status).toBe(400);
    expect(reopen.status).toBe(200);
    expect(reopen.body).toMatchObject({ state: 'open', reopenReason: '复核发现录入错误' });
    expect(after.status).toBe(200);
    const entries = await audit();
    expect(entries.filter((e) => e.kind === 'finalize')).toHaveLength(1);
    expect(entries.filter((e) => e.kind === 'reopen')).toHaveLength(1);
    expect(entries.filter((e) => e.code === '1.5')).toHaveLength(1);
  });

  it('reassigns an item; the first rater’s rating leaves the facts and stays in the audit trail', async () => {
    const res = await api.call('POST', '/api/years/2026/assignments/reassign', {
      as: 'admin',
      body: {
        period: 'Q4',
        unitId: 'luoyang-thc',
        code: '3.4',
        fromRaterId: 'rater-yizheng',
        toRaterId: 'rater-fuyou',
        reason: '钱明出差，改由徐丽评分',
      },
    });
    const oldRater = await api.call('PUT', `${Q4}/3.4`, {
      as: 'rater-yizheng',
      body: { version: 1, points: 5 },
    });
    const newRater = await api.call('PUT', `${Q4}/3.4`, {
      as: 'rater-fuyou',
      body: { version: 0, points: 5 },
    });
    expect(res.status).toBe(200);
    expect(oldRater.status).toBe(403);
    expect(newRater.status).toBe(200);
    const reassigned = (await audit('3.4')).filter((e) => e.kind === 'reassign');
    expect(reassigned).toHaveLength(1);
    expect(reassigned[0]!.old).toMatchObject({ raterId: 'rater-yizheng', rating: { pointsCents: 450 } });
  });

  it('keeps the audit trail read-only: no route writes it', async () => {
    const doc = (await api.call('GET', '/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const auditPaths = Object.entries(doc.paths).filter(([path]) => path.includes('audit'));
    expect(auditPaths.length).toBe(1);
    expect(auditPaths.flatMap(([, ops]) => Object.keys(ops))).toEqual(['get']);
    expect(
      (await api.call('GET', '/api/years/2026/units/luoyang-thc/audit', { as: 'luoyang-thc-reporter' }))
        .status,
    ).toBe(403);
  });
});
