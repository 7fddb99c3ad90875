/**
 * Reminders reach people where they work (issue 17): each event becomes the right outside messages
 * once, even from two overlapping reminder runs; a local HTTP server stands in for 企业微信 and 钉钉
 * and checks their request formats and DingTalk's 加签; a channel answering errors is retried, then
 * marked failed, without holding the others back; robots keep quiet hours; secrets never leave.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReminders } from '../../functions/reminders';
import { notifyResultsPublished, notifySheetReopened } from '../../shared/db/event-notes';
import { createLogger } from '../../shared/http/logger';
import { deliverOutbox } from '../../shared/notify/deliver';
import { fileSecretStore } from '../../shared/notify/secret-store';
import { type EmailOut, httpPost } from '../../shared/notify/transport';
import { createTestApi, type TestApi } from './harness';
import { createFixtureUnit, type FixtureUnit, IN_Q2 } from './submissions-fixtures';

const WECOM_KEY = 'wecom-key-5f2a9c';
const DING_TOKEN = 'ding-token-77b1e3';
const DING_SECRET = 'SECding-secret-0c4d8e';
const BROKEN_TOKEN = 'broken-token-3a9f10';
const SECRETS = [WECOM_KEY, DING_TOKEN, DING_SECRET, BROKEN_TOKEN];

interface Received {
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

/** 企业微信 and 钉钉 as far as a robot sees them: format checked, 加签 verified, one path failing on demand. */
const startRobotServer = async () => {
  const received: Received[] = [];
  let brokenAnswers = 500;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = JSON.parse(raw) as Record<string, unknown>;
      received.push({ path: url.pathname, query: url.searchParams, body });
      const answer = (status: number, errcode: number, errmsg: string) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errcode, errmsg }));
      };
      const typeOk =
        (body.msgtype === 'text' || body.msgtype === 'markdown') &&
        req.headers['content-type']?.includes('application/json');
      if (url.pathname === '/cgi-bin/webhook/send') {
        return answer(200, url.searchParams.get('key') === WECOM_KEY && typeOk ? 0 : 93000, 'ok');
      }
      if (url.pathname === '/robot/send') {
        const timestamp = url.searchParams.get('timestamp') ?? '';
        const expected = createHmac('sha256', DING_SECRET)
          .update(`${timestamp}\n${DING_SECRET}`)
          .digest('base64');
        const fresh = Math.abs(Date.now() - Number(timestamp)) < 3600_000;
        const signed = url.searchParams.get('sign') === expected && fresh;
        return answer(
          200,
          url.searchParams.get('access_token') === DING_TOKEN && signed && typeOk ? 0 : 310000,
          signed ? 'ok' : 'sign not match',
        );
      }
      if (url.pathname === '/broken/send')
        return answer(brokenAnswers, brokenAnswers === 200 ? 0 : -1, 'busy');
      return answer(404, 404, 'no such robot');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    heal: () => {
      brokenAnswers = 200;
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
};

describe('outside delivery of reminders', () => {
  let api: TestApi;
  let robots: Awaited<ReturnType<typeof startRobotServer>>;
  let wecomUnit: FixtureUnit;
  let dingUnit: FixtureUnit;
  let brokenUnit: FixtureUnit;
  const emails: EmailOut[] = [];
  const answers: string[] = [];
  const logged: string[] = [];
  const originalWrite = process.stdout.write.bind(process.stdout);
  const originalErr = process.stderr.write.bind(process.stderr);
  const deps = () => ({
    db: api.db,
    secrets: fileSecretStore(`${api.rankingsDir}/secrets.json`),
    transport: {
      post: httpPost,
      email: async (m: EmailOut) => {
        emails.push(m);
        return `mail-${emails.length}`;
      },
    },
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await api.call(method, path, { as: 'admin', ...(body !== undefined ? { body } : {}) });
    answers.push(JSON.stringify(res.body));
    return res;
  };
  const outbox = async (query = '') =>
    (await call('GET', `/api/notify/outbox${query}`)).body.items as {
      id: string;
      channel: string;
      recipient: string;
      state: string;
      attempts: number;
      lastError?: string;
      answer?: string;
      dueAt: string;
    }[];

  beforeAll(async () => {
    // Every log line of the API and the delivery goes through stdout/stderr: kept to look for secrets.
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      logged.push(String(chunk));
      return originalWrite(chunk, ...rest);
    }) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      logged.push(String(chunk));
      return originalErr(chunk, ...rest);
    }) as typeof process.stderr.write;
    robots = await startRobotServer();
    api = await createTestApi({
      now: IN_Q2,
      logger: createLogger('DEBUG'),
      notifyTransport: { post: httpPost, email: async () => 'unused' },
    });
    [wecomUnit, dingUnit, brokenUnit] = await Promise.all([
      createFixtureUnit(api, '企微卫生院'),
      createFixtureUnit(api, '钉钉卫生院'),
      createFixtureUnit(api, '故障卫生院'),
    ]);
    expect(
      (
        await call('PUT', '/api/notify/settings', {
          events: { reminder: { channels: ['wecom', 'dingtalk', 'email'], urgent: false } },
          committeeDigest: false,
          siteUrl: 'https://kp.example.cn',
        })
      ).status,
    ).toBe(200);
    const robot = async (unitId: string, input: Record<string, string>) =>
      expect((await call('PUT', `/api/notify/robots/unit:${unitId}`, input)).status).toBe(200);
    await robot(wecomUnit.unitId, {
      platform: 'wecom',
      webhookUrl: `${robots.base}/cgi-bin/webhook/send?key=${WECOM_KEY}`,
    });
    await robot(dingUnit.unitId, {
      platform: 'dingtalk',
      webhookUrl: `${robots.base}/robot/send?access_token=${DING_TOKEN}`,
      signSecret: DING_SECRET,
    });
    await robot(brokenUnit.unitId, {
      platform: 'dingtalk',
      webhookUrl: `${robots.base}/broken/send?access_token=${BROKEN_TOKEN}`,
    });
    await call('PUT', `/api/notify/contacts/${wecomUnit.reporter}`, {
      email: 'reporter@example.cn',
      mobile: '13800000001',
      emailOptOut: false,
    });
    await call('PUT', `/api/notify/contacts/${wecomUnit.head}`, {
      email: 'head@example.cn',
      mobile: '13800000002',
      emailOptOut: true,
    });
  }, 120_000);
  afterAll(async () => {
    process.stdout.write = originalWrite;
    process.stderr.write = originalErr;
    await robots?.close();
    await api?.close();
  });

  it('queues each reminder once per unit group and person, however many runs overlap', async () => {
    // Act: two reminder runs at once, 3 days before the Q2 close
    const at = new Date('2026-07-07T09:00:00+08:00');
    await Promise.all([runReminders(api.db, at, 3), runReminders(api.db, at, 3)]);

    // Assess
    const ours = new Set([wecomUnit, dingUnit, brokenUnit].map((u) => `unit:${u.unitId}`));
    const rows = (await outbox()).filter(
      (m) => ours.has(m.recipient) || m.recipient.startsWith(`user:${wecomUnit.unitId}`),
    );
    expect(rows.map((m) => `${m.channel} ${m.recipient}`).sort()).toEqual(
      [
        `dingtalk unit:${brokenUnit.unitId}`,
        `dingtalk unit:${dingUnit.unitId}`,
        `email user:${wecomUnit.reporter}`,
        `wecom unit:${wecomUnit.unitId}`,
      ].sort(),
    );
    expect(rows.every((m) => m.state === 'queued' && m.attempts === 0)).toBe(true);
  });

  it('sends each message once in the platforms’ formats, DingTalk signed, while a failing robot is retried', async () => {
    // Act: two delivery runs at once
    const at = new Date('2026-07-07T09:01:00+08:00');
    await Promise.all([deliverOutbox(deps(), at), deliverOutbox(deps(), at)]);

    // Assess
    const wecom = robots.received.filter((r) => r.path === '/cgi-bin/webhook/send');
    expect(wecom).toHaveLength(1);
    expect(wecom[0]?.body).toMatchObject({
      msgtype: 'text',
      text: { mentioned_mobile_list: expect.arrayContaining(['13800000001', '13800000002']) },
    });
    expect(JSON.stringify(wecom[0]?.body)).toContain('https://kp.example.cn/submissions');
    const ding = robots.received.filter((r) => r.path === '/robot/send');
    expect(ding).toHaveLength(1);
    expect(ding[0]?.body).toMatchObject({ msgtype: 'text', at: { isAtAll: false } });
    expect(emails.filter((e) => e.to === 'reporter@example.cn')).toHaveLength(1);
    expect(emails.find((e) => e.to === 'head@example.cn')).toBeUndefined(); // opted out
    expect(emails[0]?.text).toContain('https://kp.example.cn/submissions?year=2026&period=Q2');
    const rows = await outbox();
    const sentTo = (recipient: string) => rows.find((m) => m.recipient === recipient);
    expect(sentTo(`unit:${wecomUnit.unitId}`)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(sentTo(`unit:${dingUnit.unitId}`)).toMatchObject({
      state: 'sent',
      answer: expect.stringContaining('"errcode":0'),
    });
    expect(sentTo(`unit:${brokenUnit.unitId}`)).toMatchObject({
      state: 'queued',
      attempts: 1,
      lastError: 'HTTP 500',
    });
  });

  it('marks the failing robot failed after bounded retries, sending nothing twice, and 重发 sends it once repaired', async () => {
    // Act: later runs while the robot keeps failing
    for (const minutes of [5, 15, 30, 60]) {
      await deliverOutbox(deps(), new Date(Date.parse('2026-07-07T09:00:00+08:00') + minutes * 60_000));
    }
    // Assess
    const broken = (await outbox('?state=failed')).find((m) => m.recipient === `unit:${brokenUnit.unitId}`);
    expect(broken).toMatchObject({ state: 'failed', attempts: 4, lastError: 'HTTP 500' });
    expect(robots.received.filter((r) => r.path === '/broken/send')).toHaveLength(4);
    expect(robots.received.filter((r) => r.path !== '/broken/send')).toHaveLength(2);

    // Act: the group's robot is repaired; the admin resends
    robots.heal();
    api.setNow(new Date('2026-07-07T11:00:00+08:00'));
    const resent = await call('POST', `/api/notify/outbox/${broken?.id}/resend`);
    // Assess
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ state: 'sent', attempts: 1 });
    expect(robots.received.filter((r) => r.path === '/broken/send')).toHaveLength(5);
  });

  it('holds robot messages in quiet hours and sends them at 07:30 Beijing time; e-mail leaves at once', async () => {
    // Prepare: a 2-days-before reminder, queued by a late run
    await runReminders(api.db, new Date('2026-07-08T23:00:00+08:00'), 2);
    const before = robots.received.length;
    const mailsBefore = emails.length;
    // Act
    await deliverOutbox(deps(), new Date('2026-07-08T23:05:00+08:00'));
    // Assess
    expect(robots.received.length).toBe(before);
    expect(emails.length).toBe(mailsBefore + 1);
    await deliverOutbox(deps(), new Date('2026-07-09T07:31:00+08:00'));
    expect(robots.received.length).toBe(before + 3);
  });

  it('tells each unit of published results once: its group robot and each person not opted out', async () => {
    // Prepare
    await call('PUT', '/api/notify/settings', {
      events: {
        reminder: { channels: ['wecom', 'dingtalk', 'email'], urgent: false },
        results_published: { channels: ['wecom', 'email'], urgent: false },
      },
      committeeDigest: false,
      siteUrl: 'https://kp.example.cn',
    });
    const at = new Date('2027-03-01T10:00:00+08:00');
    // Act: the event's notices, written twice (a retried publication)
    await notifyResultsPublished(api.db, 2026, 1, at);
    await notifyResultsPublished(api.db, 2026, 1, at);
    // Assess
    const rows = (await outbox()).filter((m) => m.dueAt === at.toISOString());
    const ours = rows.filter(
      (m) => m.recipient.includes(wecomUnit.unitId) || m.recipient.includes(dingUnit.unitId),
    );
    expect(ours.map((m) => `${m.channel} ${m.recipient}`).sort()).toEqual(
      [`email user:${wecomUnit.reporter}`, `wecom unit:${wecomUnit.unitId}`].sort(),
    );
  });

  it("holds the committee's messages for one 08:30 digest per person and channel", async () => {
    // Prepare
    await call('PUT', '/api/notify/settings', {
      events: { sheet_reopened: { channels: ['email'], urgent: false } },
      committeeDigest: true,
      siteUrl: 'https://kp.example.cn',
    });
    await call('PUT', '/api/notify/contacts/rater-jiceng', {
      email: 'rater@example.cn',
      mobile: '',
      emailOptOut: false,
    });
    const at = new Date('2027-03-02T15:00:00+08:00');
    // Act: two sheets reopened in one afternoon
    await notifySheetReopened(
      api.db,
      { year: 2026, raterId: 'rater-jiceng', period: 'Q1' },
      '核定值有误',
      at,
    );
    await notifySheetReopened(api.db, { year: 2026, raterId: 'rater-jiceng', period: 'Q2' }, '漏评', at);
    await deliverOutbox(deps(), new Date('2027-03-02T18:00:00+08:00'));
    const before = emails.filter((e) => e.to === 'rater@example.cn').length;
    await deliverOutbox(deps(), new Date('2027-03-03T08:31:00+08:00'));
    // Assess
    const digests = emails.filter((e) => e.to === 'rater@example.cn');
    expect(before).toBe(0);
    expect(digests).toHaveLength(1);
    expect(digests[0]?.subject).toContain('待办汇总（2 条）');
    expect(digests[0]?.text).toContain('核定值有误');
    expect(digests[0]?.text).toContain('漏评');
  });

  it('refuses a webhook that is not a web address with a 400 naming the field, not a 500', async () => {
    // Act: the fuzz test's request.
    const refused = await call('PUT', '/api/notify/robots/group:office', {
      platform: 'dingtalk',
      webhookUrl: 'vY1r1',
      signSecret: '',
    });
    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'body.webhookUrl' })]);
    expect(refused.body.error.message).toContain('网址格式不正确');
  });

  it('refuses a webhook of another host, naming the field, and keeps the robot as it was', async () => {
    // Act
    const refused = await call('PUT', `/api/notify/robots/unit:${wecomUnit.unitId}`, {
      platform: 'wecom',
      webhookUrl: 'https://example.com/cgi-bin/webhook/send?key=abc',
    });
    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('Webhook 地址');
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'body.webhookUrl' })]);
    const robots = (await call('GET', '/api/notify/robots')).body.items as {
      target: string;
      maskedUrl: string;
    }[];
    expect(robots.find((r) => r.target === `unit:${wecomUnit.unitId}`)?.maskedUrl).toMatch(
      /\/cgi-bin\/webhook\/send\?key=\*{4}2a9c$/,
    );
  });

  it('never shows, stores in clear or logs a webhook key or signing secret', async () => {
    // Act: what the admin reads
    const listed = await call('GET', '/api/notify/robots');
    // Assess
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({ maskedUrl: expect.stringMatching(/key=\*\*\*\*2a9c$/), platform: 'wecom' }),
    );
    const table = await api.db.doc.send(new ScanCommand({ TableName: api.db.tableName }));
    const stored = JSON.stringify(table.Items);
    for (const secret of SECRETS) {
      expect(answers.join('\n')).not.toContain(secret);
      expect(stored).not.toContain(secret);
      expect(logged.join('')).not.toContain(secret);
    }
    expect(logged.join('')).toContain('/api/notify/robots'); // the requests were logged, without secrets
  });
});
