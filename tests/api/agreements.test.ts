/**
 * Agreements through the HTTP app against DynamoDB Local: generation per category, per-unit
 * changes, every state transition and every refusal (wrong state, wrong role, other unit, stale
 * version), the signature's hash, and amendments with their diff. Year 2027 is prepared here from
 * the seeded 2026 templates; 2026 holds the seeded, signed agreements.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoYear } from '../../scripts/seed/demo-year';
import { seedYear } from '../../shared/db/year-repo';
import { canonicalJson } from '../../shared/domain/canonical-json';
import { createTestApi, type TestApi } from './harness';
import { assignRater } from './submissions-fixtures';

const Y = 2027;
const base = `/api/years/${Y}/agreements`;

const sha256 = (value: unknown) => createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');

/** The signed content of an agreement as the API answers it. */
const signedContent = (a: Record<string, unknown>) => {
  const { year, unitId, unitName, categoryId, categoryName, title, partyA, revision, dimensions } = a;
  return { year, unitId, unitName, categoryId, categoryName, title, partyA, revision, dimensions };
};

const extraIndicator = {
  dimension: '特色工作',
  leaf: {
    code: 'T.1',
    name: '家庭医生签约服务',
    W: 5,
    measure: 'rate',
    direction: 'higher',
    rule: { type: 'threshold' },
    target: 40,
    periods: ['Q2', 'Q4'],
    evidence: '签约协议、履约记录',
    department: '基层卫生健康科',
  },
};

describe('agreements', () => {
  let api: TestApi;
  const get = (unitId: string, as = 'admin') => api.call('GET', `${base}/${unitId}`, { as });
  const move = async (unitId: string, to: string, as = 'admin') => {
    const { body } = await get(unitId);
    return api.call('POST', `${base}/${unitId}/transitions`, { as, body: { to, version: body.version } });
  };
  const sign = async (unitId: string, as: string, name: string) => {
    const { body } = await get(unitId);
    return api.call('POST', `${base}/${unitId}/sign`, {
      as,
      body: { version: body.version, contentHash: body.contentHash, signerName: name },
    });
  };

  beforeAll(async () => {
    api = await createTestApi();
    await seedYear(api.db, demoYear(Y, 'setup'));
    for (const categoryId of ['primary-care', 'public-health']) {
      const copied = await api.call('POST', `/api/years/${Y}/templates/${categoryId}/copy`, {
        as: 'admin',
        body: { fromYear: 2026 },
      });
      expect(copied.status).toBe(200);
    }
    const generated = await api.call('POST', `${base}/generate`, {
      as: 'admin',
      body: { categoryId: 'primary-care' },
    });
    expect(generated.status).toBe(200);
  });
  afterAll(() => api.close());

  describe('generation', () => {
    it('generates every unit of the category as a draft from the template in one action', async () => {
      const list = await api.call('GET', `${base}?categoryId=primary-care`, { as: 'admin' });
      expect(list.body).toHaveLength(14);
      expect(new Set(list.body.map((a: { state: string }) => a.state))).toEqual(new Set(['draft']));
      const luoyang = await get('luoyang-thc');
      expect(luoyang.body.title).toBe('2027年度清河县卫生健康目标管理责任书');
      expect(luoyang.body.totalW).toBe('100.00');
      expect(luoyang.body.problems).toEqual([]);
      const leaves = luoyang.body.dimensions.flatMap((d: { leaves: unknown[] }) => d.leaves);
      // The planned unit target (75) replaces the template's default (80) for this unit only.
      expect(leaves.find((l: { code: string }) => l.code === '1.1')).toMatchObject({
        target: 75,
        targetSource: 'unit_plan',
        ruleText: '达标得满分，未达标不得分（目标值 ≥ 75%）',
      });
      const furong = await get('furong-thc');
      expect(furong.body.dimensions[0].leaves[0]).toMatchObject({ target: 80, targetSource: 'template' });
    });

    it('refuses to generate from a template that does not validate, and writes nothing', async () => {
      // Prepare: break the public-health template's weight sum.
      const template = (await api.call('GET', `/api/years/${Y}/templates/public-health`, { as: 'admin' }))
        .body;
      template.dimensions[0].leaves[0].W = 6;
      const saved = await api.call('PUT', `/api/years/${Y}/templates/public-health`, {
        as: 'admin',
        body: {
          title: template.title,
          partyA: template.partyA,
          dimensions: template.dimensions,
          unitTargets: template.unitTargets,
          version: template.version,
        },
      });
      expect(saved.body.problems).toEqual([
        { path: 'indicators', message: '指标分值合计为 98.00，应为 100' },
      ]);
      // Act
      const res = await api.call('POST', `${base}/generate`, {
        as: 'admin',
        body: { categoryId: 'public-health' },
      });
      // Assess
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([
        { path: 'template.indicators', message: '指标分值合计为 98.00，应为 100' },
      ]);
      expect((await api.call('GET', `${base}?categoryId=public-health`, { as: 'admin' })).body).toEqual([]);
    });

    it('refuses a year whose results are published', async () => {
      const res = await api.call('POST', '/api/years/2025/agreements/generate', {
        as: 'admin',
        body: { categoryId: 'primary-care' },
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('WRONG_STATE');
    });
  });

  describe('per-unit changes', () => {
    it('keeps a unit-specific indicator but refuses to issue until the weights sum to 100 again', async () => {
      // Prepare
      const draft = (await get('hesha-thc')).body;
      // Act: add a 5-point indicator without taking 5 points elsewhere.
      const unbalanced = await api.call('PUT', `${base}/hesha-thc`, {
        as: 'admin',
        body: {
          version: draft.version,
          customisation: { extraIndicators: [extraIndicator], targets: { '1.4': 96 } },
        },
      });
      const refused = await api.call('POST', `${base}/hesha-thc/transitions`, {
        as: 'admin',
        body: { to: 'issued', version: unbalanced.body.version },
      });
      const balanced = await api.call('PUT', `${base}/hesha-thc`, {
        as: 'admin',
        body: {
          version: unbalanced.body.version,
          customisation: {
            extraIndicators: [extraIndicator],
            targets: { '1.4': 96 },
            weights: { '2.1': 10 },
          },
        },
      });
      // Assess
      expect(unbalanced.status).toBe(200);
      expect(unbalanced.body.totalW).toBe('105.00');
      expect(unbalanced.body.problems).toEqual([
        { path: 'indicators', message: '指标分值合计为 105.00，应为 100' },
      ]);
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toEqual(unbalanced.body.problems);
      expect(balanced.body.problems).toEqual([]);
      const dimensions = balanced.body.dimensions;
      expect(dimensions.map((d: { name: string }) => d.name)).toEqual([
        '基本公共卫生服务',
        '医疗服务与新农合',
        '行风建设与满意度',
        '特色工作',
      ]);
      expect(dimensions[0].leaves[3]).toMatchObject({ code: '1.4', target: 96, targetSource: 'agreement' });
      expect(dimensions[3].leaves[0]).toMatchObject({ code: 'T.1', origin: 'unit' });
    });

    it('refuses an override of an indicator the template does not have', async () => {
      const draft = (await get('caohe-thc')).body;
      const res = await api.call('PUT', `${base}/caohe-thc`, {
        as: 'admin',
        body: { version: draft.version, customisation: { targets: { '9.9': 50 } } },
      });
      expect(res.body.problems).toEqual([
        { path: 'customisation.targets.9.9', message: '指标 9.9 不在本单位的模板指标中' },
      ]);
    });

    it('re-generates drafts keeping their own changes, and never touches an agreement that left draft', async () => {
      // Prepare: issue one unit.
      expect((await move('xining-thc', 'issued')).status).toBe(200);
      // Act
      const res = await api.call('POST', `${base}/generate`, {
        as: 'admin',
        body: { categoryId: 'primary-care' },
      });
      // Assess
      expect(res.status).toBe(200);
      expect(res.body.created).toEqual([]);
      expect(res.body.skipped).toEqual([{ unitId: 'xining-thc', state: 'issued' }]);
      expect(res.body.regenerated).toContain('hesha-thc');
      const hesha = (await get('hesha-thc')).body;
      expect(hesha.customisation.weights).toEqual({ '2.1': 10 });
      expect(hesha.history.map((e: { action: string }) => e.action)).toEqual([
        'generated',
        'edited',
        'edited',
        'regenerated',
      ]);
      expect((await get('xining-thc')).body.state).toBe('issued');
    });
  });

  describe('transitions', () => {
    it('moves draft → issued → signed → locked, recording each step', async () => {
      const issued = await move('luoyang-thc', 'issued');
      expect(issued.status).toBe(200);
      expect(issued.body.state).toBe('issued');
      const signed = await sign('luoyang-thc', 'luoyang-thc-head', '韩春生');
      expect(signed.status).toBe(200);
      expect(signed.body.state).toBe('signed');
      const locked = await move('luoyang-thc', 'locked');
      expect(locked.status).toBe(200);
      expect(locked.body.state).toBe('locked');
      expect(locked.body.history.map((e: { action: string }) => e.action)).toEqual([
        'generated',
        'regenerated',
        'issued',
        'signed',
        'locked',
      ]);
    });

    it('records the signer, the time and the SHA-256 of the exact canonical content signed', async () => {
      const agreement = (await get('luoyang-thc')).body;
      const versions = (await api.call('GET', `${base}/luoyang-thc/versions`, { as: 'luoyang-thc-head' }))
        .body;
      expect(agreement.signature).toEqual({
        userId: 'luoyang-thc-head',
        name: '韩春生',
        at: '2026-11-26T02:00:00.000Z',
        revision: 1,
        contentHash: sha256(signedContent(agreement)),
      });
      expect(versions).toHaveLength(1);
      expect(versions[0]).toMatchObject({ revision: 1, signature: agreement.signature, hashValid: true });
    });

    it('lets the admin withdraw an issued, never signed agreement to draft', async () => {
      expect((await move('chengguan-thc', 'issued')).status).toBe(200);
      const withdrawn = await move('chengguan-thc', 'draft');
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.state).toBe('draft');
      expect((await move('chengguan-thc', 'issued')).body.state).toBe('issued');
    });

    it('issues every draft of a category at once, or none while one of them has problems', async () => {
      // caohe-thc still overrides an indicator the template does not have.
      const refused = await api.call('POST', `${base}/issue`, {
        as: 'admin',
        body: { categoryId: 'primary-care' },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toEqual([
        {
          path: 'units.caohe-thc.customisation.targets.9.9',
          message: '漕河镇卫生院：指标 9.9 不在本单位的模板指标中',
        },
      ]);
      const drafts = () => api.call('GET', `${base}?categoryId=primary-care&state=draft`, { as: 'admin' });
      expect((await drafts()).body).toHaveLength(11);

      const caohe = (await get('caohe-thc')).body;
      await api.call('PUT', `${base}/caohe-thc`, {
        as: 'admin',
        body: { version: caohe.version, customisation: {} },
      });
      const res = await api.call('POST', `${base}/issue`, {
        as: 'admin',
        body: { categoryId: 'primary-care' },
      });
      expect(res.status).toBe(200);
      expect(res.body.issued).toHaveLength(11);
      expect((await drafts()).body).toEqual([]);
    });

    it('refuses a move the state does not allow (409 WRONG_STATE)', async () => {
      const lockIssued = await move('furong-thc', 'locked');
      const withdrawLocked = await move('luoyang-thc', 'draft');
      const signLocked = await sign('luoyang-thc', 'luoyang-thc-head', '韩春生');
      const editIssued = await api.call('PUT', `${base}/furong-thc`, {
        as: 'admin',
        body: { version: (await get('furong-thc')).body.version, customisation: {} },
      });
      for (const res of [lockIssued, withdrawLocked, signLocked, editIssued]) {
        expect(res.status).toBe(409);
        expect(res.body.error.code).toBe('WRONG_STATE');
      }
      expect(lockIssued.body.error.message).toBe('责任书当前为“已下达”，不能锁定');
    });

    it('refuses a stale version with 409 STALE_VERSION and the current version', async () => {
      const current = (await get('furong-thc')).body;
      const res = await api.call('POST', `${base}/furong-thc/transitions`, {
        as: 'admin',
        body: { to: 'draft', version: current.version - 1 },
      });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'STALE_VERSION', currentVersion: current.version });
      expect((await get('furong-thc')).body.state).toBe('issued');
    });

    it('refuses a signature on content other than what the unit head read', async () => {
      const current = (await get('furong-thc')).body;
      const res = await api.call('POST', `${base}/furong-thc/sign`, {
        as: 'furong-thc-head',
        body: { version: current.version, contentHash: 'a'.repeat(64), signerName: '杨秀英' },
      });
      const wrongName = await api.call('POST', `${base}/furong-thc/sign`, {
        as: 'furong-thc-head',
        body: { version: current.version, contentHash: current.contentHash, signerName: '张三' },
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('CONTENT_CHANGED');
      expect(wrongName.status).toBe(400);
      expect(wrongName.body.error.details).toEqual([
        { path: 'body.signerName', message: '请输入本人姓名“杨秀英”' },
      ]);
    });
  });

  describe('access', () => {
    it('refuses the wrong role (403)', async () => {
      const reporterSigns = await sign('furong-thc', 'furong-thc-reporter', '宋佳');
      const headIssues = await move('furong-thc', 'locked', 'furong-thc-head');
      const leaderEdits = await api.call('POST', `${base}/generate`, {
        as: 'leader',
        body: { categoryId: 'primary-care' },
      });
      const raterAmends = await api.call('POST', `${base}/furong-thc/amendments`, {
        as: 'rater-jiceng',
        body: { version: 1, reason: '调整目标', customisation: {} },
      });
      for (const res of [reporterSigns, headIssues, leaderEdits, raterAmends]) expect(res.status).toBe(403);
    });

    it("refuses another unit's agreement to unit roles (403), and signing another unit's", async () => {
      const reads = await api.call('GET', `${base}/furong-thc`, { as: 'luoyang-thc-reporter' });
      const versions = await api.call('GET', `${base}/furong-thc/versions`, { as: 'luoyang-thc-head' });
      const signs = await api.call('POST', `${base}/furong-thc/sign`, {
        as: 'luoyang-thc-head',
        body: { version: 1, contentHash: 'a'.repeat(64), signerName: '韩春生' },
      });
      for (const res of [reads, versions, signs]) expect(res.status).toBe(403);
      expect(JSON.stringify(reads.body)).not.toContain('芙蓉');
      const own = await api.call('GET', `${base}?categoryId=primary-care`, { as: 'luoyang-thc-reporter' });
      expect(own.body.map((a: { unitId: string }) => a.unitId)).toEqual(['luoyang-thc']);
    });

    it('lets raters read the agreements of units they are assigned to, never an affiliated one', async () => {
      // Prepare: inspector-both (a rater affiliated with 洛阳) assigned there by mistake and to 芙蓉
      await assignRater(api, 'luoyang-thc', 'rater-jiceng', [{ code: '1.1', periods: ['Q4'] }], Y);
      await assignRater(api, 'luoyang-thc', 'inspector-both', [{ code: '1.1', periods: ['Q4'] }], Y);
      await assignRater(api, 'furong-thc', 'inspector-both', [{ code: '1.1', periods: ['Q4'] }], Y);
      // Act
      const rater = await api.call('GET', `${base}/luoyang-thc`, { as: 'rater-jiceng' });
      const unassigned = await api.call('GET', `${base}/luoyang-thc`, { as: 'rater-fuyou' });
      const affiliated = await api.call('GET', `${base}/luoyang-thc`, { as: 'inspector-both' });
      const listed = await api.call('GET', `${base}?categoryId=primary-care`, { as: 'inspector-both' });
      // Assess
      expect(rater.status).toBe(200);
      expect(unassigned.status).toBe(403);
      expect(affiliated.status).toBe(403);
      expect(listed.body.map((a: { unitId: string }) => a.unitId)).toEqual(['furong-thc']);
    });

    it('shows drafts to the admin and leaders only', async () => {
      // Prepare: a fresh draft in another category.
      const template = (await api.call('GET', `/api/years/${Y}/templates/public-health`, { as: 'admin' }))
        .body;
      template.dimensions[0].leaves[0].W = 8;
      const { version, title, partyA, dimensions, unitTargets } = template;
      await api.call('PUT', `/api/years/${Y}/templates/public-health`, {
        as: 'admin',
        body: { version, title, partyA, dimensions, unitTargets },
      });
      expect(
        (await api.call('POST', `${base}/generate`, { as: 'admin', body: { categoryId: 'public-health' } }))
          .status,
      ).toBe(200);
      // Act / Assess
      expect((await get('cdc', 'leader')).status).toBe(200);
      expect((await get('cdc', 'cdc-head')).status).toBe(404);
      expect((await api.call('GET', `${base}`, { as: 'cdc-head' })).body).toEqual([]);
    });
  });

  describe('amendments', () => {
    let amendmentId: string;

    it('refuses an amendment before the agreement was signed', async () => {
      const res = await api.call('POST', `${base}/furong-thc/amendments`, {
        as: 'admin',
        body: { version: (await get('furong-thc')).body.version, reason: '调整目标值', customisation: {} },
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('WRONG_STATE');
    });

    it('proposes an amendment of a signed agreement with its reason and diff', async () => {
      const current = (await get('luoyang-thc')).body;
      const res = await api.call('POST', `${base}/luoyang-thc/amendments`, {
        as: 'admin',
        body: {
          version: current.version,
          reason: '县政府调整新农合参合任务',
          customisation: { ...current.customisation, targets: { '2.1': 88 } },
        },
      });
      expect(res.status).toBe(201);
      amendmentId = res.body.id;
      expect(res.body).toMatchObject({
        state: 'pending',
        fromRevision: 1,
        reason: '县政府调整新农合参合任务',
      });
      expect(res.body.diff.indicators).toEqual([
        {
          code: '2.1',
          name: '新农合参合率',
          dimension: '医疗服务与新农合',
          kind: 'changed',
          fields: [
            { field: 'target', label: '目标值', before: '90%', after: '88%' },
            {
              field: 'ruleText',
              label: '评分标准',
              before: '目标值 90%，每低于目标 1 个百分点扣 2 分，扣完为止',
              after: '目标值 88%，每低于目标 1 个百分点扣 2 分，扣完为止',
            },
          ],
        },
      ]);
      // The agreement is unchanged until the amendment is approved.
      const after = (await get('luoyang-thc')).body;
      expect(after).toMatchObject({ state: 'locked', revision: 1, pendingAmendmentId: amendmentId });
    });

    it('refuses a second amendment while one is pending', async () => {
      const current = (await get('luoyang-thc')).body;
      const res = await api.call('POST', `${base}/luoyang-thc/amendments`, {
        as: 'admin',
        body: { version: current.version, reason: '再次调整', customisation: { targets: { '2.1': 87 } } },
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('AMENDMENT_PENDING');
    });

    it('makes an approved amendment the next revision, to be signed again; every version stays readable', async () => {
      const current = (await get('luoyang-thc')).body;
      const res = await api.call('POST', `${base}/luoyang-thc/amendments/${amendmentId}/decision`, {
        as: 'admin',
        body: { version: current.version, approve: true, note: '同意' },
      });
      expect(res.status).toBe(200);
      expect(res.body.agreement).toMatchObject({ state: 'issued', revision: 2 });
      expect(res.body.agreement.signature).toBeUndefined();
      expect(res.body.amendment).toMatchObject({ state: 'approved', toRevision: 2, decidedBy: 'admin' });

      const signed = await sign('luoyang-thc', 'luoyang-thc-head', '韩春生');
      expect(signed.body).toMatchObject({ state: 'signed', revision: 2 });

      const versions = (await api.call('GET', `${base}/luoyang-thc/versions`, { as: 'luoyang-thc-reporter' }))
        .body;
      expect(versions.map((v: { revision: number }) => v.revision)).toEqual([1, 2]);
      expect(versions.every((v: { hashValid: boolean }) => v.hashValid)).toBe(true);
      expect(versions[0].signature.contentHash).not.toBe(versions[1].signature.contentHash);
      expect(versions[1]).toMatchObject({ reason: '县政府调整新农合参合任务', amendmentId });

      const diff = await api.call('GET', `${base}/luoyang-thc/diff`, { as: 'luoyang-thc-head' });
      expect(diff.body).toMatchObject({ fromRevision: 1, toRevision: 2, header: [] });
      expect(diff.body.indicators.map((c: { code: string }) => c.code)).toEqual(['2.1']);
    });

    it('rejects an amendment, leaving the agreement as it was', async () => {
      const current = (await get('luoyang-thc')).body;
      const proposed = await api.call('POST', `${base}/luoyang-thc/amendments`, {
        as: 'admin',
        body: {
          version: current.version,
          reason: '申请降低目标',
          customisation: { ...current.customisation, removedCodes: ['2.3'], weights: { '2.1': 20 } },
        },
      });
      expect(proposed.body.diff.indicators.map((c: { kind: string }) => c.kind)).toEqual([
        'changed',
        'removed',
      ]);
      const decided = await api.call('POST', `${base}/luoyang-thc/amendments/${proposed.body.id}/decision`, {
        as: 'admin',
        body: { version: (await get('luoyang-thc')).body.version, approve: false, note: '理由不充分' },
      });
      expect(decided.body.amendment.state).toBe('rejected');
      expect(decided.body.agreement).toMatchObject({ state: 'signed', revision: 2 });
      expect(decided.body.agreement.pendingAmendmentId).toBeUndefined();
      const listed = (await api.call('GET', `${base}/luoyang-thc/amendments`, { as: 'luoyang-thc-head' }))
        .body;
      expect(listed.map((a: { state: string }) => a.state)).toEqual(['rejected', 'approved']);
    });
  });

  describe('the demo seed', () => {
    it('holds a signed 2026 agreement with a valid hash for every unit', async () => {
      const list = (await api.call('GET', '/api/years/2026/agreements', { as: 'leader' })).body;
      expect(list).toHaveLength(25);
      expect(new Set(list.map((a: { state: string }) => a.state))).toEqual(new Set(['signed']));
      const hospital = (await api.call('GET', '/api/years/2026/agreements/county-hospital', { as: 'leader' }))
        .body;
      expect(hospital.totalW).toBe('100.00');
      expect(hospital.signature.contentHash).toBe(sha256(signedContent(hospital)));
    });
  });
});
