/**
 * Reviewing a submitted item (accept or return) is a committee decision on one unit's indicator of
 * one period: only a rater assigned to exactly that (never one affiliated with the unit, 回避) or the
 * admin may make it, it is audited like every other change, and it has one route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignmentItems } from '../../shared/db/assignment-repo';
import { batchPut } from '../../shared/db/items';
import { seedSubmissionRecords } from '../../shared/db/submission-repo';
import type { TestApi } from './harness';
import { createScoringApi } from './scoring-harness';

const UNIT = 'luoyang-thc';
const item = (code: string) => `/api/years/2026/units/${UNIT}/periods/Q3/items/${code}`;

describe('item review authorization', () => {
  let api: TestApi;

  const submitted = (code: string) =>
    seedSubmissionRecords(api.db, {
      items: [
        {
          year: 2026,
          unitId: UNIT,
          period: 'Q3',
          code,
          status: 'submitted',
          value: 93,
          narrative: '台账见附件',
          returnReason: null,
          history: [],
          updatedAt: '2026-10-08T10:00:00.000Z',
          updatedBy: `${UNIT}-head`,
          version: 1,
        },
      ],
    });
  const audit = async (code: string) =>
    (
      (await api.call('GET', `/api/years/2026/units/${UNIT}/audit?code=${code}`, { as: 'admin' })).body as {
        kind: string;
        by: string;
        reason: string;
      }[]
    ).filter((e) => e.kind === 'accept' || e.kind === 'return');
  const statusOf = async (code: string) => {
    const sheet = await api.call('GET', `/api/years/2026/units/${UNIT}/periods/Q3/worksheet`, {
      as: 'admin',
    });
    return sheet.body.rows.find((r: { indicator: { code: string } }) => r.indicator.code === code)?.item
      ?.status;
  };

  beforeAll(async () => {
    api = await createScoringApi();
    // An assignment made before the rater's affiliation was recorded: 回避 still wins.
    await batchPut(
      api.db,
      assignmentItems([
        {
          year: 2026,
          period: 'Q3',
          unitId: UNIT,
          code: '1.4',
          raterId: 'inspector-both',
          assignedBy: 'admin',
          assignedAt: '2026-01-10T09:00:00+08:00',
          version: 1,
        },
      ]),
    );
    await submitted('1.4');
  }, 120_000);
  afterAll(() => api.close());

  it('refuses an unassigned rater, an affiliated one and an inspector, and changes nothing', async () => {
    // Act
    const unassigned = await api.call('POST', `${item('1.4')}/review`, {
      as: 'rater-fuyou',
      body: { decision: 'accept', version: 1 },
    });
    const affiliated = await api.call('POST', `${item('1.4')}/review`, {
      as: 'inspector-both',
      body: { decision: 'return', reason: '缺少台账', version: 1 },
    });
    const inspector = await api.call('POST', `${item('1.4')}/review`, {
      as: 'inspector-jijian',
      body: { decision: 'accept', version: 1 },
    });
    // Assess
    expect(unassigned.status).toBe(403);
    expect(unassigned.body.error.message).toContain('未被分派');
    expect(affiliated.status).toBe(403);
    expect(affiliated.body.error.message).toContain('回避');
    expect(inspector.status).toBe(403);
    expect(await statusOf('1.4')).toBe('submitted');
    expect(await audit('1.4')).toEqual([]);
  });

  it('refuses a rater assigned to the unit but not to this indicator', async () => {
    // Prepare: a rater of this unit's rating indicators who does not verify 1.4
    const assignments = (
      await api.call('GET', `/api/years/2026/assignments?period=Q3&unitId=${UNIT}`, { as: 'admin' })
    ).body as { raterId: string; code: string }[];
    const verifiers = new Set(assignments.filter((a) => a.code === '1.4').map((a) => a.raterId));
    const other = assignments.find((a) => !verifiers.has(a.raterId));
    expect(other).toBeDefined();
    // Act
    const res = await api.call('POST', `${item('1.4')}/review`, {
      as: other?.raterId,
      body: { decision: 'accept', version: 1 },
    });
    const canReview = async (as: string) =>
      (await api.call('GET', `/api/years/2026/units/${UNIT}/periods/Q3/worksheet`, { as })).body.rows.find(
        (r: { indicator: { code: string } }) => r.indicator.code === '1.4',
      ).canReview;
    // Assess: refused, and the worksheet offers the review only to whom may make it
    expect(res.status).toBe(403);
    expect(await statusOf('1.4')).toBe('submitted');
    expect(await canReview(other?.raterId ?? '')).toBe(false);
    expect(await canReview('rater-jiceng')).toBe(true);
    expect(await canReview('admin')).toBe(true);
  });

  it('lets the assigned rater return an item, with one audit entry and the unit notified', async () => {
    // Act
    const res = await api.call('POST', `${item('1.4')}/review`, {
      as: 'rater-jiceng',
      body: { decision: 'return', reason: '缺少第三季度接种登记表', version: 1 },
    });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'returned', returnReason: '缺少第三季度接种登记表' });
    expect(await audit('1.4')).toMatchObject([
      { kind: 'return', by: 'rater-jiceng', reason: '缺少第三季度接种登记表' },
    ]);
    const notes = await api.call('GET', '/api/notifications', { as: `${UNIT}-reporter` });
    expect(notes.body.items[0].body).toContain('缺少第三季度接种登记表');
  });

  it('lets the admin accept any unit’s item, audited', async () => {
    // Prepare
    await submitted('1.5');
    // Act
    const res = await api.call('POST', `${item('1.5')}/review`, {
      as: 'admin',
      body: { decision: 'accept', version: 1 },
    });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('accepted');
    expect(await audit('1.5')).toMatchObject([{ kind: 'accept', by: 'admin' }]);
  });

  it('has one route for returning an item: the scoring sheet’s old …/return is gone', async () => {
    const doc = (await api.call('GET', '/api/openapi.json')).body as { paths: Record<string, unknown> };
    const returning = Object.keys(doc.paths).filter((p) => p.endsWith('/return') || p.endsWith('/review'));
    expect(returning.sort()).toEqual([
      '/api/years/{year}/units/{unitId}/periods/{period}/items/{code}/review',
      '/api/years/{year}/units/{unitId}/rectifications/{rectificationId}/review',
    ]);
  });
});
