/**
 * Inspections end to end through the API: the checklist, 回避, the admin's approval writing the
 * approved deductions into the unit's results, veto proposals from a veto finding, and the
 * rectification cycle (unit answers, inspector returns or closes, overdue ones listed).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUnitFacts } from '../../shared/db/facts-repo';
import { loadScenario } from '../../shared/db/results-repo';
import { computeResults, parseScenario } from '../../shared/domain/scoring';
import { recordInspectionWithRectification } from './event-fixtures';
import { CURRENT_YEAR, createTestApi, type TestApi } from './harness';

const Y = CURRENT_YEAR;

const leafCents = async (api: TestApi, unitId: string, code: string) => {
  const results = computeResults(parseScenario(await loadScenario(api.db, Y)));
  const unit = results.categories.flatMap((c) => c.units).find((u) => u.unitId === unitId);
  const leaf = unit?.leaves.find((l) => l.code === code);
  if (!leaf) throw new Error(`no leaf ${code} for ${unitId}`);
  return { annual: leaf.annualCents, w: leaf.wCents };
};

const workbookBase64 = async (rows: unknown[][]) => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('检查清单');
  sheet.addRow(['编号', '检查内容', '扣分', '扣分指标', '一票否决', '否决类别']);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
};

describe('inspections API', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  describe('checklist', () => {
    it('lists the seeded checklist to inspectors', async () => {
      const res = await api.call('GET', `/api/years/${Y}/checklist`, { as: 'inspector-jijian' });
      expect(res.status).toBe(200);
      expect(res.body.map((i: { code: string }) => i.code)).toContain('XF-01');
    });

    it('lets the admin add an item and refuses a duplicate without a version', async () => {
      // Prepare
      const item = { text: '未公示收费标准', points: 0.5, leafCode: '3.2', veto: false };
      // Act
      const created = await api.call('PUT', `/api/years/${Y}/checklist/XF-90`, { as: 'admin', body: item });
      const again = await api.call('PUT', `/api/years/${Y}/checklist/XF-90`, { as: 'admin', body: item });
      const edited = await api.call('PUT', `/api/years/${Y}/checklist/XF-90`, {
        as: 'admin',
        body: { ...item, points: 1, version: 1 },
      });
      // Assess
      expect(created.status).toBe(200);
      expect(again.status).toBe(409);
      expect(edited.body).toMatchObject({ code: 'XF-90', points: 1, version: 2 });
    });

    it('reports every bad row and column of a workbook and imports nothing', async () => {
      // Prepare
      const fileBase64 = await workbookBase64([
        ['XF-91', '乱收费', 2, '3.2', '', ''],
        ['', '无编号', 1, '3.2', '', ''],
        ['XF-92', '扣分不是数字', '两分', '3.2', '', ''],
      ]);
      // Act
      const res = await api.call('POST', `/api/years/${Y}/checklist/import`, {
        as: 'admin',
        body: { fileBase64 },
      });
      const list = await api.call('GET', `/api/years/${Y}/checklist`, { as: 'admin' });
      // Assess
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'row 3 column A' }),
          expect.objectContaining({ path: 'row 4 column C' }),
        ]),
      );
      expect(list.body.map((i: { code: string }) => i.code)).not.toContain('XF-91');
    });

    it('imports a valid workbook, veto items included', async () => {
      const fileBase64 = await workbookBase64([
        ['XF-93', '擅自提高收费标准', 2, '3.2', '', ''],
        ['LZ-93', '收受回扣', '', '3.1', '是', '违纪违法案件'],
      ]);
      const res = await api.call('POST', `/api/years/${Y}/checklist/import`, {
        as: 'admin',
        body: { fileBase64 },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(
        expect.arrayContaining([expect.objectContaining({ code: 'LZ-93', veto: true, points: 0 })]),
      );
    });
  });

  describe('recording and approving', () => {
    it('refuses an inspector affiliated with the unit, saying why (回避)', async () => {
      const res = await api.call('POST', `/api/years/${Y}/inspections`, {
        as: 'inspector-both',
        body: { unitId: 'luoyang-thc', kind: '明查', date: `${Y}-10-08`, findings: [] },
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('回避');
    });

    it('refuses a team member affiliated with the unit too', async () => {
      const res = await api.call('POST', `/api/years/${Y}/inspections`, {
        as: 'inspector-jijian',
        body: {
          unitId: 'luoyang-thc',
          kind: '暗访',
          date: `${Y}-10-08`,
          team: ['inspector-both'],
          findings: [],
        },
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('回避');
    });

    it('refuses an inspection dated after today (server clock, Asia/Shanghai)', async () => {
      const res = await api.call('POST', `/api/years/${Y}/inspections`, {
        as: 'inspector-jijian',
        body: { unitId: 'hesha-thc', kind: '明查', date: `${Y}-11-27`, findings: [] },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe('body.date');
    });

    it('refuses a finding on an item not in the checklist', async () => {
      const res = await api.call('POST', `/api/years/${Y}/inspections`, {
        as: 'inspector-jijian',
        body: { unitId: 'luoyang-thc', kind: '明查', date: `${Y}-10-08`, findings: [{ itemCode: 'NOPE-1' }] },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe('body.findings.0.itemCode');
    });

    it('follows an approved −2 and −1 finding into the unit’s deduction leaf', async () => {
      // Prepare
      const before = await leafCents(api, 'luoyang-thc', '3.2');
      const created = await api.call('POST', `/api/years/${Y}/inspections`, {
        as: 'inspector-jijian',
        body: {
          unitId: 'luoyang-thc',
          kind: '明查',
          date: `${Y}-10-08`,
          team: ['inspector-xingfeng'],
          findings: [
            { itemCode: 'XF-01', note: '住院押金未开收据' },
            { itemCode: 'XF-02', note: '导医台无人', rectifyBy: `${Y}-12-15` },
          ],
        },
      });
      expect(created.status).toBe(201);
      const { id, version } = created.body;
      // A submitted inspection is not shown to the unit (nor counted: no deduction exists yet).
      expect((await loadUnitFacts(api.db, Y, 'luoyang-thc')).deductions).toEqual([]);
      const hidden = await api.call('GET', `/api/years/${Y}/units/luoyang-thc/inspections/${id}`, {
        as: 'luoyang-thc-head',
      });
      expect(hidden.status).toBe(403);

      // Act
      const approved = await api.call(
        'POST',
        `/api/years/${Y}/units/luoyang-thc/inspections/${id}/decision`,
        {
          as: 'admin',
          body: { decision: 'approve', version },
        },
      );

      // Assess
      expect(approved.status).toBe(200);
      expect(approved.body.state).toBe('approved');
      const results = await api.call('GET', `/api/years/${Y}/results`, { as: 'admin' });
      const unit = results.body.categories
        .flatMap((c: { units: unknown[] }) => c.units)
        .find((u: { unitId: string }) => u.unitId === 'luoyang-thc');
      const leaf = unit.leaves.find((l: { code: string }) => l.code === '3.2');
      expect(leaf.annualCents).toBe(Math.max(0, before.annual - 300));
      expect(before.annual).toBe(before.w);
      const again = await api.call('POST', `/api/years/${Y}/units/luoyang-thc/inspections/${id}/decision`, {
        as: 'admin',
        body: { decision: 'approve', version: version + 1 },
      });
      expect(again.status).toBe(409);
      const seen = await api.call('GET', `/api/years/${Y}/inspections`, { as: 'luoyang-thc-reporter' });
      expect(seen.body.map((i: { id: string }) => i.id)).toContain(id);
    });

    it('never takes a deduction leaf below 0', async () => {
      const created = await api.call('POST', `/api/years/${Y}/inspections`, {
        as: 'inspector-xingfeng',
        body: {
          unitId: 'hesha-thc',
          kind: '专项检查',
          date: `${Y}-09-01`,
          findings: [{ itemCode: 'XF-01', points: 60 }],
        },
      });
      await api.call('POST', `/api/years/${Y}/units/hesha-thc/inspections/${created.body.id}/decision`, {
        as: 'admin',
        body: { decision: 'approve', version: 1 },
      });
      expect((await leafCents(api, 'hesha-thc', '3.2')).annual).toBe(0);
    });

    it('turns a veto finding into a veto proposal, not a deduction', async () => {
      const created = await api.call('POST', `/api/years/${Y}/inspections`, {
        as: 'inspector-jijian',
        body: {
          unitId: 'xinyan-thc',
          kind: '暗访',
          date: `${Y}-09-20`,
          findings: [{ itemCode: 'LZ-03', note: '药商送回扣' }],
        },
      });
      await api.call('POST', `/api/years/${Y}/units/xinyan-thc/inspections/${created.body.id}/decision`, {
        as: 'admin',
        body: { decision: 'approve', version: 1 },
      });
      const proposals = await api.call('GET', `/api/years/${Y}/proposals?state=proposed`, { as: 'admin' });
      expect(proposals.body).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'veto',
            unitId: 'xinyan-thc',
            category: '违纪违法案件',
            proposedBy: 'inspector-jijian',
          }),
        ]),
      );
    });

    it('lets an admin reject with a reason, writing nothing', async () => {
      const created = await api.call('POST', `/api/years/${Y}/inspections`, {
        as: 'inspector-xingfeng',
        body: { unitId: 'caohe-thc', kind: '明查', date: `${Y}-09-02`, findings: [{ itemCode: 'XF-04' }] },
      });
      const noReason = await api.call(
        'POST',
        `/api/years/${Y}/units/caohe-thc/inspections/${created.body.id}/decision`,
        {
          as: 'admin',
          body: { decision: 'reject', version: 1 },
        },
      );
      const rejected = await api.call(
        'POST',
        `/api/years/${Y}/units/caohe-thc/inspections/${created.body.id}/decision`,
        {
          as: 'admin',
          body: { decision: 'reject', reason: '证据不足', version: 1 },
        },
      );
      expect(noReason.status).toBe(400);
      expect(rejected.body.state).toBe('rejected');
      expect((await loadUnitFacts(api.db, Y, 'caohe-thc')).deductions).toEqual([]);
    });
  });

  describe('rectification', () => {
    it('goes open → answered → returned → answered → closed, and lists overdue ones', async () => {
      // Prepare: an approved inspection with a rectification due 12-01.
      const created = await recordInspectionWithRectification(api.call);
      await api.call('POST', `/api/years/${Y}/units/shiqiao-thc/inspections/${created.body.id}/decision`, {
        as: 'admin',
        body: { decision: 'approve', version: 1 },
      });
      const rid = `${created.body.id}-1`;
      const path = `/api/years/${Y}/units/shiqiao-thc/rectifications/${rid}`;

      // Not yet overdue on 11-26; overdue on 12-02 (Asia/Shanghai).
      const notYet = await api.call('GET', `/api/years/${Y}/rectifications?overdue=true`, { as: 'admin' });
      expect(notYet.body.map((r: { id: string }) => r.id)).not.toContain(rid);
      api.setNow(new Date(`${Y}-12-02T09:00:00+08:00`));
      const overdue = await api.call('GET', `/api/years/${Y}/rectifications?overdue=true`, { as: 'admin' });
      expect(overdue.body.map((r: { id: string }) => r.id)).toContain(rid);

      // Another unit cannot answer; the inspector cannot close before the answer.
      const foreign = await api.call('POST', `${path}/answer`, {
        as: 'luoyang-thc-head',
        body: { answer: '已整改完毕', version: 1 },
      });
      expect(foreign.status).toBe(403);
      const early = await api.call('POST', `${path}/review`, {
        as: 'inspector-xingfeng',
        body: { decision: 'close', version: 1 },
      });
      expect(early.status).toBe(409);

      // Act
      const answered = await api.call('POST', `${path}/answer`, {
        as: 'shiqiao-thc-reporter',
        body: { answer: '已对药房人员进行批评教育，建立值班签到制度', version: 1 },
      });
      const returned = await api.call('POST', `${path}/review`, {
        as: 'inspector-xingfeng',
        body: { decision: 'return', note: '请附值班签到表', version: answered.body.version },
      });
      const reanswered = await api.call('POST', `${path}/answer`, {
        as: 'shiqiao-thc-head',
        body: { answer: '已补充值班签到表', version: returned.body.version },
      });
      const notTeam = await api.call('POST', `${path}/review`, {
        as: 'inspector-jijian',
        body: { decision: 'close', version: reanswered.body.version },
      });
      const closed = await api.call('POST', `${path}/review`, {
        as: 'inspector-xingfeng',
        body: { decision: 'close', version: reanswered.body.version },
      });

      // Assess
      expect(answered.body.state).toBe('answered');
      expect(returned.body.state).toBe('open');
      expect(notTeam.status).toBe(403);
      expect(closed.status).toBe(200);
      expect(closed.body.state).toBe('closed');
      expect(closed.body.history.map((h: { action: string }) => h.action)).toEqual([
        'opened',
        'answered',
        'returned',
        'answered',
        'closed',
      ]);
      const unitList = await api.call('GET', `/api/years/${Y}/rectifications`, { as: 'shiqiao-thc-head' });
      expect(unitList.body).toEqual([expect.objectContaining({ id: rid, state: 'closed', overdue: false })]);
      const stillOverdue = await api.call('GET', `/api/years/${Y}/rectifications?overdue=true`, {
        as: 'admin',
      });
      expect(stillOverdue.body.map((r: { id: string }) => r.id)).not.toContain(rid);
    });
  });
});
