/**
 * Quarter-end submissions through the HTTP app: the worksheet, values checked by unit of measure,
 * every status transition, windows by the server's clock, extensions, idempotent period
 * submission, and the refusals (403 / 409 / 400) with nothing half-written.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from './harness';
import { exportedWorkbook } from './job-steps';
import {
  AFTER_Q2,
  createFixtureUnit,
  type FixtureUnit,
  fillQ2,
  IN_Q2,
  itemPath,
  Q2_CODES,
  unitPeriodPath,
} from './submissions-fixtures';

describe('quarter-end submissions', () => {
  let api: TestApi;
  let unit: FixtureUnit;
  let other: FixtureUnit;

  beforeAll(async () => {
    api = await createTestApi({ now: IN_Q2 });
    [unit, other] = await Promise.all([createFixtureUnit(api), createFixtureUnit(api, '另一卫生院')]);
  });
  afterAll(() => api.close());
  beforeEach(() => api.setNow(IN_Q2));

  const partition = async (unitId: string) =>
    (
      await api.db.doc.send(
        new QueryCommand({
          TableName: api.db.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `YEAR#2026#UNIT#${unitId}` },
        }),
      )
    ).Items ?? [];
  const submit = (u: FixtureUnit, key: string, period = 'Q2') =>
    api.call('POST', `${unitPeriodPath(u.unitId, period)}/submission`, {
      as: u.head,
      body: {},
      headers: { 'idempotency-key': key },
    });

  it('lists the period’s indicators with their requirement text, target and window', async () => {
    // Act
    const q1 = await api.call('GET', `${unitPeriodPath(unit.unitId, 'Q1')}/worksheet`, { as: unit.reporter });
    const q2 = await api.call('GET', `${unitPeriodPath(unit.unitId)}/worksheet`, { as: unit.reporter });
    // Assess
    expect(q2.status).toBe(200);
    expect(q2.body.rows.map((r: { indicator: { code: string } }) => r.indicator.code)).toEqual(Q2_CODES);
    expect(q1.body.rows.map((r: { indicator: { code: string } }) => r.indicator.code)).toEqual([
      'A1',
      'A2',
      'A3',
      'C1',
      'C2',
    ]);
    expect(q2.body.rows[0].indicator).toMatchObject({
      name: '居民健康档案建档率',
      measure: 'rate',
      target: 80,
      evidence: '居民健康档案建档率的统计报表和台账',
      needsValue: true,
    });
    expect(q2.body.rows[5].indicator).toMatchObject({ code: 'C1', needsValue: false });
    expect(q2.body.window).toMatchObject({
      state: 'open',
      closesAt: '2026-07-10T18:00:00+08:00',
      extension: null,
    });
    expect(q1.body.window.state).toBe('closed');
  });

  it('checks each value by its unit of measure, naming the field, and writes nothing on a refusal', async () => {
    const cases: [string, unknown, string][] = [
      ['A1', 100.5, '超出比率范围 0–100%'],
      ['A1', -1, '超出比率范围 0–100%'],
      ['A3', -3, '计数须为非负整数'],
      ['A3', 2.5, '计数须为非负整数'],
      ['B1', 'yes', '应为 true 或 false'],
      ['B2', '2026-02-30', '不是有效的日期'],
      ['A2', true, '不是有效的数值'],
    ];
    for (const [code, value, message] of cases) {
      // Act
      const res = await api.call('PUT', itemPath(other.unitId, code), {
        as: other.reporter,
        body: { value, narrative: '', version: 0 },
      });
      // Assess
      expect(res.status, `${code} ${String(value)}`).toBe(400);
      expect(res.body.error.details).toEqual([{ path: 'body.value', message }]);
    }
    expect((await partition(other.unitId)).filter((i) => String(i.sk).startsWith('ITEM#'))).toEqual([]);
    const ok = await api.call('PUT', itemPath(other.unitId, 'A1'), {
      as: other.reporter,
      body: { value: '88.50', narrative: '  截至6月底建档 8850 份  ', version: 0 },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'draft',
      value: 88.5,
      narrative: '截至6月底建档 8850 份',
      version: 1,
    });
  });

  it('refuses another unit’s worksheet, item and submission with 403', async () => {
    const read = await api.call('GET', `${unitPeriodPath(other.unitId)}/worksheet`, { as: unit.reporter });
    const write = await api.call('PUT', itemPath(other.unitId, 'A1'), {
      as: unit.reporter,
      body: { value: 90, narrative: '', version: 0 },
    });
    const submitOther = await api.call('POST', `${unitPeriodPath(other.unitId)}/submission`, {
      as: unit.head,
      body: {},
      headers: { 'idempotency-key': 'foreign-unit-0001' },
    });
    const reporterSubmits = await submit({ ...unit, head: unit.reporter }, 'reporter-0001');
    expect([read.status, write.status, submitOther.status, reporterSubmits.status]).toEqual([
      403, 403, 403, 403,
    ]);
    expect(JSON.stringify(read.body)).not.toContain('A1');
  });

  it('keeps concurrent edits apart: a stale version gets 409 with the current one', async () => {
    const u = await createFixtureUnit(api);
    await api.call('PUT', itemPath(u.unitId, 'A1'), {
      as: u.reporter,
      body: { value: 80, narrative: 'a', version: 0 },
    });
    const first = await api.call('PUT', itemPath(u.unitId, 'A1'), {
      as: u.head,
      body: { value: 81, narrative: 'b', version: 1 },
    });
    const stale = await api.call('PUT', itemPath(u.unitId, 'A1'), {
      as: u.reporter,
      body: { value: 82, narrative: 'c', version: 1 },
    });
    const duplicate = await api.call('PUT', itemPath(u.unitId, 'A1'), {
      as: u.reporter,
      body: { value: 83, narrative: 'd', version: 0 },
    });
    expect(first.status).toBe(200);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    expect(duplicate.body.error.code).toBe('STALE_VERSION');
  });

  it('refuses a submission with items missing, naming each, and moves nothing', async () => {
    const u = await createFixtureUnit(api);
    await api.call('PUT', itemPath(u.unitId, 'A1'), {
      as: u.reporter,
      body: { value: null, narrative: '', version: 0 },
    });
    const res = await submit(u, 'incomplete-0001');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INCOMPLETE');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      Q2_CODES.map((c) => `items.${c}`),
    );
    expect(res.body.error.details[0].message).toContain('未填写填报值');
    // The message names each blank indicator exactly once.
    for (const detail of res.body.error.details as { message: string }[]) {
      expect(res.body.error.message.split(detail.message)).toHaveLength(2);
    }
    const items = (await partition(u.unitId)).filter((i) => String(i.sk).startsWith('ITEM#'));
    expect(items.map((i) => i.status)).toEqual(['draft']);
  });

  it('walks an item through draft → submitted → returned → resubmitted → accepted, with its history', async () => {
    const u = await createFixtureUnit(api);
    await fillQ2(api, u);

    // draft → submitted (the unit head's final submission locks every item)
    const submitted = await submit(u, 'walk-submit-0001');
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ submitted: 7, resubmitted: 0 });
    const locked = await api.call('PUT', itemPath(u.unitId, 'A1'), {
      as: u.reporter,
      body: { value: 99, narrative: '', version: 2 },
    });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('ITEM_LOCKED');
    const again = await submit(u, 'walk-submit-0002');
    expect(again.body.error.code).toBe('NOTHING_TO_SUBMIT');

    // submitted → returned (with the rater's reason; the unit is notified)
    const noReason = await api.call('POST', `${itemPath(u.unitId, 'A2')}/review`, {
      as: 'rater-jiceng',
      body: { decision: 'return', reason: '', version: 2 },
    });
    expect(noReason.status).toBe(400);
    const returned = await api.call('POST', `${itemPath(u.unitId, 'A2')}/review`, {
      as: 'rater-jiceng',
      body: { decision: 'return', reason: '缺少孕产妇系统管理台账', version: 2 },
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({
      status: 'returned',
      returnReason: '缺少孕产妇系统管理台账',
      version: 3,
    });
    const notes = await api.call('GET', '/api/notifications', { as: u.reporter });
    expect(notes.body.unread).toBe(1);
    expect(notes.body.items[0].body).toContain('缺少孕产妇系统管理台账');

    // returned → edited again → resubmitted (only the returned item moves)
    const edited = await api.call('PUT', itemPath(u.unitId, 'A2'), {
      as: u.reporter,
      body: { value: 92.4, narrative: '已补充系统管理台账', version: 3 },
    });
    expect(edited.body).toMatchObject({ status: 'returned', value: 92.4, version: 4 });
    const resubmitted = await submit(u, 'walk-submit-0003');
    expect(resubmitted.body).toMatchObject({ submitted: 0, resubmitted: 1 });

    // resubmitted → accepted; a draft or accepted item cannot be reviewed
    const accepted = await api.call('POST', `${itemPath(u.unitId, 'A2')}/review`, {
      as: 'rater-jiceng',
      body: { decision: 'accept', version: 5 },
    });
    expect(accepted.body.status).toBe('accepted');
    const twice = await api.call('POST', `${itemPath(u.unitId, 'A2')}/review`, {
      as: 'admin',
      body: { decision: 'return', reason: '再次退回', version: 6 },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('WRONG_STATE');

    const sheet = await api.call('GET', `${unitPeriodPath(u.unitId)}/worksheet`, { as: u.head });
    const a2 = sheet.body.rows.find((r: { indicator: { code: string } }) => r.indicator.code === 'A2').item;
    expect(a2.history.map((h: { status: string }) => h.status)).toEqual([
      'draft',
      'submitted',
      'returned',
      'resubmitted',
      'accepted',
    ]);
    expect(a2.history[2]).toMatchObject({
      reason: '缺少孕产妇系统管理台账',
      by: 'rater-jiceng',
      byName: '黄勇',
    });
    expect(sheet.body.periodSubmission.rounds).toHaveLength(2);
  });

  it('refuses changes after the close with the close time in Beijing time', async () => {
    const u = await createFixtureUnit(api);
    api.setNow(AFTER_Q2);
    const late = await api.call('PUT', itemPath(u.unitId, 'A1'), {
      as: u.reporter,
      body: { value: 90, narrative: '', version: 0 },
    });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'WINDOW_CLOSED', closesAt: '2026-07-10T18:00:00+08:00' });
    expect(late.body.error.message).toContain('2026年7月10日 18:00（北京时间）截止');
    expect((await partition(u.unitId)).filter((i) => String(i.sk).startsWith('ITEM#'))).toEqual([]);
  });

  it('keeps values and files as drafts before the window opens; only the submission waits for it', async () => {
    // Prepare: the reporter works the day before the Q2 window opens
    const u = await createFixtureUnit(api);
    api.setNow(new Date('2026-06-24T08:59:00+08:00'));
    // Act
    const early = await api.call('PUT', itemPath(u.unitId, 'A1'), {
      as: u.reporter,
      body: { value: 90, narrative: '提前准备', version: 0 },
    });
    const ticket = await api.call('POST', `${itemPath(u.unitId, 'A1')}/files`, {
      as: u.reporter,
      body: { name: '台账.pdf', size: 2048, contentType: 'application/pdf', sha256: 'a'.repeat(64) },
    });
    const submitted = await submit(u, 'early-0001');
    const sheet = await api.call('GET', `${unitPeriodPath(u.unitId)}/worksheet`, { as: u.reporter });
    // Assess
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ status: 'draft', value: 90, narrative: '提前准备' });
    expect(ticket.status).toBe(201);
    expect(submitted.status).toBe(409);
    expect(submitted.body.error.code).toBe('WINDOW_NOT_OPEN');
    expect(sheet.body.window.state).toBe('not_open');
    expect(sheet.body.rows[0].item).toMatchObject({ status: 'draft', value: 90 });
  });

  it('lets the admin extend one unit’s window until a date, with a reason', async () => {
    const u = await createFixtureUnit(api);
    await fillQ2(api, u);
    api.setNow(new Date('2026-07-12T10:00:00+08:00'));
    expect((await submit(u, 'extension-0001')).status).toBe(409);

    const tooEarly = await api.call('PUT', `${unitPeriodPath(u.unitId)}/extension`, {
      as: 'admin',
      body: { until: '2026-07-09', reason: '系统故障' },
    });
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.error.details[0].path).toBe('body.until');
    const byReporter = await api.call('PUT', `${unitPeriodPath(u.unitId)}/extension`, {
      as: u.reporter,
      body: { until: '2026-07-15', reason: '系统故障' },
    });
    expect(byReporter.status).toBe(403);
    const granted = await api.call('PUT', `${unitPeriodPath(u.unitId)}/extension`, {
      as: 'admin',
      body: { until: '2026-07-15', reason: '院内信息系统升级，统计数据延迟' },
    });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ untilAt: '2026-07-15T23:59:59.999+08:00', grantedBy: 'admin' });

    // The extension is that unit's only: another unit stays closed.
    const others = await api.call('PUT', itemPath(other.unitId, 'A2'), {
      as: other.reporter,
      body: { value: 90, narrative: '', version: 0 },
    });
    expect(others.body.error.code).toBe('WINDOW_CLOSED');
    expect((await submit(u, 'extension-0002')).status).toBe(200);

    api.setNow(new Date('2026-07-16T00:00:01+08:00'));
    const afterExtension = await api.call('PUT', itemPath(u.unitId, 'A1'), {
      as: u.reporter,
      body: { value: 90, narrative: '', version: 2 },
    });
    expect(afterExtension.body.error).toMatchObject({
      code: 'WINDOW_CLOSED',
      closesAt: '2026-07-15T23:59:59.999+08:00',
    });
    expect((await api.call('DELETE', `${unitPeriodPath(u.unitId)}/extension`, { as: 'admin' })).status).toBe(
      204,
    );
    expect((await api.call('DELETE', `${unitPeriodPath(u.unitId)}/extension`, { as: 'admin' })).status).toBe(
      404,
    );
  });

  it('writes a retried submission once: the same key answers the first result', async () => {
    const u = await createFixtureUnit(api);
    await fillQ2(api, u);
    // Act: a retry after a lost answer, and two racing copies of another request
    const first = await submit(u, 'retry-key-0001');
    const retry = await submit(u, 'retry-key-0001');
    const reused = await submit(u, 'retry-key-0001', 'Q1');
    // Assess
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const stored = await partition(u.unitId);
    const period = stored.find((i) => i.sk === 'PERIOD#Q2');
    expect(period?.rounds).toHaveLength(1);
    for (const item of stored.filter((i) => String(i.sk).startsWith('ITEM#Q2#'))) {
      expect(item.history.filter((h: { status: string }) => h.status === 'submitted')).toHaveLength(1);
      expect(item.version).toBe(2);
    }
  });

  it('writes racing copies of one submission once', async () => {
    const u = await createFixtureUnit(api);
    await fillQ2(api, u);
    const answers = await Promise.all([
      submit(u, 'race-key-0001'),
      submit(u, 'race-key-0001'),
      submit(u, 'race-key-0001'),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    for (const answer of answers) expect(answer.body).toEqual(answers[0]?.body);
    const period = (await partition(u.unitId)).find((i) => i.sk === 'PERIOD#Q2');
    expect(period?.rounds).toHaveLength(1);
  });

  it('requires an idempotency key on the submission', async () => {
    const res = await api.call('POST', `${unitPeriodPath(unit.unitId)}/submission`, {
      as: unit.head,
      body: {},
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('header.idempotency-key');
  });

  it('shows the admin a progress matrix with counts per unit and category, filters and an xlsx export', async () => {
    const u = await createFixtureUnit(api, '进度卫生院');
    await fillQ2(api, u);
    await submit(u, 'progress-key-0001');
    // Act
    const all = await api.call('GET', '/api/years/2026/periods/Q2/progress', { as: 'admin' });
    const submittedOnly = await api.call(
      'GET',
      '/api/years/2026/periods/Q2/progress?status=submitted&categoryId=primary-care',
      {
        as: 'leader',
      },
    );
    const refused = await api.call('GET', '/api/years/2026/periods/Q2/progress', { as: u.reporter });
    const workbook = await exportedWorkbook(api, '/api/years/2026/jobs/progress-export', { period: 'Q2' });
    // Assess
    expect(all.status).toBe(200);
    const row = all.body.units.find((r: { unitId: string }) => r.unitId === u.unitId);
    expect(row.counts).toMatchObject({ submitted: 7, missing: 0 });
    expect(row.cells).toMatchObject({ A1: 'submitted', B1: 'submitted' });
    expect(row.submittedAt).toBe(IN_Q2.toISOString());
    const primary = all.body.categories.find((c: { categoryId: string }) => c.categoryId === 'primary-care');
    expect(primary.counts.submitted).toBeGreaterThanOrEqual(7);
    expect(
      submittedOnly.body.units.every((r: { counts: { submitted: number } }) => r.counts.submitted > 0),
    ).toBe(true);
    expect(submittedOnly.body.units.some((r: { unitId: string }) => r.unitId === u.unitId)).toBe(true);
    expect(refused.status).toBe(403);
    const sheet = workbook.getWorksheet('上报进度')!;
    const names = sheet.getColumn(1).values.map(String);
    expect(names).toContain('进度卫生院');
    expect(workbook.getWorksheet('分类汇总')?.getCell('A2').value).toBeTruthy();
  });
});
