/**
 * Twenty raters and two admins act at once on one category (基层医疗卫生机构) through the HTTP app
 * against DynamoDB Local: ratings, deliberately stale and racing verifications, a reassign, new
 * assignments and a refused 回避 assignment. Afterwards no accepted update is lost, the audit trail
 * holds exactly one entry per accepted change, and the stored facts give the same results as the
 * facts before with the accepted writes applied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser } from '../../shared/db/org-repo';
import { loadScenario } from '../../shared/db/results-repo';
import { computeResults, formatPoints, parseScenario } from '../../shared/domain/scoring';
import type { ScenarioInput } from '../../shared/schemas/scenario';
import type { TestApi } from './harness';
import { createScoringApi } from './scoring-harness';

const UNITS = [
  'luoyang-thc',
  'furong-thc',
  'hesha-thc',
  'yandian-thc',
  'xinyan-thc',
  'caohe-thc',
  'xining-thc',
  'chengguan-thc',
  'shiqiao-thc',
  'liulin-thc',
  'qingshan-thc',
  'xianqiao-chc',
  'longzhuang-chc',
  'jiuxian-chc',
];
const RATERS = Array.from({ length: 20 }, (_, i) => `rater-c${String(i + 1).padStart(2, '0')}`);
const scorePath = (unitId: string, period: string, code: string) =>
  `/api/years/2026/units/${unitId}/periods/${period}/scores/${code}`;

interface Write {
  raterId: string;
  unitId: string;
  period: 'Q3' | 'Q4';
  code: string;
  body: { version: number; points?: number; verifiedValue?: number; comment: string };
}

describe('committee scoring under concurrency', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createScoringApi();
    await Promise.all(
      RATERS.map((id, i) =>
        seedUser(api.db, {
          id,
          name: `评委${i + 1}`,
          title: '考核组成员',
          roles: ['rater'],
          unitId: null,
          affiliatedUnitIds: [],
        }),
      ),
    );
    // Every new rater rates 3.4 (Q4) of the whole category and may verify 1.1 (Q3) of 洛阳镇卫生院.
    const rating = await api.call('POST', '/api/years/2026/assignments', {
      as: 'admin',
      body: { period: 'Q4', code: '3.4', raterIds: RATERS, categoryId: 'primary-care' },
    });
    const verify = await api.call('POST', '/api/years/2026/assignments', {
      as: 'admin',
      body: { period: 'Q3', code: '1.1', raterIds: RATERS, unitIds: ['luoyang-thc'] },
    });
    expect([rating.status, verify.status]).toEqual([200, 200]);
  }, 180_000);
  afterAll(() => api.close());

  it('loses no accepted update, audits each exactly once, and recomputes consistently', async () => {
    // Prepare
    const before = await loadScenario(api.db, 2026);
    const seeded = before.facts?.find(
      (f) => f.unitId === 'luoyang-thc' && f.period === 'Q3' && f.code === '1.1',
    );
    expect(seeded?.verified).toBe(true);
    const writes: Write[] = RATERS.flatMap((raterId, i) => {
      const unitId = UNITS[i % UNITS.length] as string;
      const points = 2 + (i % 4) * 0.5;
      const rate = {
        raterId,
        unitId,
        period: 'Q4' as const,
        code: '3.4',
        body: { version: 0, points, comment: '综合管理有待加强' },
      };
      return [
        rate,
        // The same first write twice: one is accepted, the other is stale.
        { ...rate, body: { ...rate.body, points: points + 0.5 } },
        // All twenty race to verify one value from version 1; some carry a stale version 0.
        {
          raterId,
          unitId: 'luoyang-thc',
          period: 'Q3' as const,
          code: '1.1',
          body: { version: i % 5 === 0 ? 0 : 1, verifiedValue: 70 + i, comment: '抽查核实' },
        },
      ];
    });
    // Act
    const [results, adminActs] = await Promise.all([
      Promise.all(
        writes.map((w) =>
          api.call('PUT', scorePath(w.unitId, w.period, w.code), { as: w.raterId, body: w.body }),
        ),
      ),
      Promise.all([
        api.call('POST', '/api/years/2026/assignments/reassign', {
          as: 'admin',
          body: {
            period: 'Q4',
            unitId: 'jiuxian-chc',
            code: '3.4',
            fromRaterId: 'rater-c14',
            toRaterId: 'rater-caiwu',
            reason: '回避调整',
          },
        }),
        api.call('POST', '/api/years/2026/assignments', {
          as: 'admin2',
          body: {
            period: 'Q3',
            code: '1.4',
            raterIds: ['rater-c01', 'rater-c02'],
            categoryId: 'primary-care',
          },
        }),
        api.call('POST', '/api/years/2026/assignments', {
          as: 'admin2',
          body: { period: 'Q3', code: '1.4', raterIds: ['inspector-both'], categoryId: 'primary-care' },
        }),
        api.call('GET', '/api/years/2026/periods/Q4/scoring-progress', { as: 'admin' }),
      ]),
    ]);
    // Assess: every answer is a decision (or, on an overloaded store, a 503 that changed nothing)
    const statuses = results.map((r) => r.status);
    expect(
      statuses.every((s) => [200, 403, 409, 503].includes(s)),
      JSON.stringify(statuses),
    ).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(RATERS.length / 2);
    // The admins' acts are decided too: the 回避 assignment is always refused.
    expect(adminActs.map((r) => r.status)).toEqual([
      // The reassign races rater-c14's own rating of that unit: it wins, or it is refused (409).
      expect.toSatisfy((s: number) => s === 200 || s === 409 || s === 503),
      expect.toSatisfy((s: number) => s === 200 || s === 503),
      409,
      expect.toSatisfy((s: number) => s === 200 || s === 503),
    ]);
    const reassigned = adminActs[0]!.status === 200;
    const accepted = writes.map((w, i) => ({ w, res: results[i]! })).filter((x) => x.res.status === 200);

    // Each rater's duplicate first rating: exactly one accepted unless the reassign got there first.
    for (const raterId of RATERS) {
      const mine = accepted.filter((a) => a.w.raterId === raterId && a.w.code === '3.4');
      expect(mine.length, raterId).toBeLessThanOrEqual(1);
      const refusedByStore = writes.some(
        (w, i) => w.raterId === raterId && w.code === '3.4' && results[i]?.status === 503,
      );
      if ((raterId !== 'rater-c14' || !reassigned) && !refusedByStore) expect(mine.length, raterId).toBe(1);
    }
    // The racing verifications: versions 2, 3, … each accepted once, the stored one is the last.
    const verified = accepted
      .filter((a) => a.w.code === '1.1')
      .sort((a, b) => a.res.body.version - b.res.body.version);
    expect(verified.length).toBeGreaterThanOrEqual(1);
    expect(verified.map((v) => v.res.body.version)).toEqual(verified.map((_, i) => 2 + i));
    const last = verified.at(-1)!;

    // Audit: one entry per accepted change, matching it
    const trail = (
      await Promise.all(
        UNITS.map(
          async (u) => (await api.call('GET', `/api/years/2026/units/${u}/audit`, { as: 'admin' })).body,
        ),
      )
    ).flat() as { kind: string; by: string; unitId: string; code: string; new: Record<string, unknown> }[];
    const scoreEntries = trail.filter((e) => e.kind === 'rate' || e.kind === 'verify');
    expect(scoreEntries).toHaveLength(accepted.length);
    for (const a of accepted) {
      const matching = scoreEntries.filter(
        (e) =>
          e.by === a.w.raterId &&
          e.unitId === a.w.unitId &&
          e.code === a.w.code &&
          (a.w.code === '1.1'
            ? e.new.verifiedValue === a.w.body.verifiedValue
            : e.new.pointsCents === Math.round((a.w.body.points ?? 0) * 100)),
      );
      expect(matching, `${a.w.raterId} ${a.w.unitId} ${a.w.code}`).toHaveLength(1);
    }
    expect(trail.filter((e) => e.kind === 'reassign')).toHaveLength(reassigned ? 1 : 0);

    // Results: the facts before with the accepted writes applied give the same results as the store.
    const expected = structuredClone(before) as ScenarioInput & {
      facts: NonNullable<ScenarioInput['facts']>;
    };
    const verification = expected.facts.find(
      (f) => f.unitId === 'luoyang-thc' && f.period === 'Q3' && f.code === '1.1',
    )!;
    verification.verifiedValue = last.w.body.verifiedValue;
    for (const a of accepted.filter((x) => x.w.code === '3.4')) {
      // The reassign takes the first rater's rating out of the facts (it stays in the audit trail).
      if (reassigned && a.w.raterId === 'rater-c14' && a.w.unitId === 'jiuxian-chc') continue;
      let fact = expected.facts.find((f) => f.unitId === a.w.unitId && f.period === 'Q4' && f.code === '3.4');
      if (!fact) {
        fact = { unitId: a.w.unitId, period: 'Q4', code: '3.4', verified: true, ratings: [] };
        expected.facts.push(fact);
      }
      fact.verified = true;
      fact.ratings = [
        ...(fact.ratings ?? []),
        { raterId: a.w.raterId, points: formatPoints(Math.round((a.w.body.points ?? 0) * 100)) },
      ].sort((x, y) => x.raterId.localeCompare(y.raterId));
    }
    expected.facts.sort(
      (a, b) =>
        a.unitId.localeCompare(b.unitId) || a.period.localeCompare(b.period) || a.code.localeCompare(b.code),
    );
    const after = await loadScenario(api.db, 2026);
    expect(after.facts).toEqual(expected.facts);
    expect(computeResults(parseScenario(after), { asOfPeriod: 'Q4' })).toEqual(
      computeResults(parseScenario(expected), { asOfPeriod: 'Q4' }),
    );
  }, 180_000);
});
