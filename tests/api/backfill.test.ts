/**
 * The one-off backfill (scripts/backfill.ts) on data as an older version left it: assignments without
 * their raters' unit markers, a survey result without its gsi1 entry, a pending amendment without its
 * gsi2 entry. After it the rater's agreement list, the period's survey list and the admin's 工作台 show
 * them again; a second run writes nothing and changes nothing.
 */
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssignments } from '../../shared/db/assignment-repo';
import { SCHEMA_VERSION } from '../../shared/db/backfill-plan';
import { backfillIfNeeded, getSchema, runBackfill } from '../../shared/db/backfill-repo';
import { amendmentKey, raterUnitKey, schemaKey, surveyKey } from '../../shared/db/keys';
import type { Assignment } from '../../shared/schemas/scoring';
import { CURRENT_YEAR, createTestApi, type TestApi } from './harness';

const Y = CURRENT_YEAR;
const RATER = 'rater-jiceng';

const assignment = (unitId: string, period: Assignment['period'], code: string): Assignment => ({
  year: Y,
  period,
  unitId,
  code,
  raterId: RATER,
  assignedBy: 'admin',
  assignedAt: `${Y}-01-10T09:00:00+08:00`,
  version: 1,
});

describe('backfill of data written before the index entries and unit markers', () => {
  let api: TestApi;
  let amendmentId: string;

  const raterUnits = async () =>
    ((await api.call('GET', `/api/years/${Y}/agreements`, { as: RATER })).body as { unitId: string }[])
      .map((a) => a.unitId)
      .sort();
  const surveyUnits = async () =>
    (
      (await api.call('GET', `/api/years/${Y}/surveys?period=Q4`, { as: 'admin' })).body as {
        unitId: string;
      }[]
    )
      .map((s) => s.unitId)
      .sort();
  const amendmentsToDecide = async () =>
    (
      (await api.call('GET', `/api/me/tasks?year=${Y}`, { as: 'admin' })).body as {
        kind: string;
        count?: number;
      }[]
    ).find((t) => t.kind === 'amendments_to_decide')?.count ?? 0;
  const strip = (key: { pk: string; sk: string }, attributes: string) =>
    api.db.doc.send(
      new UpdateCommand({ TableName: api.db.tableName, Key: key, UpdateExpression: `REMOVE ${attributes}` }),
    );
  const remove = (key: { pk: string; sk: string }) =>
    api.db.doc.send(new DeleteCommand({ TableName: api.db.tableName, Key: key }));

  beforeAll(async () => {
    api = await createTestApi();
    // Prepare: what the current version writes…
    await createAssignments(api.db, [
      assignment('luoyang-thc', 'Q4', '1.1'),
      assignment('luoyang-thc', 'Q4', '1.2'),
      assignment('hesha-thc', 'Q3', '1.1'),
    ]);
    const survey = await api.call('PUT', `/api/years/${Y}/units/caohe-thc/surveys/Q4`, {
      as: 'admin',
      body: { code: '3.3', respondents: 250, satisfied: 240 },
    });
    expect(survey.status).toBe(200);
    const path = `/api/years/${Y}/agreements/luoyang-thc`;
    const current = (await api.call('GET', path, { as: 'admin' })).body;
    const amendment = await api.call('POST', `${path}/amendments`, {
      as: 'admin',
      body: {
        version: current.version,
        reason: '县政府调整居民健康档案建档任务',
        customisation: { ...current.customisation, targets: { ...current.customisation.targets, '1.1': 78 } },
      },
    });
    expect(amendment.status).toBe(201);
    amendmentId = amendment.body.id;
    expect(await raterUnits()).toEqual(['hesha-thc', 'luoyang-thc']);
    expect(await surveyUnits()).toEqual(['caohe-thc']);
    expect(await amendmentsToDecide()).toBe(1);
    // …and how an older version left it: no markers, no index entries, no schema record.
    await remove(raterUnitKey(Y, RATER, 'luoyang-thc'));
    await remove(raterUnitKey(Y, RATER, 'hesha-thc'));
    await strip(surveyKey(Y, 'caohe-thc', 'Q4', '3.3'), 'gsi1pk, gsi1sk');
    await strip(amendmentKey(Y, 'luoyang-thc', amendmentId), 'gsi2pk, gsi2sk');
    await remove(schemaKey());
  }, 120_000);
  afterAll(() => api.close());

  it('older data is not listed (the gaps the backfill closes)', async () => {
    expect(await raterUnits()).toEqual([]);
    expect(await surveyUnits()).toEqual([]);
    expect(await amendmentsToDecide()).toBe(0);
  });

  it('lists the rater’s units, the survey result and the pending amendment again after it', async () => {
    // Act
    const lines: string[] = [];
    const done = await backfillIfNeeded(api.db, { log: (line) => lines.push(line) });
    // Assess
    expect(done?.find((y) => y.year === Y)).toMatchObject({ markers: 2, surveys: 1, amendments: 1 });
    expect(lines.some((line) => line.includes(`${Y} 年度`))).toBe(true);
    expect(await raterUnits()).toEqual(['hesha-thc', 'luoyang-thc']);
    expect(await surveyUnits()).toEqual(['caohe-thc']);
    expect(await amendmentsToDecide()).toBe(1);
    expect((await getSchema(api.db))?.version).toBe(SCHEMA_VERSION);
  });

  it('sets each marker to the exact count, so a later reassign keeps it right', async () => {
    const { Item } = await api.db.doc.send(
      new GetCommand({
        TableName: api.db.tableName,
        Key: raterUnitKey(Y, RATER, 'luoyang-thc'),
      }),
    );
    expect(Item?.assignments).toBe(2);
    // Per period too, so the rater's 工作台 counts from the markers, not their whole queue.
    expect([Item?.assignmentsQ1, Item?.assignmentsQ2, Item?.assignmentsQ3, Item?.assignmentsQ4]).toEqual([
      0, 0, 0, 2,
    ]);
  });

  it('a second run writes nothing and lists the same; npm start skips it once recorded', async () => {
    // Act
    const again = await runBackfill(api.db);
    // Assess
    for (const year of again) expect(year).toMatchObject({ markers: 0, surveys: 0, amendments: 0 });
    expect(await raterUnits()).toEqual(['hesha-thc', 'luoyang-thc']);
    expect(await surveyUnits()).toEqual(['caohe-thc']);
    expect(await amendmentsToDecide()).toBe(1);
    expect(await backfillIfNeeded(api.db)).toBeNull();
  });
});
