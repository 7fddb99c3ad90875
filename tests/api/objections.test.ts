import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from './harness';
import { postToStorage, sha256, tinyPdf } from './submissions-fixtures';
import { afterWindows, openPublicity } from './year-steps';

describe('objections during publicity (公示与申诉)', () => {
  let api: TestApi;
  // Publicity opens once the last window has closed and the committee is done.
  const opened = afterWindows(2026);
  beforeAll(async () => {
    api = await createTestApi({ now: new Date('2026-11-26T10:00:00+08:00') });
  });
  afterAll(() => api.close());

  const objection = {
    code: '3.4',
    reason: '综合管理现场检查时资料已补齐，评分未考虑补充材料',
    evidence: '补充材料清单',
  };

  it('refuses an objection before the results are on publicity', async () => {
    const res = await api.call('POST', '/api/years/2026/objections', {
      as: 'luoyang-thc-head',
      body: objection,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('NOT_IN_PUBLICITY');
  });

  it('takes a unit head’s objection on a leaf of their agreement, naming bad fields', {
    timeout: 60_000,
  }, async () => {
    await openPublicity(api, 2026);
    const unknown = await api.call('POST', '/api/years/2026/objections', {
      as: 'luoyang-thc-head',
      body: { ...objection, code: '9.9' },
    });
    const short = await api.call('POST', '/api/years/2026/objections', {
      as: 'luoyang-thc-head',
      body: { ...objection, reason: '不服' },
    });
    const filed = await api.call('POST', '/api/years/2026/objections', {
      as: 'luoyang-thc-head',
      body: objection,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('body.code');
    expect(short.status).toBe(400);
    expect(short.body.error.details[0].path).toBe('body.reason');
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      unitId: 'luoyang-thc',
      leafName: '综合管理',
      state: 'open',
      version: 1,
    });
  });

  it('shows objections to the committee and leaders, and to a unit only its own', async () => {
    const admin = await api.call('GET', '/api/years/2026/objections', { as: 'admin' });
    const other = await api.call('GET', '/api/years/2026/objections', { as: 'hesha-thc-head' });
    expect(admin.body).toHaveLength(1);
    expect(other.body).toEqual([]);
  });

  it('takes the head’s files on an undecided objection by the evidence path, readable by the committee and the unit only', async () => {
    const [filed] = (await api.call('GET', '/api/years/2026/objections', { as: 'luoyang-thc-head' })).body;
    const files = `/api/years/2026/units/luoyang-thc/attachments/objection/${filed.id}`;
    const pdf = tinyPdf('台账补充说明');
    const ticket = await api.call('POST', files, {
      as: 'luoyang-thc-head',
      body: {
        name: '台账补充说明.pdf',
        size: pdf.byteLength,
        contentType: 'application/pdf',
        sha256: sha256(pdf),
      },
    });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    expect(await postToStorage(ticket.body.upload, pdf, 'application/pdf')).toBe(201);
    const done = await api.call('POST', `${files}/${ticket.body.file.fileId}/complete`, {
      as: 'luoyang-thc-head',
    });
    expect(done.status).toBe(200);

    const byAdmin = await api.call('GET', files, { as: 'admin' });
    expect(byAdmin.body.map((f: { name: string }) => f.name)).toEqual(['台账补充说明.pdf']);
    expect((await api.call('GET', files, { as: 'hesha-thc-head' })).status).toBe(403);
    const byReporter = await api.call('POST', files, {
      as: 'luoyang-thc-reporter',
      body: { name: 'x.pdf', size: pdf.byteLength, contentType: 'application/pdf', sha256: sha256(pdf) },
    });
    expect(byReporter.status).toBe(403);
  });

  it('upholds one and rejects another, notifying the unit each time, and never decides twice', async () => {
    const second = await api.call('POST', '/api/years/2026/objections', {
      as: 'luoyang-thc-head',
      body: { ...objection, code: '1.1', reason: '建档率统计口径与县平台不一致，应按平台数据核定' },
    });
    const [first] = (
      await api.call('GET', '/api/years/2026/objections', { as: 'luoyang-thc-head' })
    ).body.filter((o: { code: string }) => o.code === '3.4');
    const upheld = await api.call(
      'POST',
      `/api/years/2026/units/luoyang-thc/objections/${first.id}/decision`,
      {
        as: 'admin',
        body: { decision: 'upheld', reason: '补充材料属实，由考核组重新评分', version: 1 },
      },
    );
    const again = await api.call(
      'POST',
      `/api/years/2026/units/luoyang-thc/objections/${first.id}/decision`,
      {
        as: 'admin2',
        body: { decision: 'rejected', reason: '重复处理', version: 1 },
      },
    );
    const rejected = await api.call(
      'POST',
      `/api/years/2026/units/luoyang-thc/objections/${second.body.id}/decision`,
      {
        as: 'admin',
        body: { decision: 'rejected', reason: '按县平台口径核定，维持原分' },
      },
    );
    expect(upheld.status).toBe(200);
    expect(upheld.body.state).toBe('upheld');
    expect(again.status).toBe(409);
    expect(rejected.status).toBe(400);
    const rejectedOk = await api.call(
      'POST',
      `/api/years/2026/units/luoyang-thc/objections/${second.body.id}/decision`,
      {
        as: 'admin',
        body: { decision: 'rejected', reason: '按县平台口径核定，维持原分', version: 1 },
      },
    );
    expect(rejectedOk.body).toMatchObject({
      state: 'rejected',
      decision: { reason: '按县平台口径核定，维持原分' },
    });
    const notes = await api.call('GET', '/api/notifications', { as: 'luoyang-thc-reporter' });
    const titles = notes.body.items.map((n: { body: string }) => n.body);
    expect(titles.some((t: string) => t.startsWith('申诉成立'))).toBe(true);
    expect(titles.some((t: string) => t.startsWith('申诉不成立'))).toBe(true);
  });

  it('refuses files on an objection already decided', async () => {
    const [decided] = (await api.call('GET', '/api/years/2026/objections?state=rescoring', { as: 'admin' }))
      .body;
    const pdf = tinyPdf('late');
    const res = await api.call(
      'POST',
      `/api/years/2026/units/luoyang-thc/attachments/objection/${decided.id}`,
      {
        as: 'luoyang-thc-head',
        body: { name: 'late.pdf', size: pdf.byteLength, contentType: 'application/pdf', sha256: sha256(pdf) },
      },
    );
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('该申诉已处理，不能再添加或删除申诉材料');
  });

  it('refuses an objection after the publicity window, giving the close time', async () => {
    api.setNow(new Date(opened.getTime() + 5 * 86_400_000 + 60_000));
    const res = await api.call('POST', '/api/years/2026/objections', {
      as: 'luoyang-thc-head',
      body: objection,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('WINDOW_CLOSED');
    expect(res.body.error.message).toContain('2027年1月17日');
  });
});
