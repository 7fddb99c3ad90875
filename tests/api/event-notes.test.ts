/**
 * Everyone is told what concerns them (issue 12): the in-app notification of each event, addressed to
 * the people it concerns, and 现在要做的事 listing only what is still open for that person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyPublicityOpened, notifyResultsPublished } from '../../shared/db/event-notes';
import { getYear } from '../../shared/db/year-repo';
import { proposeBonus, recordInspectionWithRectification } from './event-fixtures';
import { createTestApi, type TestApi } from './harness';
import { scorePending } from './year-steps';

const Y = 2026;

interface Note {
  kind: string;
  title: string;
  body: string;
}

describe('notifications for every event', () => {
  let api: TestApi;
  const notes = async (as: string): Promise<Note[]> =>
    (await api.call('GET', '/api/notifications', { as })).body.items;
  const tasks = async (as: string) =>
    (await api.call('GET', `/api/me/tasks?year=${Y}`, { as })).body as {
      kind: string;
      title: string;
      text: string;
    }[];

  beforeAll(async () => {
    api = await createTestApi();
  }, 120_000);
  afterAll(() => api.close());

  it('tells the unit the points of an approved inspection, the rectification ordered, its return with the reason and points, and its closing', async () => {
    // Prepare
    const created = await recordInspectionWithRectification(api.call);
    expect(created.status).toBe(201);
    // Act
    await api.call('POST', `/api/years/${Y}/units/shiqiao-thc/inspections/${created.body.id}/decision`, {
      as: 'admin',
      body: { decision: 'approve', version: 1 },
    });
    // Assess
    const head = await notes('shiqiao-thc-head');
    expect(head.find((n) => n.kind === 'inspection_approved')?.title).toContain('扣 0.50 分');
    expect(head.find((n) => n.kind === 'rectification_ordered')?.body).toContain('2026-12-01');
    expect((await tasks('shiqiao-thc-reporter')).map((t) => t.kind)).toContain('rectification');

    // Act: answered, returned with a reason, answered again, closed.
    const path = `/api/years/${Y}/units/shiqiao-thc/rectifications/${created.body.id}-1`;
    const answered = await api.call('POST', `${path}/answer`, {
      as: 'shiqiao-thc-reporter',
      body: { answer: '已批评教育', version: 1 },
    });
    const returned = await api.call('POST', `${path}/review`, {
      as: 'inspector-xingfeng',
      body: { decision: 'return', note: '请附值班签到表', version: answered.body.version },
    });
    // Assess
    const back = (await notes('shiqiao-thc-reporter')).find((n) => n.kind === 'rectification_returned');
    expect(back?.body).toContain('请附值班签到表');
    expect(back?.body).toContain('扣 0.50 分');
    const open = (await tasks('shiqiao-thc-head')).find((t) => t.kind === 'rectification');
    expect(open?.text).toContain('请附值班签到表');

    const reanswered = await api.call('POST', `${path}/answer`, {
      as: 'shiqiao-thc-head',
      body: { answer: '已补充值班签到表', version: returned.body.version },
    });
    await api.call('POST', `${path}/review`, {
      as: 'inspector-xingfeng',
      body: { decision: 'close', version: reanswered.body.version },
    });
    expect((await notes('shiqiao-thc-head')).map((n) => n.kind)).toContain('rectification_closed');
    expect((await tasks('shiqiao-thc-head')).map((t) => t.kind)).not.toContain('rectification');
  });

  it('tells the unit and the proposer how a bonus proposal was decided; the admin sees it waiting until then', async () => {
    // Prepare
    const proposed = await proposeBonus(api.call);
    expect(proposed.status).toBe(201);
    expect((await tasks('admin')).map((t) => t.kind)).toContain('proposals_to_decide');
    // Act
    await api.call('POST', `/api/years/${Y}/units/xinyan-thc/proposals/bonus/${proposed.body.id}/decision`, {
      as: 'admin',
      body: { decision: 'reject', reason: '材料不足', version: proposed.body.version },
    });
    // Assess
    const note = (await notes('xinyan-thc-reporter')).find((n) => n.kind === 'proposal_decided');
    expect(note?.title).toBe('加分未通过：市级先进基层党组织');
    expect(note?.body).toContain('材料不足');
  });

  it('tells a rater their sheet was reopened, with the reason, and lists it to finalize', async () => {
    const assigned = await api.call('POST', `/api/years/${Y}/assignments`, {
      as: 'admin',
      body: { period: 'Q3', code: '1.1', raterIds: ['rater-jiceng'], unitIds: ['hesha-thc'] },
    });
    expect(assigned.status).toBe(200);
    expect((await tasks('rater-jiceng')).map((t) => t.title)).toContain('完成第三季度评分并定稿');
    // A sheet is finalized only with nothing left to score (issue 21).
    await scorePending(api, Y, 'Q3', 'rater-jiceng');
    const finalized = await api.call('POST', `/api/years/${Y}/periods/Q3/sheet/finalize`, {
      as: 'rater-jiceng',
      body: { confirm: true },
    });
    expect(finalized.status).toBe(200);
    expect((await tasks('rater-jiceng')).map((t) => t.title)).not.toContain('完成第三季度评分并定稿');
    await api.call('POST', `/api/years/${Y}/periods/Q3/raters/rater-jiceng/sheet/reopen`, {
      as: 'admin',
      body: { reason: '复核发现录入错误' },
    });
    const note = (await notes('rater-jiceng')).find((n) => n.kind === 'sheet_reopened');
    expect(note?.body).toContain('复核发现录入错误');
    expect((await tasks('rater-jiceng')).map((t) => t.title)).toContain('完成第三季度评分并定稿');
  });

  it('tells every unit head the objection deadline when publicity opens, and every unit when results are published', async () => {
    // Prepare: the year as the transition leaves it (publicity opened on 11-26, 5 days).
    const year = await getYear(api.db, Y);
    const opened = {
      ...year,
      history: [
        ...year.history,
        { state: 'publicity' as const, at: '2026-11-26T10:00:00+08:00', by: 'admin' },
      ],
    };
    // Act
    await notifyPublicityOpened(api.db, opened, new Date('2026-11-26T02:00:00Z'));
    await notifyResultsPublished(api.db, Y, 1, new Date('2026-12-02T02:00:00Z'));
    // Assess
    const head = await notes('luoyang-thc-head');
    expect(head.find((n) => n.kind === 'publicity_opened')?.body).toContain('2026年12月1日');
    expect((await notes('luoyang-thc-reporter')).map((n) => n.kind)).not.toContain('publicity_opened');
    expect((await notes('luoyang-thc-reporter')).map((n) => n.kind)).toContain('results_published');
  });

  it('asks the head to sign only while the agreement is unsigned', async () => {
    expect((await tasks('luoyang-thc-head')).map((t) => t.kind)).not.toContain('sign_agreement');
  });
});
