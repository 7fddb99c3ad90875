/**
 * Evidence files: the signed POST policy (asserted on the policy itself — the local store does not
 * check signatures), the post-upload checks of type-from-bytes, size and SHA-256, removal before
 * submission, and short-lived download links for users who may see the unit.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedSubmissionRecords } from '../../shared/db/submission-seed';
import { createTestApi, type TestApi } from './harness';
import {
  assignRater,
  createFixtureUnit,
  type FixtureUnit,
  fillQ2,
  IN_Q2,
  itemPath,
  postToStorage,
  sha256,
  tinyDocx,
  tinyPdf,
  tinyPng,
  unitPeriodPath,
} from './submissions-fixtures';

const PDF = 'application/pdf';
const PNG = 'image/png';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('evidence files', () => {
  let api: TestApi;
  let unit: FixtureUnit;

  beforeAll(async () => {
    api = await createTestApi({ now: IN_Q2 });
    unit = await createFixtureUnit(api);
  });
  afterAll(() => api.close());
  beforeEach(() => api.setNow(IN_Q2));

  const filesOf = async (unitId: string) =>
    (
      await api.db.doc.send(
        new QueryCommand({
          TableName: api.db.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :file)',
          ExpressionAttributeValues: { ':pk': `YEAR#2026#UNIT#${unitId}`, ':file': 'FILE#' },
        }),
      )
    ).Items ?? [];

  const requestUpload = (
    u: FixtureUnit,
    code: string,
    file: { name: string; bytes: Uint8Array; type: string },
  ) =>
    api.call('POST', `${itemPath(u.unitId, code)}/files`, {
      as: u.reporter,
      body: {
        name: file.name,
        size: file.bytes.byteLength,
        contentType: file.type,
        sha256: sha256(file.bytes),
      },
    });

  /** The whole browser flow: ticket, POST to storage, confirm. */
  const upload = async (
    u: FixtureUnit,
    code: string,
    file: { name: string; bytes: Uint8Array; type: string },
  ) => {
    const ticket = await requestUpload(u, code, file);
    expect(ticket.status).toBe(201);
    expect(await postToStorage(ticket.body.upload, file.bytes, file.type)).toBe(201);
    const done = await api.call(
      'POST',
      `${itemPath(u.unitId, code)}/files/${ticket.body.file.fileId}/complete`,
      {
        as: u.reporter,
      },
    );
    return { ticket, done };
  };

  it('signs a POST policy that fixes the key, type, exact size, checksum and an expiry of at most 15 minutes', async () => {
    // Prepare
    const bytes = tinyPdf('policy');
    // Act
    const res = await requestUpload(unit, 'A1', { name: '健康档案抽查报告.pdf', bytes, type: PDF });
    // Assess
    expect(res.status).toBe(201);
    const { file, upload } = res.body;
    const policy = JSON.parse(Buffer.from(upload.fields.Policy, 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };
    expect(file.objectKey).toMatch(new RegExp(`^units/${unit.unitId}/2026/Q2/[0-9a-f-]{36}\\.pdf$`));
    expect(file.objectKey).not.toContain('健康档案');
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { key: file.objectKey },
        { bucket: 'kaoping-evidence' },
        { 'Content-Type': PDF },
        ['content-length-range', bytes.byteLength, bytes.byteLength],
        { 'x-amz-meta-sha256': sha256(bytes) },
      ]),
    );
    const lifetime = Date.parse(policy.expiration) - Date.now();
    expect(lifetime).toBeGreaterThan(14 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(15 * 60_000);
    expect(upload.fields).toMatchObject({
      key: file.objectKey,
      'Content-Type': PDF,
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    });
    expect(upload.fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(upload.maxBytes).toBe(50 * 1024 * 1024);
    // A signed but unconfirmed upload is not evidence yet.
    const sheet = await api.call('GET', `${unitPeriodPath(unit.unitId)}/worksheet`, { as: unit.reporter });
    expect(sheet.body.rows[0].files).toEqual([]);
  });

  it('accepts a PDF, a PNG and a DOCX checked from their bytes, and lists them on the worksheet', async () => {
    const pdf = await upload(unit, 'A2', { name: '孕产妇管理台账.pdf', bytes: tinyPdf(), type: PDF });
    const png = await upload(unit, 'A2', { name: '现场照片.png', bytes: tinyPng(), type: PNG });
    const docx = await upload(unit, 'A2', { name: '工作总结.docx', bytes: tinyDocx(), type: DOCX });
    expect([pdf.done.status, png.done.status, docx.done.status]).toEqual([200, 200, 200]);
    expect(pdf.done.body).toMatchObject({ state: 'ready', name: '孕产妇管理台账.pdf', contentType: PDF });
    const sheet = await api.call('GET', `${unitPeriodPath(unit.unitId)}/worksheet`, { as: unit.head });
    const row = sheet.body.rows.find((r: { indicator: { code: string } }) => r.indicator.code === 'A2');
    expect(row.files.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining(['孕产妇管理台账.pdf', '现场照片.png', '工作总结.docx']),
    );
    // Confirming twice (a retry) changes nothing.
    const again = await api.call(
      'POST',
      `${itemPath(unit.unitId, 'A2')}/files/${pdf.ticket.body.file.fileId}/complete`,
      {
        as: unit.reporter,
      },
    );
    expect(again.status).toBe(200);
  });

  it('keeps the 20-file limit under 30 concurrent confirmations: exactly 20 files, the rest refused and removed', async () => {
    // Prepare: 30 signed and stored uploads of one item, none confirmed yet.
    const u = await createFixtureUnit(api);
    const tickets = [];
    for (let n = 0; n < 30; n++) {
      const bytes = tinyPdf(`burst-${n}`);
      const ticket = await requestUpload(u, 'A1', { name: `台账${n}.pdf`, bytes, type: PDF });
      expect(ticket.status).toBe(201);
      expect(await postToStorage(ticket.body.upload, bytes, PDF)).toBe(201);
      tickets.push(ticket.body.file.fileId as string);
    }
    // Act
    const done = await Promise.all(
      tickets.map((fileId) =>
        api.call('POST', `${itemPath(u.unitId, 'A1')}/files/${fileId}/complete`, { as: u.reporter }),
      ),
    );
    // Assess
    const refused = done.filter((r) => r.status === 409);
    expect(done.filter((r) => r.status === 200)).toHaveLength(20);
    expect(refused).toHaveLength(10);
    expect(refused.every((r) => r.body.error.code === 'TOO_MANY_FILES')).toBe(true);
    const sheet = await api.call('GET', `${unitPeriodPath(u.unitId)}/worksheet`, { as: u.reporter });
    const row = sheet.body.rows.find((r: { indicator: { code: string } }) => r.indicator.code === 'A1');
    expect(row.files).toHaveLength(20);
    expect((await filesOf(u.unitId)).filter((f) => String(f.sk).startsWith('FILE#Q2#A1#'))).toHaveLength(20);
    // A file removed frees its place for another.
    const removed = await api.call('DELETE', `${itemPath(u.unitId, 'A1')}/files/${row.files[0].fileId}`, {
      as: u.reporter,
    });
    expect(removed.status).toBe(204);
    const next = await upload(u, 'A1', { name: '补充.pdf', bytes: tinyPdf('after-removal'), type: PDF });
    expect(next.done.status).toBe(200);
  });

  it('counts files written before the item had a file count (the seed writes confirmed files directly)', async () => {
    // Prepare: twenty confirmed files of one item, written as the demo seed writes them.
    const u = await createFixtureUnit(api);
    const files = Array.from({ length: 20 }, (_, n) => ({
      fileId: `seeded-${String(n).padStart(2, '0')}`,
      year: 2026,
      unitId: u.unitId,
      period: 'Q2' as const,
      code: 'A2',
      name: `台账${n}.pdf`,
      contentType: PDF,
      size: 10,
      sha256: 'a'.repeat(64),
      state: 'ready' as const,
      objectKey: `units/${u.unitId}/2026/Q2/seeded-${n}.pdf`,
      uploadedAt: IN_Q2.toISOString(),
      uploadedBy: u.reporter,
      uploadedByName: '测试填报员',
    }));
    await seedSubmissionRecords(api.db, { files });
    // Act
    const res = await requestUpload(u, 'A2', { name: '第二十一个.pdf', bytes: tinyPdf('21'), type: PDF });
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('TOO_MANY_FILES');
  });

  it('refuses a file over 50 MB with 413 and the limit, and writes nothing', async () => {
    const res = await api.call('POST', `${itemPath(unit.unitId, 'A3')}/files`, {
      as: unit.reporter,
      body: { name: '扫描件.pdf', size: 50 * 1024 * 1024 + 1, contentType: PDF, sha256: 'a'.repeat(64) },
    });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'FILE_TOO_LARGE', limit: 52_428_800, limitText: '50 MB' });
    expect((await filesOf(unit.unitId)).filter((f) => String(f.sk).startsWith('FILE#Q2#A3#'))).toEqual([]);
  });

  it('refuses a disallowed type with 415', async () => {
    for (const contentType of ['image/gif', 'text/plain', 'application/msword', 'application/zip']) {
      const res = await api.call('POST', `${itemPath(unit.unitId, 'A3')}/files`, {
        as: unit.reporter,
        body: { name: 'x.bin', size: 10, contentType, sha256: 'b'.repeat(64) },
      });
      expect(res.status, contentType).toBe(415);
      expect(res.body.error.code).toBe('UNSUPPORTED_FILE_TYPE');
    }
  });

  it('rejects a file whose bytes are not what its name says, and removes the object and its record', async () => {
    // Prepare: a PNG named and declared as a PDF
    const bytes = tinyPng();
    const ticket = await requestUpload(unit, 'A3', { name: '盖章文件.pdf', bytes, type: PDF });
    expect(await postToStorage(ticket.body.upload, bytes, PDF)).toBe(201);
    // Act
    const done = await api.call(
      'POST',
      `${itemPath(unit.unitId, 'A3')}/files/${ticket.body.file.fileId}/complete`,
      {
        as: unit.reporter,
      },
    );
    // Assess
    expect(done.status).toBe(415);
    expect(done.body.error).toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE', detected: PNG });
    expect(await api.evidence.inspect(ticket.body.file.objectKey)).toBeUndefined();
    expect((await filesOf(unit.unitId)).some((f) => f.fileId === ticket.body.file.fileId)).toBe(false);
  });

  it('rejects an upload whose SHA-256 differs from the declared one (422), keeping nothing', async () => {
    const declared = tinyPdf('declared text');
    const sent = tinyPdf('changed texts');
    expect(sent.byteLength).toBe(declared.byteLength);
    const ticket = await requestUpload(unit, 'A3', { name: '报告.pdf', bytes: declared, type: PDF });
    await postToStorage(ticket.body.upload, sent, PDF);
    const done = await api.call(
      'POST',
      `${itemPath(unit.unitId, 'A3')}/files/${ticket.body.file.fileId}/complete`,
      {
        as: unit.reporter,
      },
    );
    expect(done.status).toBe(422);
    expect(done.body.error.code).toBe('CHECKSUM_MISMATCH');
    expect(await api.evidence.inspect(ticket.body.file.objectKey)).toBeUndefined();
  });

  it('answers 409 when the file was never uploaded', async () => {
    const ticket = await requestUpload(unit, 'A3', { name: '报告.pdf', bytes: tinyPdf(), type: PDF });
    const done = await api.call(
      'POST',
      `${itemPath(unit.unitId, 'A3')}/files/${ticket.body.file.fileId}/complete`,
      {
        as: unit.reporter,
      },
    );
    expect(done.status).toBe(409);
    expect(done.body.error.code).toBe('NOT_UPLOADED');
  });

  it('lets the unit remove a file before submission, and locks files once the period is submitted', async () => {
    const u = await createFixtureUnit(api);
    const first = await upload(u, 'A1', { name: '一.pdf', bytes: tinyPdf('one'), type: PDF });
    const second = await upload(u, 'A1', { name: '二.png', bytes: tinyPng(), type: PNG });
    const removed = await api.call(
      'DELETE',
      `${itemPath(u.unitId, 'A1')}/files/${first.ticket.body.file.fileId}`,
      {
        as: u.reporter,
      },
    );
    expect(removed.status).toBe(204);
    expect(await api.evidence.inspect(first.ticket.body.file.objectKey)).toBeUndefined();

    await fillQ2(api, u);
    const submitted = await api.call('POST', `${unitPeriodPath(u.unitId)}/submission`, {
      as: u.head,
      body: {},
      headers: { 'idempotency-key': `lock-${u.unitId}` },
    });
    expect(submitted.status).toBe(200);
    const removeLocked = await api.call(
      'DELETE',
      `${itemPath(u.unitId, 'A1')}/files/${second.ticket.body.file.fileId}`,
      {
        as: u.reporter,
      },
    );
    const addLocked = await requestUpload(u, 'A1', { name: '三.pdf', bytes: tinyPdf('three'), type: PDF });
    expect(removeLocked.status).toBe(409);
    expect(removeLocked.body.error.code).toBe('ITEM_LOCKED');
    expect(addLocked.status).toBe(409);
    expect((await filesOf(u.unitId)).map((f) => f.name)).toEqual(['二.png']);
  });

  it('issues short-lived links: PDFs and images inline, others as downloads, only to users who may see the unit', async () => {
    const u = await createFixtureUnit(api);
    const pdf = await upload(u, 'A1', { name: '建档报告.pdf', bytes: tinyPdf('link'), type: PDF });
    const docx = await upload(u, 'A1', { name: '工作总结.docx', bytes: tinyDocx(), type: DOCX });
    const linkOf = (fileId: string, as: string) =>
      api.call('GET', `${itemPath(u.unitId, 'A1')}/files/${fileId}/link`, { as });

    const forLeader = await linkOf(pdf.ticket.body.file.fileId, 'leader');
    const forRater = await linkOf(docx.ticket.body.file.fileId, 'rater-jiceng');
    const forOtherUnit = await linkOf(pdf.ticket.body.file.fileId, unit.reporter);
    const forInspector = await linkOf(pdf.ticket.body.file.fileId, 'inspector-jijian');

    expect(forLeader.status).toBe(200);
    expect(forLeader.body).toMatchObject({ inline: true, name: '建档报告.pdf', contentType: PDF });
    const expires = new URL(forLeader.body.url).searchParams.get('X-Amz-Expires');
    expect(Number(expires)).toBeLessThanOrEqual(300);
    const fetched = await fetch(forLeader.body.url);
    expect(fetched.headers.get('content-disposition')).toMatch(/^inline; .*filename\*=UTF-8''/);
    expect(Buffer.from(await fetched.arrayBuffer())).toEqual(tinyPdf('link'));
    expect(forRater.body.inline).toBe(false);
    const download = await fetch(forRater.body.url);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; /);
    await download.arrayBuffer();
    expect(forOtherUnit.status).toBe(403);
    expect(forInspector.status).toBe(403);
  });

  it('never lets a rater see a unit they are affiliated with (回避)', async () => {
    // Prepare: inspector-both is a rater affiliated with 洛阳镇卫生院, assigned there by mistake
    await assignRater(api, 'luoyang-thc', 'inspector-both', [{ code: '1.1', periods: ['Q2'] }]);
    await assignRater(api, 'luoyang-thc', 'rater-jiceng', [{ code: '1.1', periods: ['Q2'] }]);
    const res = await api.call('GET', '/api/years/2026/units/luoyang-thc/periods/Q2/worksheet', {
      as: 'inspector-both',
    });
    const allowed = await api.call('GET', '/api/years/2026/units/luoyang-thc/periods/Q2/worksheet', {
      as: 'rater-jiceng',
    });
    expect(res.status).toBe(403);
    expect(allowed.status).not.toBe(403);
  });
});
