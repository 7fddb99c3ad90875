import { describe, expect, it } from 'vitest';
import { demoYear } from '../../../scripts/seed/demo-year';
import { objectionOutcome, outcomeMessage } from '../../../shared/domain/results/objection-outcome';
import {
  type ReadinessFacts,
  unacknowledged,
  unansweredObjections,
  yearReadiness,
} from '../../../shared/domain/years/readiness';
import type { Results } from '../../../shared/schemas/results';

const year = demoYear(2026, 'in_progress');
const units = [
  { id: 'a', name: '甲卫生院', categoryId: 'grass' },
  { id: 'b', name: '乙卫生院', categoryId: 'grass' },
  { id: 'x', name: '丙医院', categoryId: 'county' },
];
const leaves = [
  { code: '1.1', name: '建档率', ruleType: 'threshold', periods: ['Q4' as const], wCents: 6000 },
  { code: '2.1', name: '综合管理', ruleType: 'rating', periods: ['Q4' as const], wCents: 4000 },
];
const agreement = (unitId: string, state = 'signed') => ({
  unitId,
  unitName: units.find((u) => u.id === unitId)?.name ?? unitId,
  categoryId: 'grass',
  state,
  leaves,
});
const afterQ4 = new Date('2027-01-11T09:00:00+08:00');

/** A clean scoring year: both units reported Q4 with evidence, scored by v (1.1) and r1, r2 (2.1). */
const scoringFacts = (): ReadinessFacts => ({
  now: afterQ4,
  year: { ...year, state: 'scoring' },
  units,
  agreements: [agreement('a'), agreement('b')],
  lastPeriod: { submittedUnitIds: ['a', 'b'], extensions: [] },
  assignments: ['a', 'b'].flatMap((unitId) => [
    { period: 'Q4' as const, unitId, code: '1.1', raterId: 'v' },
    { period: 'Q4' as const, unitId, code: '2.1', raterId: 'r1' },
    { period: 'Q4' as const, unitId, code: '2.1', raterId: 'r2' },
  ]),
  finalizedSheets: ['v', 'r1', 'r2'].map((raterId) => ({ raterId, period: 'Q4' as const })),
  raterNames: { v: '核定人', r1: '评分人一', r2: '评分人二' },
  unitFacts: ['a', 'b'].map((unitId) => ({
    unitId,
    items: [
      { period: 'Q4' as const, code: '1.1', status: 'submitted' },
      { period: 'Q4' as const, code: '2.1', status: 'submitted' },
    ],
    verifications: [{ period: 'Q4' as const, code: '1.1' }],
    ratings: [
      { period: 'Q4' as const, code: '2.1', raterId: 'r1', cents: 3200 },
      { period: 'Q4' as const, code: '2.1', raterId: 'r2', cents: 3000 },
    ],
    surveys: [],
    files: [
      { period: 'Q4' as const, code: '1.1' },
      { period: 'Q4' as const, code: '2.1' },
    ],
  })),
  pendingInspections: [],
  pendingProposals: [],
});

describe('readiness of 开始考核', () => {
  const facts = (agreements: ReturnType<typeof agreement>[]): ReadinessFacts => ({
    now: afterQ4,
    year: { ...year, state: 'setup' },
    units,
    templateCategoryIds: ['grass'],
    agreements,
  });

  it('blocks while a unit of a category with a template has no signed agreement, naming it', () => {
    const r = yearReadiness(facts([agreement('a'), agreement('b', 'issued')]), 'in_progress');
    expect(r.blockers).toEqual([
      {
        code: 'AGREEMENTS_UNSIGNED',
        count: 1,
        message: '1 个单位的目标责任书尚未签订（共 2 个）：乙卫生院（已下达未签订）',
        targets: [{ label: '乙卫生院', href: '/agreements/2026/b' }],
      },
    ]);
    // 丙医院's category has no template this year: it is not in scope.
    expect(r.done).toEqual(['已有指标模板']);
  });

  it('passes once every unit in scope has signed', () => {
    const r = yearReadiness(facts([agreement('a'), agreement('b', 'locked')]), 'in_progress');
    expect(r.blockers).toEqual([]);
    expect(r.done).toContain('2 个单位的责任书均已签订');
  });
});

describe('readiness of 进入集中评分', () => {
  it('blocks before the last assessed window closes, and warns of units that did not submit', () => {
    const facts: ReadinessFacts = {
      now: new Date('2026-12-06T10:00:00+08:00'),
      year,
      units,
      agreements: [agreement('a'), agreement('b')],
      lastPeriod: { submittedUnitIds: ['a'], extensions: [] },
    };
    const r = yearReadiness(facts, 'scoring');
    expect(r.blockers.map((b) => b.code)).toEqual(['WINDOW_OPEN']);
    expect(r.blockers[0]?.message).toContain('2027年1月10日 18:00');
    expect(r.warnings.map((w) => [w.code, w.count])).toEqual([['NOT_SUBMITTED', 1]]);
    expect(yearReadiness({ ...facts, now: afterQ4 }, 'scoring').blockers).toEqual([]);
  });

  it('blocks while an extension runs past the window', () => {
    const r = yearReadiness(
      {
        now: afterQ4,
        year,
        units,
        agreements: [agreement('a')],
        lastPeriod: {
          submittedUnitIds: ['a'],
          extensions: [{ unitId: 'a', untilAt: '2027-01-15T16:00:00Z' }],
        },
      },
      'scoring',
    );
    expect(r.blockers.map((b) => [b.code, b.message])).toEqual([
      ['EXTENSION_OPEN', '1 个单位的第四季度延期尚未结束：甲卫生院'],
    ]);
  });
});

describe('readiness of 进入结果公示', () => {
  it('passes a year whose committee is done, with every check listed as done', () => {
    const r = yearReadiness(scoringFacts(), 'publicity');
    expect(r.blockers).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.done).toHaveLength(14);
    // The self-assessment check (issue 18) is one of them: no unit overclaims systematically.
    expect(r.done).toContain('没有系统性自评偏高的单位');
  });

  it('blocks on a missing score, an open sheet, a returned item, pending approvals and a missing survey', () => {
    const facts = scoringFacts();
    const [a, b] = facts.unitFacts ?? [];
    if (!a || !b) throw new Error('fixture');
    a.ratings.pop();
    b.items[0] = { period: 'Q4', code: '1.1', status: 'returned' };
    a.surveys.push({ period: 'Q4', code: '1.1' });
    const r = yearReadiness(
      {
        ...facts,
        finalizedSheets: facts.finalizedSheets?.filter((s) => s.raterId !== 'r2'),
        pendingInspections: [{ id: 'i1', unitId: 'a' }],
        pendingProposals: [
          { id: 'p1', unitId: 'b', kind: 'bonus' },
          { id: 'p2', unitId: 'a', kind: 'veto' },
        ],
      },
      'publicity',
    );
    expect(r.blockers.map((x) => [x.code, x.count])).toEqual([
      ['ITEMS_RETURNED', 1],
      ['ITEMS_UNSCORED', 1],
      ['SHEETS_OPEN', 1],
      ['INSPECTIONS_PENDING', 1],
      ['VETOES_PENDING', 1],
      ['PROPOSALS_PENDING', 1],
      ['SURVEYS_MISSING', 1],
    ]);
    expect(r.blockers.find((x) => x.code === 'SHEETS_OPEN')?.message).toBe(
      '1 份评分表尚未定稿：评分人二（第四季度）',
    );
    expect(r.blockers.find((x) => x.code === 'SURVEYS_MISSING')?.message).toContain(
      '乙卫生院（第四季度 1.1 建档率）',
    );
  });

  it('warns of missing evidence, raters far apart and a rater who gave full marks throughout', () => {
    const facts = scoringFacts();
    for (const u of facts.unitFacts ?? []) {
      u.files = u.files.filter((f) => f.code !== '2.1');
      u.ratings = [
        { period: 'Q4', code: '2.1', raterId: 'r1', cents: 4000 },
        { period: 'Q4', code: '2.1', raterId: 'r2', cents: 2000 },
      ];
    }
    facts.unitFacts?.push({
      unitId: 'c',
      items: [],
      verifications: [],
      ratings: [{ period: 'Q4', code: '2.1', raterId: 'r1', cents: 4000 }],
      surveys: [],
      files: [],
    });
    facts.agreements?.push(agreement('c'));
    const r = yearReadiness(facts, 'publicity');
    expect(r.warnings.map((w) => [w.code, w.count])).toEqual([
      ['EVIDENCE_MISSING', 2],
      ['SPREAD_ALERT', 2],
      ['RATER_ALL_FULL', 1],
    ]);
    expect(
      unacknowledged(r, [{ code: 'EVIDENCE_MISSING', reason: '纸质材料已现场查验' }]).map((w) => w.code),
    ).toEqual(['SPREAD_ALERT', 'RATER_ALL_FULL']);
    expect(unacknowledged(r, [{ code: 'SPREAD_ALERT', reason: '  ' }]).map((w) => w.code)).toContain(
      'SPREAD_ALERT',
    );
  });
  /** Five units where r1 gives 36 of 40 and r2, r3 give 30: r1 is +15 % of W against them. */
  const lenientFacts = () => {
    const facts = scoringFacts();
    const marks = [
      { period: 'Q4' as const, code: '2.1', raterId: 'r1', cents: 3600 },
      { period: 'Q4' as const, code: '2.1', raterId: 'r2', cents: 3000 },
      { period: 'Q4' as const, code: '2.1', raterId: 'r3', cents: 3000 },
    ];
    for (const u of facts.unitFacts ?? []) u.ratings = marks;
    for (const unitId of ['c', 'd', 'e']) {
      facts.agreements?.push(agreement(unitId));
      facts.unitFacts?.push({ unitId, items: [], verifications: [], ratings: marks, surveys: [], files: [] });
    }
    return facts;
  };
  it('warns of 评分尺度偏差 when a rater is lenient against the others on at least 5 items', () => {
    // Prepare: r1 gives 36 of 40 where r2 and r3 give 30 on five units: +15 % of W against them.
    const facts = lenientFacts();

    // Act
    const r = yearReadiness(facts, 'publicity');

    // Assess
    const warning = r.warnings.find((w) => w.code === 'RATER_LENIENCY');
    expect(warning?.count).toBe(1);
    expect(warning?.message).toContain('评分人一（偏宽）');
  });

  it('uses the year’s consistency thresholds: a 20 % band or 6 co-rated items spare the same rater', () => {
    // Prepare: as above, r1 is +15 % of W against the others on 5 items.
    const facts = lenientFacts();
    const withSettings = (leniencyPercent: number, minCoRatedItems: number) =>
      yearReadiness(
        { ...facts, year: { ...facts.year, consistency: { leniencyPercent, minCoRatedItems } } },
        'publicity',
      ).warnings.find((w) => w.code === 'RATER_LENIENCY');

    // Act & Assess
    expect(withSettings(20, 5)).toBeUndefined();
    expect(withSettings(10, 6)).toBeUndefined();
    expect(withSettings(12, 5)?.message).toContain('超过分值的 12%');
  });
});

describe('readiness of 发布结果', () => {
  const publicity = {
    ...year,
    state: 'publicity' as const,
    history: [...year.history, { state: 'publicity' as const, at: '2027-01-12T01:00:00.000Z', by: 'admin' }],
  };
  const objection = (id: string, state: 'open' | 'upheld' | 'rejected', decidedAt?: string) => ({
    id,
    unitId: 'a',
    unitName: '甲卫生院',
    leafName: '综合管理',
    state,
    ...(decidedAt ? { decidedAt } : {}),
  });

  it('blocks during the publicity days and while an objection is undecided', () => {
    const r = yearReadiness(
      {
        now: new Date('2027-01-14T00:00:00Z'),
        year: publicity,
        objections: [objection('o1', 'open'), objection('o2', 'rejected', '2027-01-13T00:00:00Z')],
        drafts: [{ version: 1, computedAt: '2027-01-12T01:00:00.000Z', objectionIds: [] }],
      },
      'published',
    );
    expect(r.blockers.map((b) => b.code)).toEqual(['PUBLICITY_OPEN', 'OBJECTIONS_OPEN']);
    expect(r.blockers[0]?.message).toContain('2027年1月17日 09:00 后才能发布');
  });

  it('counts an upheld objection answered only by a later draft version that names it', () => {
    const upheld = objection('o1', 'upheld', '2027-01-13T00:00:00Z');
    expect(
      unansweredObjections([upheld], [{ version: 1, computedAt: '2027-01-12', objectionIds: [] }]),
    ).toEqual([upheld]);
    expect(
      unansweredObjections(
        [upheld],
        [{ version: 2, computedAt: '2027-01-12T00:00:00Z', objectionIds: ['o1'] }],
      ),
    ).toEqual([upheld]);
    expect(
      unansweredObjections(
        [upheld],
        [{ version: 2, computedAt: '2027-01-14T00:00:00Z', objectionIds: ['o1'] }],
      ),
    ).toEqual([]);
  });
});

describe('the outcome told to an objector', () => {
  const results = (leafCents: number, finalCents: number) =>
    ({
      categories: [
        { units: [{ unitId: 'a', finalCents, leaves: [{ code: '2.1', annualCents: leafCents }] }] },
      ],
    }) as unknown as Results;

  it('gives the indicator’s and the unit’s scores before and after the answering version', () => {
    const outcome = objectionOutcome(results(300, 8189), results(500, 8389), 2, { unitId: 'a', code: '2.1' });
    expect(outcome).toEqual({
      draftVersion: 2,
      leafBeforeCents: 300,
      leafAfterCents: 500,
      finalBeforeCents: 8189,
      finalAfterCents: 8389,
    });
    expect(outcomeMessage('综合管理', outcome)).toBe(
      '重新评分后，综合管理得分 3.00 分 → 5.00 分，总分 81.89 分 → 83.89 分（第 2 版公示结果）',
    );
  });
});
