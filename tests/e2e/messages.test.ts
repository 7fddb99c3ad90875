/**
 * 消息发送 (issue 17): the admin maps an event to channels, gives a unit's work group a 企业微信
 * robot and a reporter an e-mail, runs the reminders, sees the outbox rows; the robot keeps failing
 * until it is marked failed, and once repaired the admin resends it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, type E2e, signInAs, startE2e } from './harness';

let e2e: E2e;
// 3 days before the Q3 close (10-10 18:00): every unit with a signed agreement is reminded.
let clock = new Date('2026-10-07T10:00:00+08:00');
let robotStatus = 500;
const robotCalls: string[] = [];
const robot: Server = createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => {
    raw += c;
  });
  req.on('end', () => {
    robotCalls.push(raw);
    res.writeHead(robotStatus, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ errcode: robotStatus === 200 ? 0 : -1, errmsg: robotStatus === 200 ? 'ok' : 'busy' }),
    );
  });
});

beforeAll(async () => {
  await new Promise<void>((ok) => robot.listen(0, '127.0.0.1', ok));
  e2e = await startE2e({ now: () => clock });
}, 240_000);
afterAll(async () => {
  await e2e?.stop();
  await new Promise<void>((ok) => robot.close(() => ok()));
});

describe('消息发送', () => {
  it('configures a robot and an e-mail, runs the reminders, shows the outbox and resends a failed message', async () => {
    // Prepare
    const port = (robot.address() as AddressInfo).port;
    const page = await e2e.newPage();
    await signInAs(page, 'admin', '/messages');
    await page.getByRole('heading', { level: 1, name: '消息发送' }).waitFor();
    await page.getByLabel('季度报送即将截止：企业微信').check();
    await page.getByLabel('季度报送即将截止：电子邮件').check();
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByRole('status').filter({ hasText: '已保存事件与渠道设置' }).waitFor();

    // Act: the unit's work group gets a robot, the reporter an e-mail
    await page.getByLabel('接收群').selectOption({ label: '洛阳镇卫生院' });
    await page
      .getByLabel('Webhook 地址')
      .fill(`http://127.0.0.1:${port}/cgi-bin/webhook/send?key=e2e-robot-key-7731`);
    await page.getByRole('button', { name: '保存机器人' }).click();
    await page.getByRole('status').filter({ hasText: '已保存 洛阳镇卫生院 的机器人' }).waitFor();
    await page.getByLabel('人员', { exact: true }).selectOption('luoyang-thc-reporter');
    await page.getByLabel('电子邮箱', { exact: true }).fill('reporter@luoyang.example.cn');
    await page.getByLabel('手机号（群机器人 @ 提醒用）').fill('13800000001');
    await page.getByRole('button', { name: '保存联系方式' }).click();
    await page.getByRole('status').filter({ hasText: '的联系方式' }).waitFor();
    await page.getByRole('button', { name: '立即运行提醒' }).click();
    await page.getByRole('status').filter({ hasText: '提醒已运行' }).waitFor();

    // Assess: the e-mail left, the robot answered an error and waits for its retry
    const outbox = page.getByRole('region', { name: '消息发送记录' });
    const robotRow = outbox.getByRole('row', { name: /企业微信.*洛阳镇卫生院/ });
    await robotRow.waitFor();
    expect(await robotRow.textContent()).toContain('待发送');
    expect(await robotRow.textContent()).toContain('HTTP 500');
    expect(
      await outbox
        .getByRole('row', { name: /电子邮件/ })
        .first()
        .textContent(),
    ).toContain('已发送');
    expect(await page.textContent('body')).not.toContain('e2e-robot-key-7731');

    // Act: later runs while the robot keeps failing
    for (const minutes of [3, 8, 20]) {
      clock = new Date(Date.parse('2026-10-07T10:00:00+08:00') + minutes * 60_000);
      await page.getByRole('button', { name: '立即运行提醒' }).click();
      await page.getByRole('status').filter({ hasText: '提醒已运行' }).waitFor();
    }
    await page.getByLabel('状态', { exact: true }).selectOption({ label: '发送失败' });
    const failed = outbox.getByRole('row', { name: /企业微信.*洛阳镇卫生院/ });
    await failed.getByText('发送失败').waitFor();
    expect(robotCalls).toHaveLength(4);

    // Act: the group's robot is repaired; 重发
    robotStatus = 200;
    await failed.getByRole('button', { name: /^重发/ }).click();

    // Assess
    await page.getByRole('status').filter({ hasText: '已重发' }).waitFor();
    expect(robotCalls).toHaveLength(5);
    expect(JSON.parse(robotCalls[4] ?? '{}')).toMatchObject({
      msgtype: 'text',
      text: { mentioned_mobile_list: ['13800000001'] },
    });
    await checkA11y(page);
    await page.context().close();
  }, 120_000);
});
