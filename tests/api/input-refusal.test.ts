/**
 * Input the API refuses cleanly: every refusal is a 4xx in the one JSON error shape with a Chinese
 * message, never a 5xx, never the web front's HTML, and nothing is written.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountWebFront } from '../../scripts/lib/web-front';
import { MAX_IMPORT_BODY_BYTES, MAX_JSON_BODY_BYTES } from '../../shared/http/body-limit';
import { createTestApi, type TestApi } from './harness';
import {
  createFixtureUnit,
  type FixtureUnit,
  IN_Q2,
  itemPath,
  postToStorage,
  sha256,
  tinyPdf,
} from './submissions-fixtures';

const CHINESE = /[\u4e00-\u9fff]/;

describe('input the API refuses cleanly', () => {
  let api: TestApi;
  let unit: FixtureUnit;

  beforeAll(async () => {
    api = await createTestApi({ now: IN_Q2, devSignIn: true });
    unit = await createFixtureUnit(api);
  });
  afterAll(() => api.close());

  it('answers an unknown API path with the JSON 404, while other paths still load the web front', async () => {
    // Prepare: the local server's fallback to the single-page app
    const webDir = mkdtempSync(join(tmpdir(), 'kaoping-web-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>考评</title>');
    mountWebFront(api.app, { webDir, rankingsDir: mkdtempSync(join(tmpdir(), 'kaoping-rankings-')) });
    // Act
    const unknown = await api.call('GET', '/api/no-such-thing', { as: 'admin' });
    const page = await api.app.request('/units/luoyang-thc');
    // Assess
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/json');
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', message: '接口不存在' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>考评</title>');
  });

  it('refuses an over-long user id at the dev sign-in with a 400 naming the field', async () => {
    const res = await api.call('POST', '/api/dev/sign-in', { body: { userId: 'a'.repeat(2100) } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details[0].path).toBe('body.userId');
  });

  it('refuses an over-long saved value with a 400, not a store error', async () => {
    const res = await api.call('PUT', itemPath(unit.unitId, 'A1'), {
      as: unit.reporter,
      body: { value: '9'.repeat(500_000), narrative: '', version: 0 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('body.value');
  });

  it('refuses an over-long target in a template with a 400 naming the field, not a store error', async () => {
    // Prepare: the stored template, one unit target made 450 KB long
    const template = await api.call('GET', '/api/years/2026/templates/primary-care', { as: 'admin' });
    const { title, partyA, dimensions, unitTargets, version } = template.body;
    const code = dimensions[0].leaves[0].code;
    // Act
    const res = await api.call('PUT', '/api/years/2026/templates/primary-care', {
      as: 'admin',
      body: {
        title,
        partyA,
        dimensions,
        version,
        unitTargets: { ...unitTargets, 'luoyang-thc': { [code]: 'x'.repeat(450_000) } },
      },
    });
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe(`body.unitTargets.luoyang-thc.${code}`);
  });

  it('refuses points too small to store (found by the fuzz test) with a 400, not a store error', async () => {
    const res = await api.call('PUT', '/api/years/2026/checklist/x-none', {
      as: 'admin',
      body: { text: '检查项', points: 1e-220, leafCode: 'C1', veto: false, version: 1 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('body.points');
  });

  it(`refuses a JSON body over ${MAX_JSON_BODY_BYTES / 1024 / 1024} MB with a 413 in the JSON error shape`, async () => {
    const res = await api.call('POST', '/api/dev/sign-in', {
      rawBody: JSON.stringify({ userId: 'admin', pad: 'x'.repeat(MAX_JSON_BODY_BYTES) }),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.body.error.message).toMatch(CHINESE);
    expect(res.body.error.message).toContain('1 MB');
  });

  it('refuses an over-long body sent without a length (chunked) as well', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(256 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await api.app.request('/api/dev/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('lets a workbook import through up to its own documented size, and refuses beyond it', async () => {
    // 1.5 MB of base64: over the JSON limit, within the import's → the import job starts (and then
    // fails: not a workbook).
    const within = await api.call('POST', '/api/years/2026/jobs/template-import', {
      as: 'admin',
      body: { fileBase64: Buffer.alloc(1_100_000, 7).toString('base64') },
    });
    const beyond = await api.call('POST', '/api/years/2026/jobs/template-import', {
      as: 'admin',
      rawBody: JSON.stringify({ fileBase64: 'A'.repeat(MAX_IMPORT_BODY_BYTES + 10) }),
    });
    expect(within.status).toBe(202);
    expect(beyond.status).toBe(413);
    expect(beyond.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a body of the wrong content type with a 415 of its own code and a Chinese message', async () => {
    const res = await api.call('POST', '/api/dev/sign-in', {
      rawBody: 'userId=admin',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.error.message).toMatch(CHINESE);
  });

  it.each(['0x7EA', '2026.0', '+2026', '2e3', ' 2026', '02026'])(
    'reads path integers strictly: /years/%s is a 400',
    async (year) => {
      const res = await api.call('GET', `/api/years/${encodeURIComponent(year)}`, { as: 'admin' });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe('param.year');
    },
  );

  it('still reads a plain year', async () => {
    const res = await api.call('GET', '/api/years/2026', { as: 'admin' });
    expect(res.status).toBe(200);
  });

  it('stores and downloads a real PDF uploaded as setup.exe under the name of its detected type', async () => {
    // Prepare
    const bytes = tinyPdf('exe');
    // Act
    const ticket = await api.call('POST', `${itemPath(unit.unitId, 'A1')}/files`, {
      as: unit.reporter,
      body: {
        name: 'setup.exe',
        size: bytes.byteLength,
        contentType: 'application/pdf',
        sha256: sha256(bytes),
      },
    });
    expect(ticket.status).toBe(201);
    expect(await postToStorage(ticket.body.upload, bytes, 'application/pdf')).toBe(201);
    const done = await api.call(
      'POST',
      `${itemPath(unit.unitId, 'A1')}/files/${ticket.body.file.fileId}/complete`,
      { as: unit.reporter },
    );
    const link = await api.call(
      'GET',
      `${itemPath(unit.unitId, 'A1')}/files/${ticket.body.file.fileId}/link`,
      {
        as: unit.reporter,
      },
    );
    // Assess
    expect(done.status).toBe(200);
    expect(done.body.name).toBe('setup.pdf');
    expect(link.body.name).toBe('setup.pdf');
    const download = await fetch(link.body.url);
    expect(download.headers.get('content-disposition')).toContain('filename="setup.pdf"');
    expect(download.headers.get('content-disposition')).not.toContain('.exe');
  });
});
