/**
 * A whole appraisal year through the HTTP app, as the bureau lives it: the admin sets up next year,
 * copies the template, the units sign their agreements, report four quarters with evidence, the
 * committee verifies and rates, an inspector's deduction is approved, publicity opens on draft
 * version 1, one objection is upheld (reopened, rescored, draft version 2 with its diff) and one is
 * rejected, and the results are published. The published results.json must equal a recomputation of
 * the published scenario.json by `npm run score`, byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ratersFor, VERIFIER } from '../../scripts/seed/demo-facts';
import { quarterWindows } from '../../scripts/seed/demo-year';
import { canonicalJson } from '../../shared/domain/canonical-json';
import { computeResults, parseScenario } from '../../shared/domain/scoring';
import { CURRENT_YEAR, createTestApi, type TestApi } from './harness';
import { openPublicityByJob, publishByJob, recomputeByJob } from './job-steps';
import { postToStorage, sha256, tinyPdf } from './submissions-fixtures';
import { acknowledgeAll, readiness } from './year-steps';

const Y = CURRENT_YEAR + 1;
const BASE = `/api/years/${Y}`;
const CATEGORY = 'public-health';
const UNITS = ['cdc', 'supervision', 'emergency-centre', 'tb-clinic', 'blood-station'];
const PERIODS = ['Q1', 'Q2', 'Q3', 'Q4'] as const;
type Period = (typeof PERIODS)[number];
const WINDOWS = new Map(quarterWindows(Y).map((w) => [w.period, w]));
const at = (iso: string, plusHours: number) => new Date(Date.parse(iso) + plusHours * 3_600_000);

interface Row {
  indicator: { code: string; measure: string; ruleType: string; target: unknown; needsValue: boolean };
  item: { version: number } | null;
}
interface QueueItem {
  unitId: string;
  code: string;
  ruleType: string;
  measure: string;
  W: number | string;
  scale: 'points' | 'bands' | null;
  reported: { value: unknown } | null;
  score: { version?: number } | null;
}

/** A unit's value for an indicator: near the target, a little lower for each later unit. */
const valueFor = (indicator: Row['indicator'], unitIndex: number, period: Period): unknown => {
  const target = indicator.target;
  switch (indicator.measure) {
    case 'boolean':
      return unitIndex !== 3;
    case 'date':
      return `${Y}-0${PERIODS.indexOf(period) + 2}-15`;
    case 'count':
      return Math.max(0, Math.round((Number(target ?? 100) * (104 - unitIndex * 6)) / 100));
    default: {
      const base = typeof target === 'number' ? target : Number(target ?? 90);
      const higher = Math.min(100, Math.round(base * (1.03 - unitIndex * 0.04) * 100) / 100);
      return indicator.measure === 'rate' ? Math.max(0, higher) : higher;
    }
  }
};

describe(`a whole appraisal year (${Y}) through the HTTP app`, () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ now: new Date(`${Y}-01-04T09:00:00+08:00`) });
  });
  afterAll(() => api.close());

  const ok = async (status: number, method: string, path: string, as: string, body?: unknown) => {
    const res = await api.call(method, path, { as, ...(body === undefined ? {} : { body }) });
    if (res.status !== status)
      throw new Error(`${method} ${path} as ${as}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const moveYear = async (to: string) => {
    const checklist = await readiness(api, Y, to);
    expect(checklist.blockers).toEqual([]);
    const year = await ok(200, 'GET', BASE, 'admin');
    const move = { version: year.version, acknowledgements: acknowledgeAll(checklist) };
    // 进入结果公示 computes the whole year: a job, as the year page starts it.
    if (to === 'publicity') return openPublicityByJob(api, Y, move);
    return ok(200, 'POST', `${BASE}/transitions`, 'admin', { to, ...move });
  };
  let deductionLeaf = '';
  let ratingLeaf = '';
  let formulaLeaf = '';

  it('is set up: year, template, assignments and five signed agreements', async () => {
    const year = await ok(201, 'POST', '/api/years', 'admin', { year: Y });
    expect(year.state).toBe('setup');
    await ok(200, 'POST', `${BASE}/templates/${CATEGORY}/copy`, 'admin', { fromYear: CURRENT_YEAR });
    await ok(200, 'POST', `${BASE}/agreements/generate`, 'admin', { categoryId: CATEGORY });
    const drafts = await ok(200, 'GET', `${BASE}/agreements?categoryId=${CATEGORY}`, 'admin');
    expect(drafts.map((a: { unitId: string }) => a.unitId).sort()).toEqual([...UNITS].sort());
    for (const unitId of UNITS) {
      const draft = await ok(200, 'GET', `${BASE}/agreements/${unitId}`, 'admin');
      await ok(200, 'POST', `${BASE}/agreements/${unitId}/transitions`, 'admin', {
        to: 'issued',
        version: draft.version,
      });
      const issued = await ok(200, 'GET', `${BASE}/agreements/${unitId}`, `${unitId}-head`);
      const signed = await ok(200, 'POST', `${BASE}/agreements/${unitId}/sign`, `${unitId}-head`, {
        version: issued.version,
        contentHash: issued.contentHash,
        signerName: (await ok(200, 'GET', '/api/me', `${unitId}-head`)).name,
      });
      expect(signed.state).toBe('signed');
    }
    const agreement = await ok(200, 'GET', `${BASE}/agreements/cdc`, 'admin');
    const leaves: { code: string; rule: { type: string }; periods: Period[] }[] =
      agreement.dimensions.flatMap((d: { leaves: unknown[] }) => d.leaves);
    deductionLeaf = leaves.find((l) => l.rule.type === 'deduction')?.code ?? '';
    ratingLeaf = leaves.find((l) => l.rule.type === 'rating' && l.periods.includes('Q4'))?.code ?? '';
    formulaLeaf =
      leaves.find((l) => !['rating', 'deduction'].includes(l.rule.type) && l.periods.includes('Q4'))?.code ??
      '';
    expect([deductionLeaf, ratingLeaf, formulaLeaf].every(Boolean)).toBe(true);

    // The committee: the category's verifier checks values, three unaffiliated raters rate.
    const ratingPanels = new Map<string, string[]>();
    for (const unitId of UNITS) {
      const key = ratersFor(unitId).join(',');
      ratingPanels.set(key, [...(ratingPanels.get(key) ?? []), unitId]);
    }
    for (const leaf of leaves.filter((l) => l.rule.type !== 'deduction')) {
      const panels =
        leaf.rule.type === 'rating'
          ? [...ratingPanels].map(([raters, unitIds]) => ({ raterIds: raters.split(','), unitIds }))
          : [{ raterIds: [VERIFIER[CATEGORY]], unitIds: UNITS }];
      for (const period of leaf.periods) {
        for (const panel of panels) {
          await ok(200, 'POST', `${BASE}/assignments`, 'admin', { period, code: leaf.code, ...panel });
        }
      }
    }
    await ok(200, 'PUT', `${BASE}/checklist/HF-01`, 'admin', {
      text: '工作人员收受红包、回扣',
      points: 2,
      leafCode: deductionLeaf,
    });
    await moveYear('in_progress');
  }, 240_000);

  it('takes four quarters of reports with evidence, verified and rated by the committee', async () => {
    for (const period of PERIODS) {
      const window = WINDOWS.get(period);
      if (!window) throw new Error(period);
      api.setNow(at(window.opensAt, 26));
      for (const [index, unitId] of UNITS.entries()) {
        const reporter = `${unitId}-reporter`;
        const sheet = await ok(200, 'GET', `${BASE}/units/${unitId}/periods/${period}/worksheet`, reporter);
        const rows: Row[] = sheet.rows;
        for (const row of rows) {
          await ok(
            200,
            'PUT',
            `${BASE}/units/${unitId}/periods/${period}/items/${row.indicator.code}`,
            reporter,
            {
              value: row.indicator.needsValue ? valueFor(row.indicator, index, period) : null,
              narrative: `${period} ${row.indicator.code} 完成情况说明`,
              version: row.item?.version ?? 0,
            },
          );
        }
        // One scanned document per quarter: presigned POST straight to storage, then checked.
        const code = rows[0]?.indicator.code ?? '';
        const pdf = tinyPdf(`${unitId} ${period}`);
        const ticket = await ok(
          201,
          'POST',
          `${BASE}/units/${unitId}/periods/${period}/items/${code}/files`,
          reporter,
          {
            name: `${period}台账.pdf`,
            size: pdf.byteLength,
            contentType: 'application/pdf',
            sha256: sha256(pdf),
          },
        );
        expect(await postToStorage(ticket.upload, pdf, 'application/pdf')).toBe(201);
        await ok(
          200,
          'POST',
          `${BASE}/units/${unitId}/periods/${period}/items/${code}/files/${ticket.file.fileId}/complete`,
          reporter,
        );
        const submitted = await api.call('POST', `${BASE}/units/${unitId}/periods/${period}/submission`, {
          as: `${unitId}-head`,
          body: {},
          headers: { 'idempotency-key': randomUUID() },
        });
        expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      }

      // After the window: every assigned rater scores the queue and finalizes the sheet.
      api.setNow(at(window.closesAt, 24));
      const raters = new Set([VERIFIER[CATEGORY] ?? '', ...UNITS.flatMap((u) => ratersFor(u))]);
      for (const raterId of raters) {
        const queue = await ok(200, 'GET', `${BASE}/periods/${period}/scoring-queue`, raterId);
        for (const item of queue.items as QueueItem[]) {
          if (!UNITS.includes(item.unitId)) continue;
          await ok(
            200,
            'PUT',
            `${BASE}/units/${item.unitId}/periods/${period}/scores/${item.code}`,
            raterId,
            {
              version: item.score?.version ?? 0,
              ...scoreFor(item, UNITS.indexOf(item.unitId)),
              comment: '已核对台账和佐证材料',
            },
          );
        }
        if ((queue.items as QueueItem[]).some((i) => UNITS.includes(i.unitId)))
          await ok(200, 'POST', `${BASE}/periods/${period}/sheet/finalize`, raterId, { confirm: true });
      }
    }
    const results = await ok(200, 'GET', `${BASE}/results?asOf=Q4`, 'leader');
    const category = results.categories.find((c: { categoryId: string }) => c.categoryId === CATEGORY);
    expect(category.units).toHaveLength(UNITS.length);
    expect(
      category.units.every((u: { leaves: { flags: string[] }[] }) =>
        u.leaves.every((l) => !l.flags.includes('unverified')),
      ),
    ).toBe(true);
  }, 600_000);

  it('takes an approved inspection’s deduction off the unit’s deduction leaf', async () => {
    const before = await ok(200, 'GET', `${BASE}/units/tb-clinic/results`, 'admin');
    const inspection = await ok(201, 'POST', `${BASE}/inspections`, 'inspector-xingfeng', {
      unitId: 'tb-clinic',
      kind: '暗访',
      date: `${Y}-12-28`,
      findings: [{ itemCode: 'HF-01', note: '门诊医生收受患者红包' }],
    });
    await ok(200, 'POST', `${BASE}/units/tb-clinic/inspections/${inspection.id}/decision`, 'admin', {
      decision: 'approve',
      version: inspection.version,
    });
    const after = await ok(200, 'GET', `${BASE}/units/tb-clinic/results`, 'admin');
    const leaf = (view: { unit: { leaves: { code: string; annualCents: number }[] } }) =>
      view.unit.leaves.find((l) => l.code === deductionLeaf)?.annualCents ?? 0;
    expect(leaf(before) - leaf(after)).toBe(200);
    expect(before.unit.finalCents - after.unit.finalCents).toBe(200);
  });

  it('opens publicity on draft version 1, upholds one objection, rejects another, and shows version 2’s diff', async () => {
    await moveYear('scoring');
    await moveYear('publicity');
    const v1 = await ok(200, 'GET', `${BASE}/drafts/1`, 'admin');
    expect(v1.header.reason).toBe('开始公示');

    const upheldObjection = await ok(201, 'POST', `${BASE}/objections`, 'blood-station-head', {
      code: ratingLeaf,
      reason: '第四季度工作亮点材料评分时未采纳，请复核',
      evidence: '补充材料清单',
    });
    const rejectedObjection = await ok(201, 'POST', `${BASE}/objections`, 'cdc-head', {
      code: formulaLeaf,
      reason: '核定值与县平台统计口径不一致，请复核',
      evidence: '平台截图',
    });
    await ok(200, 'POST', `${BASE}/units/blood-station/objections/${upheldObjection.id}/decision`, 'admin', {
      decision: 'upheld',
      reason: '补充材料属实，由考核组重新评分',
      version: 1,
    });
    await ok(200, 'POST', `${BASE}/units/cdc/objections/${rejectedObjection.id}/decision`, 'admin', {
      decision: 'rejected',
      reason: '按县平台口径核定，维持原分',
      version: 1,
    });
    for (const unitId of ['blood-station', 'cdc']) {
      const notes = await ok(200, 'GET', '/api/notifications', `${unitId}-head`);
      expect(
        notes.items.some((n: { body: string }) =>
          n.body.startsWith(unitId === 'cdc' ? '申诉不成立' : '申诉成立'),
        ),
      ).toBe(true);
    }

    // Rescoring through the scoring workflow: the admin reopens each rater's Q4 sheet, they rescore.
    for (const raterId of ratersFor('blood-station')) {
      await ok(200, 'POST', `${BASE}/periods/Q4/raters/${raterId}/sheet/reopen`, 'admin', {
        reason: '申诉成立，重新评分',
      });
      const queue = await ok(200, 'GET', `${BASE}/periods/Q4/scoring-queue`, raterId);
      const item = (queue.items as QueueItem[]).find(
        (i) => i.unitId === 'blood-station' && i.code === ratingLeaf,
      );
      if (!item) throw new Error(`${raterId} has no ${ratingLeaf}`);
      await ok(200, 'PUT', `${BASE}/units/blood-station/periods/Q4/scores/${ratingLeaf}`, raterId, {
        version: item.score?.version ?? 0,
        ...(item.scale === 'bands' ? { band: '优' } : { points: Number(item.W) }),
        comment: '复核后按补充材料评分',
      });
      await ok(200, 'POST', `${BASE}/periods/Q4/sheet/finalize`, raterId, { confirm: true });
    }
    const v2 = await recomputeByJob(api, Y, {
      reason: '申诉成立，重新评分后更新公示结果',
      objectionIds: [upheldObjection.id],
    });
    expect(v2.header.version).toBe(2);
    const changed = v2.diff.units.find((u: { unitId: string }) => u.unitId === 'blood-station');
    expect(changed.leaves.map((l: { code: string }) => l.code)).toEqual([ratingLeaf]);
    expect(changed.after.finalCents).toBeGreaterThan(changed.before.finalCents);
    expect(
      v2.diff.units.every(
        (u: { unitId: string; leaves: unknown[] }) => u.unitId === 'blood-station' || u.leaves.length === 0,
      ),
    ).toBe(true);
  });

  it('publishes results that anyone recomputes from the published scenario, byte for byte', async () => {
    const year = await ok(200, 'GET', BASE, 'admin');
    const opened = year.history.find((h: { state: string }) => h.state === 'publicity').at;
    api.setNow(new Date(Date.parse(opened) + (year.publicityDays + 1) * 86_400_000));
    const late = await api.call('POST', `${BASE}/objections`, {
      as: 'cdc-head',
      body: { code: formulaLeaf, reason: '公示期后再次申诉，请复核', evidence: '' },
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('WINDOW_CLOSED');

    const checklist = await readiness(api, Y, 'published');
    expect(checklist.blockers).toEqual([]);
    const published = await publishByJob(api, Y, { acknowledgements: acknowledgeAll(checklist) });
    expect(published).toMatchObject({ year: Y, version: 1 });
    const live = await ok(200, 'GET', `${BASE}/results?asOf=Q4`, 'admin');

    const dir = join(api.rankingsDir, String(Y));
    const scenarioJson = readFileSync(join(dir, 'scenario.json'), 'utf8');
    const resultsJson = readFileSync(join(dir, 'results.json'), 'utf8');
    expect(resultsJson).toBe(`${canonicalJson(live)}\n`);
    const scenarioFile = join(api.rankingsDir, `scenario-${Y}.json`);
    writeFileSync(scenarioFile, scenarioJson);
    const recomputed = execFileSync('npx', ['tsx', 'scripts/score.ts', scenarioFile], { encoding: 'utf8' });
    expect(recomputed).toBe(resultsJson);
    expect(resultsJson).toBe(`${canonicalJson(computeResults(parseScenario(JSON.parse(scenarioJson))))}\n`);

    // What was decided during the year is in the published ranking.
    const results = JSON.parse(resultsJson);
    const units = results.categories.flatMap((c: { units: unknown[] }) => c.units) as {
      unitId: string;
      finalCents: number;
      leaves: { code: string; annualCents: number; wCents: number }[];
    }[];
    const tb = units.find((u) => u.unitId === 'tb-clinic');
    const tbLeaf = tb?.leaves.find((l) => l.code === deductionLeaf);
    expect((tbLeaf?.wCents ?? 0) - (tbLeaf?.annualCents ?? 0)).toBe(200);
    const v2 = await ok(200, 'GET', `${BASE}/drafts/2`, 'leader');
    const blood = units.find((u) => u.unitId === 'blood-station');
    expect(blood?.finalCents).toBe(
      v2.diff.units.find((u: { unitId: string }) => u.unitId === 'blood-station').after.finalCents,
    );
    const page = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(page).toContain('清河县中心血站');
    expect(page).toContain(`results  sha256 ${published.resultsSha256}`);
  }, 120_000);
});

/** A rater's score: the reported value verified as is; ratings a little lower for later units. */
const scoreFor = (item: QueueItem, unitIndex: number): Record<string, unknown> => {
  switch (item.ruleType) {
    case 'rating':
      return item.scale === 'bands'
        ? { band: (['优', '良', '良', '中', '中'] as const)[unitIndex] }
        : { points: Math.round(Number(item.W) * (0.95 - unitIndex * 0.05) * 10) / 10 };
    case 'completion':
      return { completion: unitIndex === 4 ? 'late' : 'on_time' };
    case 'count':
      return { occurrences: Number(item.reported?.value ?? 0) };
    default:
      return { verifiedValue: item.reported?.value ?? null };
  }
};
