/**
 * Fixtures of the submission tests: two units of their own (so the demo seed's agreements and any
 * other test never interfere) with a reporter and a head each, and agreements signed through the
 * agreement lifecycle, with one indicator of every unit of measure.
 */
import { randomUUID } from 'node:crypto';
import { assignmentItems } from '../../shared/db/assignment-repo';
import { batchPut, putIfAbsent } from '../../shared/db/items';
import { agreementIndexes, agreementKey } from '../../shared/db/keys';
import { seedUnit, seedUser } from '../../shared/db/org-repo';
import { generateAgreement, issueAgreement, signAgreement } from '../../shared/domain/agreements/lifecycle';
import type { Template, TemplateLeaf } from '../../shared/schemas/template';
import type { TestApi } from './harness';

const QUARTERLY: TemplateLeaf['periods'] = ['Q1', 'Q2', 'Q3', 'Q4'];
const leaf = (
  code: string,
  name: string,
  W: number,
  rest: Partial<TemplateLeaf> & Pick<TemplateLeaf, 'rule'>,
) =>
  ({
    code,
    name,
    W,
    measure: 'rate',
    direction: 'higher',
    periods: QUARTERLY,
    evidence: `${name}的统计报表和台账`,
    department: '基层卫生健康科',
    ...rest,
  }) as TemplateLeaf;

export const FIXTURE_TEMPLATE: Template = {
  year: 2026,
  categoryId: 'primary-care',
  title: '2026年度清河县卫生健康目标管理责任书',
  partyA: '清河县卫生健康局',
  version: 1,
  updatedAt: '2026-01-06T09:00:00+08:00',
  updatedBy: 'admin',
  unitTargets: {},
  dimensions: [
    {
      name: '基本公共卫生服务',
      leaves: [
        leaf('A1', '居民健康档案建档率', 20, { rule: { type: 'threshold' }, defaultTarget: 80 }),
        leaf('A2', '孕产妇系统管理率', 20, { rule: { type: 'linear', floor: 70 }, defaultTarget: 90 }),
        leaf('A3', '家庭医生签约服务人次', 15, {
          measure: 'count',
          rule: { type: 'threshold' },
          defaultTarget: 500,
        }),
      ],
    },
    {
      name: '重点工作',
      leaves: [
        leaf('B1', '电子健康档案向居民开放', 10, {
          measure: 'boolean',
          rule: { type: 'threshold' },
          defaultTarget: true,
          periods: ['Q2', 'Q4'],
        }),
        leaf('B2', '突发公共卫生事件应急演练', 10, {
          measure: 'date',
          rule: { type: 'completion', lateFactor: 0.5 },
          defaultTarget: '2026-06-30',
          periods: ['Q2', 'Q4'],
        }),
      ],
    },
    {
      name: '党风行风',
      leaves: [
        leaf('C1', '党风廉政建设', 15, {
          measure: 'count',
          rule: { type: 'deduction' },
          department: '纪检监察室',
        }),
        leaf('C2', '医德医风', 10, { rule: { type: 'rating', scale: 'points' } }),
      ],
    },
  ],
};

/** The Q2 codes of the fixture agreement, in order. */
export const Q2_CODES = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2'];

/** Values that pass for every Q2 indicator. */
export const GOOD_VALUES: Record<string, number | boolean | string | null> = {
  A1: 86.5,
  A2: 91.2,
  A3: 612,
  B1: true,
  B2: '2026-06-18',
  C1: null,
  C2: null,
};

export interface FixtureUnit {
  unitId: string;
  reporter: string;
  head: string;
}

/** The rater every fixture unit is assigned to (all its scored indicators, every period). */
export const FIXTURE_RATER = 'rater-jiceng';

/** Assigns a rater to indicators of a unit, as the admin's assignment would. */
export const assignRater = (
  api: TestApi,
  unitId: string,
  raterId: string,
  codes: readonly { code: string; periods: readonly TemplateLeaf['periods'][number][] }[],
  year = 2026,
) =>
  batchPut(
    api.db,
    assignmentItems(
      codes.flatMap(({ code, periods }) =>
        periods.map((period) => ({
          year,
          period,
          unitId,
          code,
          raterId,
          assignedBy: 'admin',
          assignedAt: '2026-01-10T09:00:00+08:00',
          version: 1,
        })),
      ),
    ),
  );

/** A unit of its own with a reporter, a head and a signed 2026 agreement of the fixture template. */
export const createFixtureUnit = async (api: TestApi, name = '测试镇卫生院'): Promise<FixtureUnit> => {
  const unitId = `t-${randomUUID().slice(0, 8)}`;
  const unit = { id: unitId, name, categoryId: 'primary-care', head: '测试负责人', contacts: [] };
  await seedUnit(api.db, unit);
  await Promise.all([
    seedUser(api.db, {
      id: `${unitId}-reporter`,
      name: '测试填报员',
      title: `${name}填报员`,
      roles: ['reporter'],
      unitId,
      affiliatedUnitIds: [unitId],
    }),
    seedUser(api.db, {
      id: `${unitId}-head`,
      name: '测试负责人',
      title: `${name}负责人`,
      roles: ['unit_head'],
      unitId,
      affiliatedUnitIds: [unitId],
    }),
  ]);
  const admin = { userId: 'admin', name: '王建华' };
  const generated = generateAgreement({
    year: 2026,
    unit,
    category: { id: 'primary-care', name: '基层医疗卫生机构' },
    template: FIXTURE_TEMPLATE,
    actor: admin,
    at: new Date('2026-01-08T09:00:00+08:00'),
  });
  const { agreement: issued } = issueAgreement(generated, admin, new Date('2026-01-10T09:00:00+08:00'));
  const signed = signAgreement(
    issued,
    issued.contentHash,
    { userId: `${unitId}-head`, name: '测试负责人' },
    new Date('2026-01-12T15:00:00+08:00'),
  );
  const { version: _v, ...current } = signed;
  await putIfAbsent(api.db, {
    ...agreementKey(2026, unitId),
    ...agreementIndexes(2026, 'primary-care', unitId),
    entity: 'agreement',
    ...current,
  });
  await assignRater(
    api,
    unitId,
    FIXTURE_RATER,
    FIXTURE_TEMPLATE.dimensions
      .flatMap((d) => d.leaves)
      .filter((l) => l.rule.type !== 'deduction')
      .map((l) => ({ code: l.code, periods: l.periods })),
  );
  return { unitId, reporter: `${unitId}-reporter`, head: `${unitId}-head` };
};

/** Inside the Q2 window (2026-06-24 09:00 – 07-10 18:00, Beijing time). */
export const IN_Q2 = new Date('2026-07-01T10:00:00+08:00');
export const AFTER_Q2 = new Date('2026-07-10T18:00:01+08:00');

export const itemPath = (unitId: string, code: string, period = 'Q2') =>
  `/api/years/2026/units/${unitId}/periods/${period}/items/${code}`;
export const unitPeriodPath = (unitId: string, period = 'Q2') =>
  `/api/years/2026/units/${unitId}/periods/${period}`;

/** Saves every Q2 item with a good value (version 0: new items). */
export const fillQ2 = async (api: TestApi, unit: FixtureUnit) => {
  for (const code of Q2_CODES) {
    const res = await api.call('PUT', itemPath(unit.unitId, code), {
      as: unit.reporter,
      body: { value: GOOD_VALUES[code] ?? null, narrative: `${code} 情况说明`, version: 0 },
    });
    if (res.status !== 200) throw new Error(`fill ${code}: ${res.status} ${JSON.stringify(res.body)}`);
  }
};

// The tiny valid files are the demo seed's, so tests and demo upload the same kinds of bytes.
export {
  postWithForm as postToStorage,
  sha256Hex as sha256,
  tinyDocx,
  tinyPdf,
  tinyPng,
} from '../../scripts/seed/demo-submissions';
