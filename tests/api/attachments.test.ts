/**
 * Attachments through the evidence mechanism: photos of a submitted inspection, the unit's evidence
 * of a rectification answer and the proposer's evidence of a proposal. Each is uploaded by presigned
 * POST and checked after upload (type from the bytes, size, SHA-256); only the owner's readers list
 * and open them, only its writer adds them, and never once the owner is decided.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoInspections } from '../../scripts/seed/demo-inspections';
import { seedDemoAttachments } from '../../scripts/seed/demo-submissions';
import { createPendingAttachment, markAttachmentReady } from '../../shared/db/attachment-repo';
import { adjustmentKey } from '../../shared/db/keys';
import { CURRENT_YEAR, createTestApi, type TestApi } from './harness';
import { postToStorage, sha256, tinyPdf, tinyPng } from './submissions-fixtures';

const Y = CURRENT_YEAR;
const UNIT = 'luoyang-thc';
const PNG = 'image/png';
const PDF = 'application/pdf';

interface Upload {
  name: string;
  bytes: Uint8Array;
  type: string;
  /** Declared instead of the real values, to provoke the checks after upload. */
  declaredType?: string;
  declaredSha?: string;
}

describe('attachments API', () => {
  let api: TestApi;
  let inspectionId: string;

  const base = (kind: string, id: string) => `/api/years/${Y}/units/${UNIT}/attachments/${kind}/${id}`;

  const requestUpload = (as: string, kind: string, id: string, f: Upload) =>
    api.call('POST', base(kind, id), {
      as,
      body: {
        name: f.name,
        size: f.bytes.byteLength,
        contentType: f.declaredType ?? f.type,
        sha256: f.declaredSha ?? sha256(f.bytes),
      },
    });

  /** The browser's flow: ticket, POST to storage, confirm. */
  const upload = async (as: string, kind: string, id: string, f: Upload) => {
    const ticket = await requestUpload(as, kind, id, f);
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    expect(await postToStorage(ticket.body.upload, f.bytes, f.declaredType ?? f.type)).toBe(201);
    const done = await api.call('POST', `${base(kind, id)}/${ticket.body.file.fileId}/complete`, { as });
    return { ticket, done };
  };

  const record = async (findings: unknown[] = []) => {
    const res = await api.call('POST', `/api/years/${Y}/inspections`, {
      as: 'inspector-jijian',
      body: { unitId: UNIT, kind: '明查', date: `${Y}-11-02`, findings },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  };
  const approve = (i: { id: string; version: number }) =>
    api.call('POST', `/api/years/${Y}/units/${UNIT}/inspections/${i.id}/decision`, {
      as: 'admin',
      body: { decision: 'approve', version: i.version },
    });

  beforeAll(async () => {
    api = await createTestApi();
    inspectionId = (await record([{ itemCode: 'XF-01', note: '重复收费', rectifyBy: `${Y}-12-20` }])).id;
  });
  afterAll(() => api.close());

  describe('inspection photos', () => {
    it('stores a PNG photo of a submitted inspection and lets the team open it', async () => {
      // Prepare
      const bytes = tinyPng();
      // Act
      const { ticket, done } = await upload('inspector-jijian', 'inspection', inspectionId, {
        name: '收费窗口.png',
        bytes,
        type: PNG,
      });
      const list = await api.call('GET', base('inspection', inspectionId), { as: 'inspector-jijian' });
      const link = await api.call('GET', `${base('inspection', inspectionId)}/${done.body.fileId}/link`, {
        as: 'admin',
      });
      // Assess
      expect(ticket.body.file.objectKey).toMatch(
        new RegExp(`^units/${UNIT}/${Y}/attachments/${inspectionId}/[0-9a-f-]{36}\\.png$`),
      );
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ state: 'ready', name: '收费窗口.png', ownerKind: 'inspection' });
      expect(list.body.map((f: { name: string }) => f.name)).toEqual(['收费窗口.png']);
      expect(link.status).toBe(200);
      expect(link.body).toMatchObject({ inline: true, contentType: PNG });
      const fetched = await fetch(link.body.url);
      expect(Buffer.from(await fetched.arrayBuffer()).equals(bytes)).toBe(true);
    });

    it('refuses a declared type, size or malformed id before signing, naming what is wrong', async () => {
      const wrongType = await requestUpload('inspector-jijian', 'inspection', inspectionId, {
        name: 'a.txt',
        bytes: new Uint8Array([1, 2, 3]),
        type: 'text/plain',
      });
      const tooLarge = await api.call('POST', base('inspection', inspectionId), {
        as: 'inspector-jijian',
        body: { name: 'big.png', size: 51 * 1024 * 1024, contentType: PNG, sha256: 'a'.repeat(64) },
      });
      const badSha = await api.call('POST', base('inspection', inspectionId), {
        as: 'inspector-jijian',
        body: { name: 'x.png', size: 10, contentType: PNG, sha256: 'not-hex' },
      });
      const badId = await api.call('GET', base('inspection', 'b-not-an-inspection'), { as: 'admin' });
      expect(wrongType.status).toBe(415);
      expect(tooLarge.status).toBe(413);
      expect(badSha.status).toBe(400);
      expect(badSha.body.error.details[0].path).toBe('body.sha256');
      expect(badId.status).toBe(400);
      expect(badId.body.error.details[0].path).toBe('param.ownerId');
    });

    it('removes an upload whose bytes are not the declared type or checksum', async () => {
      // Act
      const pdfAsPng = await upload('inspector-jijian', 'inspection', inspectionId, {
        name: '伪装.png',
        bytes: tinyPdf('not a png'),
        type: PDF,
        declaredType: PNG,
      });
      const corrupted = await upload('inspector-jijian', 'inspection', inspectionId, {
        name: '损坏.png',
        bytes: tinyPng(20, 20),
        type: PNG,
        declaredSha: sha256(tinyPng(21, 20)),
      });
      const list = await api.call('GET', base('inspection', inspectionId), { as: 'inspector-jijian' });
      // Assess
      expect(pdfAsPng.done.status).toBe(415);
      expect(corrupted.done.status).toBe(422);
      expect(corrupted.done.body.error.code).toBe('CHECKSUM_MISMATCH');
      expect(list.body).toHaveLength(1);
      expect(await api.evidence.inspect(pdfAsPng.ticket.body.file.objectKey)).toBeUndefined();
    });

    it('keeps a submitted inspection’s photos from other inspectors and from the unit (403)', async () => {
      const path = base('inspection', inspectionId);
      const [other, reporter, foreign, rater, unitUpload] = await Promise.all([
        api.call('GET', path, { as: 'inspector-xingfeng' }),
        api.call('GET', path, { as: `${UNIT}-reporter` }),
        api.call('GET', path, { as: 'xinyan-thc-head' }),
        api.call('GET', path, { as: 'rater-jiceng' }),
        requestUpload(`${UNIT}-head`, 'inspection', inspectionId, {
          name: 'a.png',
          bytes: tinyPng(),
          type: PNG,
        }),
      ]);
      for (const res of [other, reporter, foreign, rater, unitUpload]) expect(res.status).toBe(403);
      expect(JSON.stringify(foreign.body)).not.toContain('收费窗口');
    });

    it('lets the team remove a photo before approval', async () => {
      const { done } = await upload('inspector-jijian', 'inspection', inspectionId, {
        name: '多余.png',
        bytes: tinyPng(8, 8),
        type: PNG,
      });
      const removed = await api.call('DELETE', `${base('inspection', inspectionId)}/${done.body.fileId}`, {
        as: 'inspector-jijian',
      });
      const list = await api.call('GET', base('inspection', inspectionId), { as: 'admin' });
      expect(removed.status).toBe(204);
      expect(list.body.map((f: { name: string }) => f.name)).toEqual(['收费窗口.png']);
      expect(await api.evidence.inspect(done.body.objectKey)).toBeUndefined();
    });

    it('answers a second confirmation or removal of the same file as done, not as a closed record', async () => {
      const { ticket, done } = await upload('inspector-jijian', 'inspection', inspectionId, {
        name: '重复确认.png',
        bytes: tinyPng(6, 6),
        type: PNG,
      });
      const again = await api.call(
        'POST',
        `${base('inspection', inspectionId)}/${ticket.body.file.fileId}/complete`,
        {
          as: 'inspector-jijian',
        },
      );
      expect(done.status).toBe(200);
      expect(again.status).toBe(200);
      expect(again.body.state).toBe('ready');
      const path = `${base('inspection', inspectionId)}/${done.body.fileId}`;
      const removed = await api.call('DELETE', path, { as: 'inspector-jijian' });
      const twice = await api.call('DELETE', path, { as: 'inspector-jijian' });
      expect(removed.status).toBe(204);
      expect(twice.status).toBe(404);
    });

    it('approves an inspection without photos', async () => {
      const bare = await record();
      expect((await approve(bare)).status).toBe(200);
    });

    it('refuses photos once approved (409) and shows them to the unit then', async () => {
      // Prepare
      const current = await api.call('GET', `/api/years/${Y}/units/${UNIT}/inspections/${inspectionId}`, {
        as: 'admin',
      });
      expect((await approve(current.body)).status).toBe(200);
      // Act
      const late = await requestUpload('inspector-jijian', 'inspection', inspectionId, {
        name: '补拍.png',
        bytes: tinyPng(),
        type: PNG,
      });
      const unitList = await api.call('GET', base('inspection', inspectionId), { as: `${UNIT}-reporter` });
      // Assess
      expect(late.status).toBe(409);
      expect(late.body.error.message).toContain('已审核');
      expect(unitList.status).toBe(200);
      expect(unitList.body).toHaveLength(1);
    });
  });

  describe('rectification evidence', () => {
    const orderId = () => `${inspectionId}-1`;

    it('lets the unit attach evidence while the order is open and the team read it', async () => {
      // Act
      const { done } = await upload(`${UNIT}-reporter`, 'rectification', orderId(), {
        name: '退费凭证.pdf',
        bytes: tinyPdf('refund'),
        type: PDF,
      });
      const team = await api.call('GET', base('rectification', orderId()), { as: 'inspector-jijian' });
      const [other, foreign, byInspector] = await Promise.all([
        api.call('GET', base('rectification', orderId()), { as: 'inspector-xingfeng' }),
        api.call('GET', base('rectification', orderId()), { as: 'xinyan-thc-head' }),
        requestUpload('inspector-jijian', 'rectification', orderId(), {
          name: 'x.png',
          bytes: tinyPng(),
          type: PNG,
        }),
      ]);
      // Assess
      expect(done.status).toBe(200);
      expect(team.body.map((f: { name: string }) => f.name)).toEqual(['退费凭证.pdf']);
      expect([other.status, foreign.status, byInspector.status]).toEqual([403, 403, 403]);
    });

    it('refuses evidence once the answer is reported (409)', async () => {
      const orders = await api.call('GET', `/api/years/${Y}/rectifications`, { as: `${UNIT}-head` });
      const order = orders.body.find((r: { id: string }) => r.id === orderId());
      const answered = await api.call(
        'POST',
        `/api/years/${Y}/units/${UNIT}/rectifications/${orderId()}/answer`,
        { as: `${UNIT}-head`, body: { answer: '已退还重复收取的费用', version: order.version } },
      );
      const late = await requestUpload(`${UNIT}-head`, 'rectification', orderId(), {
        name: '补充.pdf',
        bytes: tinyPdf('late'),
        type: PDF,
      });
      expect(answered.status).toBe(200);
      expect(late.status).toBe(409);
      expect(late.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    });
  });

  describe('proposal evidence', () => {
    it('lets the proposer attach evidence and refuses everyone else', async () => {
      // Prepare
      const proposal = await api.call('POST', `/api/years/${Y}/proposals`, {
        as: `${UNIT}-head`,
        body: { kind: 'bonus', unitId: UNIT, title: '市级文明单位', points: 1, reason: '市文明委表彰文件' },
      });
      expect(proposal.status).toBe(201);
      const id = proposal.body.id as string;
      // Act
      const { done } = await upload(`${UNIT}-head`, 'bonus', id, {
        name: '表彰文件.pdf',
        bytes: tinyPdf('award'),
        type: PDF,
      });
      const [admin, reporter, inspector, inspectorUpload, adminUpload, wrongKind] = await Promise.all([
        api.call('GET', base('bonus', id), { as: 'admin' }),
        api.call('GET', base('bonus', id), { as: `${UNIT}-reporter` }),
        api.call('GET', base('bonus', id), { as: 'inspector-jijian' }),
        requestUpload('inspector-jijian', 'bonus', id, { name: 'x.pdf', bytes: tinyPdf(), type: PDF }),
        requestUpload('admin', 'bonus', id, { name: 'x.pdf', bytes: tinyPdf(), type: PDF }),
        api.call('GET', base('penalty', id), { as: 'admin' }),
      ]);
      // Assess
      expect(done.status).toBe(200);
      expect(admin.body.map((f: { name: string }) => f.name)).toEqual(['表彰文件.pdf']);
      expect([reporter.status, inspector.status, inspectorUpload.status, adminUpload.status]).toEqual([
        403, 403, 403, 403,
      ]);
      expect(wrongKind.status).toBe(404);
    });

    it('refuses a 21st file of one owner (409)', async () => {
      // Prepare: twenty checked files already recorded.
      const proposal = await api.call('POST', `/api/years/${Y}/proposals`, {
        as: 'inspector-jijian',
        body: { kind: 'penalty', unitId: UNIT, title: '全县通报批评', points: 0.5, reason: '值班脱岗被通报' },
      });
      const owner = {
        key: adjustmentKey(Y, UNIT, 'penalty', proposal.body.id),
        openState: 'proposed',
        closedMessage: '',
      };
      for (let n = 0; n < 20; n++) {
        const file = {
          fileId: `0000000${n}`.slice(-8),
          year: Y,
          unitId: UNIT,
          ownerKind: 'penalty' as const,
          ownerId: proposal.body.id,
          name: `通报${n}.pdf`,
          contentType: PDF,
          size: 10,
          sha256: 'a'.repeat(64),
          state: 'pending' as const,
          objectKey: `units/${UNIT}/${Y}/attachments/${proposal.body.id}/${n}.pdf`,
          uploadedAt: new Date().toISOString(),
          uploadedBy: 'inspector-jijian',
          uploadedByName: '检查组',
        };
        await createPendingAttachment(api.db, file, new Date(), owner);
        await markAttachmentReady(api.db, file, owner);
      }
      // Act
      const res = await requestUpload('inspector-jijian', 'penalty', proposal.body.id, {
        name: '第二十一个.pdf',
        bytes: tinyPdf(),
        type: PDF,
      });
      // Assess
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('TOO_MANY_FILES');
    });

    it('keeps the 20-file limit under 30 concurrent confirmations: exactly 20 listed, the rest refused', async () => {
      // Prepare: 30 signed and stored uploads of one proposal, none confirmed yet.
      const proposal = await api.call('POST', `/api/years/${Y}/proposals`, {
        as: 'inspector-jijian',
        body: { kind: 'penalty', unitId: UNIT, title: '全县通报', points: 0.5, reason: '值班脱岗被通报' },
      });
      const id = proposal.body.id as string;
      const tickets = [];
      for (let n = 0; n < 30; n++) {
        const bytes = tinyPdf(`burst-${n}`);
        const ticket = await requestUpload('inspector-jijian', 'penalty', id, {
          name: `通报${n}.pdf`,
          bytes,
          type: PDF,
        });
        expect(ticket.status).toBe(201);
        expect(await postToStorage(ticket.body.upload, bytes, PDF)).toBe(201);
        tickets.push(ticket.body.file.fileId as string);
      }
      // Act
      const done = await Promise.all(
        tickets.map((fileId) =>
          api.call('POST', `${base('penalty', id)}/${fileId}/complete`, { as: 'inspector-jijian' }),
        ),
      );
      // Assess
      const refused = done.filter((r) => r.status === 409);
      expect(done.filter((r) => r.status === 200)).toHaveLength(20);
      expect(refused).toHaveLength(10);
      expect(refused.every((r) => r.body.error.code === 'TOO_MANY_FILES')).toBe(true);
      const listed = await api.call('GET', base('penalty', id), { as: 'admin' });
      expect(listed.body).toHaveLength(20);
    });

    it('refuses evidence once the proposal is decided (409)', async () => {
      const proposal = await api.call('POST', `/api/years/${Y}/proposals`, {
        as: 'inspector-jijian',
        body: { kind: 'veto', unitId: UNIT, category: '其他', reason: '瞒报医疗纠纷一起' },
      });
      const id = proposal.body.id as string;
      const before = await upload('inspector-jijian', 'veto', id, {
        name: '调查笔录.png',
        bytes: tinyPng(),
        type: PNG,
      });
      const decided = await api.call('POST', `/api/years/${Y}/units/${UNIT}/proposals/veto/${id}/decision`, {
        as: 'admin',
        body: { decision: 'reject', reason: '证据不足', version: proposal.body.version },
      });
      const late = await requestUpload('inspector-jijian', 'veto', id, {
        name: '补充.png',
        bytes: tinyPng(),
        type: PNG,
      });
      expect(before.done.status).toBe(200);
      expect(decided.status).toBe(200);
      expect(late.status).toBe(409);
      expect(late.body.error.message).toContain('已审批');
    });
  });
});

describe('the demo seed’s photo', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('puts a checked photo on the demo inspection awaiting approval, once however often it runs', async () => {
    await seedDemoInspections(api.db, CURRENT_YEAR, { history: true });
    const first = await seedDemoAttachments(api.db, CURRENT_YEAR, api.evidence);
    const again = await seedDemoAttachments(api.db, CURRENT_YEAR, api.evidence);
    const base = `/api/years/${CURRENT_YEAR}/units/caohe-thc/attachments/inspection/ins-${CURRENT_YEAR}1110-caohe`;
    const list = await api.call('GET', base, { as: 'admin' });
    expect([first, again]).toEqual([true, false]);
    expect(list.body).toEqual([expect.objectContaining({ name: '药房无人值守.png', state: 'ready' })]);
    const link = await api.call('GET', `${base}/${list.body[0].fileId}/link`, { as: 'admin' });
    expect(link.status).toBe(200);
    expect((await fetch(link.body.url)).status).toBe(200);
  });
});
