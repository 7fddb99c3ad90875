/**
 * 从工作总结提取: pasted text or an uploaded summary (kept as evidence of an item, read server-side)
 * gives a proposal per indicator of the period with the sentence it came from; nothing is written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from './harness';
import {
  createFixtureUnit,
  FIXTURE_RATER,
  type FixtureUnit,
  IN_Q2,
  itemPath,
  postToStorage,
  sha256,
  unitPeriodPath,
} from './submissions-fixtures';

const FILES = join(import.meta.dirname, '../fixtures/extraction/files');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const SUMMARY =
  '一、工作完成情况。本季度居民健康档案建档率达86.5%，孕产妇系统管理率92.93%，家庭医生签约服务人次612人次。二、下一步计划：确保建档率达到90%以上。';

describe('extraction from a work summary', () => {
  let api: TestApi;
  let unit: FixtureUnit;
  let other: FixtureUnit;

  beforeAll(async () => {
    api = await createTestApi({ now: IN_Q2 });
    [unit, other] = await Promise.all([createFixtureUnit(api), createFixtureUnit(api, '另一镇卫生院')]);
  });
  afterAll(() => api.close());

  const extract = (body: unknown, as = unit.reporter, u = unit) =>
    api.call('POST', `${unitPeriodPath(u.unitId)}/extraction`, { as, body });

  /** The browser's upload: ticket, POST to storage, confirm; answers the file id. */
  const upload = async (code: string, name: string, type: string) => {
    const bytes = new Uint8Array(readFileSync(join(FILES, name)));
    const ticket = await api.call('POST', `${itemPath(unit.unitId, code)}/files`, {
      as: unit.reporter,
      body: { name, size: bytes.byteLength, contentType: type, sha256: sha256(bytes) },
    });
    expect(ticket.status).toBe(201);
    expect(await postToStorage(ticket.body.upload, bytes, type)).toBe(201);
    const fileId = ticket.body.file.fileId as string;
    const done = await api.call('POST', `${itemPath(unit.unitId, code)}/files/${fileId}/complete`, {
      as: unit.reporter,
    });
    expect(done.status).toBe(200);
    return fileId;
  };

  it('proposes a value per indicator of the period from pasted text, with the sentence, and saves nothing', async () => {
    // Act
    const res = await extract({ text: SUMMARY });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.source).toEqual({ kind: 'text' });
    const byCode = Object.fromEntries(res.body.proposals.map((p: { code: string }) => [p.code, p]));
    expect(Object.keys(byCode)).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2']);
    expect(byCode.A1).toMatchObject({
      name: '居民健康档案建档率',
      value: 86.5,
      unit: '%',
      decision: 'single',
    });
    expect(byCode.A1.candidates.map((c: { status: string }) => c.status)).toEqual(['achieved']);
    expect(byCode.A2).toMatchObject({ value: 92.93 });
    const [a2] = byCode.A2.candidates;
    expect(a2.sentence).toBe(
      '本季度居民健康档案建档率达86.5%，孕产妇系统管理率92.93%，家庭医生签约服务人次612人次',
    );
    expect(SUMMARY.slice(a2.start, a2.end)).toBe('92.93%');
    expect(byCode.A3).toMatchObject({ value: 612, unit: '人次' });
    expect(byCode.B1).toMatchObject({ value: null, reason: 'none' });
    const item = await api.call('GET', itemPath(unit.unitId, 'A1'), { as: unit.reporter });
    expect(item.body.value ?? null).toBeNull();
  });

  it('reads an uploaded Word summary from storage, and says plainly when a PDF has no text', async () => {
    // Prepare
    const docx = await upload('A2', 'summary.docx', DOCX);
    const scan = await upload('A2', 'scanned.pdf', 'application/pdf');
    // Act
    const res = await extract({ file: { code: 'A2', fileId: docx } });
    const refused = await extract({ file: { code: 'A2', fileId: scan } });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.source).toEqual({ kind: 'file', code: 'A2', fileId: docx, name: 'summary.docx' });
    const a2 = res.body.proposals.find((p: { code: string }) => p.code === 'A2');
    expect(a2).toMatchObject({ value: 92.93 });
    expect(a2.candidates[1]).toMatchObject({ value: 95, status: 'planned' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(refused.body.error.message).toMatch(/^未找到文字/);
  });

  it('keeps the source of a taken value, and the rater’s queue flags the value that differs from the summary', async () => {
    // Prepare: A2 taken from the uploaded summary but edited, A1 taken as proposed, A3 with no figure
    const docx = await upload('A2', 'summary.docx', DOCX);
    const res = await extract({ file: { code: 'A2', fileId: docx } });
    const a2 = res.body.proposals.find((p: { code: string }) => p.code === 'A2');
    const [c] = a2.candidates;
    const fromFile = {
      kind: 'file',
      fileId: docx,
      value: 92.93,
      sentence: c.sentence,
      sentenceStart: c.sentenceStart,
      start: c.start,
      end: c.end,
    };
    const save = (code: string, body: unknown) =>
      api.call('PUT', itemPath(unit.unitId, code), { as: unit.reporter, body });
    const version = async (code: string) =>
      (await api.call('GET', itemPath(unit.unitId, code), { as: unit.reporter })).body.version ?? 0;
    // Act
    const taken = await save('A2', {
      value: 93.2,
      narrative: '',
      version: await version('A2'),
      source: fromFile,
    });
    const noted = await save('A2', { value: 93.2, narrative: '见工作总结', version: taken.body.version });
    await save('A1', {
      value: 86.5,
      narrative: '',
      version: await version('A1'),
      source: { ...fromFile, kind: 'pasted', fileId: undefined, value: 86.5 },
    });
    const none = { kind: 'pasted', value: null, sentence: null, sentenceStart: null, start: null, end: null };
    await save('A3', { value: 600, narrative: '', version: await version('A3'), source: none });
    const bad = await save('A3', { value: 600, narrative: '', version: 1, source: { kind: 'scan' } });
    // Assess
    expect(taken.status).toBe(200);
    expect(taken.body.source).toEqual(fromFile);
    expect(noted.body.source).toEqual(fromFile);
    expect(bad.status).toBe(400);
    const queue = await api.call('GET', `/api/years/2026/periods/Q2/scoring-queue?unitId=${unit.unitId}`, {
      as: FIXTURE_RATER,
    });
    expect(queue.status).toBe(200);
    const byCode = Object.fromEntries(queue.body.items.map((i: { code: string }) => [i.code, i]));
    expect(byCode.A2.summary).toMatchObject({
      disagrees: true,
      message: '填报值 93.2，工作总结原文为 92.93',
      sentence: c.sentence,
    });
    expect(c.sentence.slice(byCode.A2.summary.figure.from, byCode.A2.summary.figure.to)).toBe('92.93%');
    expect(byCode.A1.summary).toMatchObject({ disagrees: false, message: null });
    expect(byCode.A3.summary).toMatchObject({
      disagrees: true,
      message: '填报值 600，工作总结中没有该指标的数值',
    });
    expect(byCode.B1.summary ?? null).toBeNull();
  });

  it('refuses a taken value whose source file is not a checked file of the period, naming the field, and writes nothing', async () => {
    const source = {
      kind: 'file',
      value: 92.93,
      sentence: null,
      sentenceStart: null,
      start: null,
      end: null,
    };
    const a1 = async () =>
      (
        await api.call('GET', `${unitPeriodPath(unit.unitId)}/worksheet`, { as: unit.reporter })
      ).body.rows.find((r: { indicator: { code: string } }) => r.indicator.code === 'A1').item;
    const before = await a1();
    const write = (s: unknown) =>
      api.call('PUT', itemPath(unit.unitId, 'A1'), {
        as: unit.reporter,
        body: { value: 86.5, narrative: '', version: before?.version ?? 0, source: s },
      });
    const unknown = await write({ ...source, fileId: '00000000-0000-0000-0000-000000000000' });
    const withoutId = await write(source);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('工作总结文件');
    expect(withoutId.status).toBe(400);
    expect(await a1()).toEqual(before);
  });

  it('refuses a request with neither or both sources, naming the field, and another unit’s reporter', async () => {
    const neither = await extract({});
    expect(neither.status).toBe(400);
    expect(JSON.stringify(neither.body)).toContain('二选一');

    const missing = await extract({ file: { code: 'A2', fileId: '00000000-0000-0000-0000-000000000000' } });
    expect(missing.status).toBe(404);
    expect((await extract({ text: SUMMARY }, other.reporter)).status).toBe(403);
  });
});
