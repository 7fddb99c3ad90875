import { describe, expect, it } from 'vitest';
import { ratedYear } from '../../../bench/consistency';
import {
  buildConsistencyReport,
  DEFAULT_THRESHOLDS,
  indicatorAgreement,
  type OutcomeChange,
  ratedItems,
  raterConsistency,
  reportVisibleTo,
  sensitivityOf,
  sensitivityPeriod,
  withoutRater,
} from '../../../shared/domain/consistency';
import { computeResults } from '../../../shared/domain/scoring';
import { type Period, type Scenario, ScenarioSchema } from '../../../shared/schemas/scenario';
import { consistencyScenario } from './fixture';

describe('rater leniency', () => {
  it('measures each rater against the leave-one-out mean of the co-raters and flags the lenient one', () => {
    // Prepare: marks in % of W (W = 20, 1 point = 500 hundredths of a percent); a's deviations are
    // U1 (3·10000 − 25500)/2 = 2250, U2 1750, U3 2000, U4 1500, U5 2000 → mean 1900.
    const items = ratedItems(consistencyScenario());

    // Act
    const raters = raterConsistency(items, DEFAULT_THRESHOLDS);

    // Assess
    expect(raters).toEqual([
      {
        raterId: 'a',
        itemsRated: 5,
        coRatedItems: 5,
        meanMarkBp: 9400,
        leniencyBp: 1900,
        leniencySpreadBp: 255,
        fullMarksShareBp: 4000,
        extremesShareBp: 4000,
        flag: 'lenient',
      },
      {
        raterId: 'b',
        itemsRated: 5,
        coRatedItems: 5,
        meanMarkBp: 7500,
        leniencyBp: -950,
        leniencySpreadBp: 187,
        fullMarksShareBp: 0,
        extremesShareBp: 0,
        flag: null,
      },
      {
        raterId: 'c',
        itemsRated: 5,
        coRatedItems: 5,
        meanMarkBp: 7500,
        leniencyBp: -950,
        leniencySpreadBp: 332,
        fullMarksShareBp: 0,
        extremesShareBp: 0,
        flag: null,
      },
    ]);
  });

  it('does not flag a rater with fewer co-rated items than the minimum', () => {
    // Act
    const raters = raterConsistency(ratedItems(consistencyScenario()), {
      ...DEFAULT_THRESHOLDS,
      minCoRatedItems: 6,
    });

    // Assess
    expect(raters.map((r) => r.flag)).toEqual([null, null, null]);
  });

  it('counts an item rated by one rater as rated but not co-rated, with no deviation', () => {
    // Act
    const [only] = raterConsistency(
      ratedItems(consistencyScenario({ U1: { a: 20 }, U2: { a: 0 } })),
      DEFAULT_THRESHOLDS,
    );

    // Assess
    expect(only).toMatchObject({
      raterId: 'a',
      itemsRated: 2,
      coRatedItems: 0,
      meanMarkBp: 5000,
      leniencyBp: 0,
      fullMarksShareBp: 5000,
      extremesShareBp: 10000,
      flag: null,
    });
  });

  it('with five raters, measures each against the mean of the other four; a tie deviates by nothing', () => {
    // Prepare: U1 20, 18, 16, 14, 10 → 10000, 9000, 8000, 7000, 5000 (Σ 39000, k = 5), so a deviates
    // by (5·10000 − 39000)/4 = 2750 and e by (5·5000 − 39000)/4 = −3500; U2 is a five-way tie at 16.5.
    const items = ratedItems(
      consistencyScenario({
        U1: { a: 20, b: 18, c: 16, d: 14, e: 10 },
        U2: { a: 16.5, b: 16.5, c: 16.5, d: 16.5, e: 16.5 },
      }),
    );

    // Act
    const raters = raterConsistency(items, DEFAULT_THRESHOLDS);
    const [indicator] = indicatorAgreement(items, DEFAULT_THRESHOLDS);

    // Assess: leniency is the mean of (deviation on U1, 0 on U2); its spread is half their distance.
    expect(
      raters.map((r) => [r.raterId, r.coRatedItems, r.leniencyBp, r.leniencySpreadBp, r.meanMarkBp]),
    ).toEqual([
      ['a', 2, 1375, 1375, 9125],
      ['b', 2, 750, 750, 8625],
      ['c', 2, 125, 125, 8125],
      ['d', 2, -500, 500, 7625],
      ['e', 2, -1750, 1750, 6625],
    ]);
    expect(raters.map((r) => [r.fullMarksShareBp, r.extremesShareBp])[0]).toEqual([5000, 5000]);
    expect(raters.every((r) => r.flag === null)).toBe(true);
    // Ranges 5000 (U1) and 0 (the tie): mean 2500, one item of two within 20 % of W.
    expect(indicator).toMatchObject({
      items: 2,
      units: 2,
      raters: 5,
      meanRangeBp: 2500,
      agreementShareBp: 5000,
    });
  });

  it('compares band marks by their percent of W: 优 is the top of the scale, 差 the bottom', () => {
    // Prepare
    const scenario = ScenarioSchema.parse({
      schemaVersion: 1,
      year: 2026,
      categories: [{ id: 'A', name: '甲类' }],
      units: [{ id: 'U1', name: '单位1', categoryId: 'A' }],
      agreements: [
        {
          unitId: 'U1',
          indicators: [
            {
              name: '工作',
              leaves: [
                { code: 'C', name: '按期完成', W: 90, rule: { type: 'completion' } },
                { code: 'B', name: '综合评价', W: 10, rule: { type: 'rating', scale: 'bands' } },
              ],
            },
          ],
        },
      ],
      facts: [
        {
          unitId: 'U1',
          code: 'B',
          period: 'Q4',
          ratings: [
            { raterId: 'a', band: '优' },
            { raterId: 'b', band: '良' },
            { raterId: 'c', band: '差' },
          ],
        },
      ],
    });

    // Act
    const raters = raterConsistency(ratedItems(scenario), DEFAULT_THRESHOLDS);

    // Assess: 优 100 %, 良 80 %, 差 40 %; a deviates by 100 − (80 + 40)/2 = 40 %.
    expect(raters.map((r) => [r.raterId, r.leniencyBp, r.fullMarksShareBp, r.extremesShareBp])).toEqual([
      ['a', 4000, 10000, 10000],
      ['b', 1000, 0, 0],
      ['c', -5000, 0, 10000],
    ]);
  });
});

describe('agreement per rating indicator', () => {
  it('reports the mean range of the marks, the share within 20 % of W and the widest units', () => {
    // Act: ranges U1 25 %, U2 20 %, U3 20 %, U4 15 %, U5 20 % → mean 20 %, 4 of 5 within 20 %.
    const [indicator] = indicatorAgreement(ratedItems(consistencyScenario()), DEFAULT_THRESHOLDS);

    // Assess
    expect(indicator).toEqual({
      code: 'R',
      name: '群众评价',
      items: 5,
      units: 5,
      raters: 3,
      meanRangeBp: 2000,
      agreementShareBp: 8000,
      widest: [
        { unitId: 'U1', unitName: '单位U1', period: 'Q4', rangeBp: 2500 },
        { unitId: 'U2', unitName: '单位U2', period: 'Q4', rangeBp: 2000 },
        { unitId: 'U3', unitName: '单位U3', period: 'Q4', rangeBp: 2000 },
      ],
    });
  });
});

describe('outcome sensitivity', () => {
  it('names the units whose grade or rank changes without a rater, using the engine', () => {
    // Act: without a, U2 ties U1 at 95.50 (rank 3 → 2) and U5 falls from 80.33 to 79.00 (良好 → 合格).
    const report = buildConsistencyReport(consistencyScenario());

    // Assess
    expect(report.sensitivity).toEqual([
      {
        raterId: 'a',
        changes: [
          {
            unitId: 'U2',
            unitName: '单位U2',
            categoryId: 'A',
            finalCents: 9667,
            finalCentsWithout: 9550,
            rank: 3,
            rankWithout: 2,
            grade: '良好',
            gradeWithout: '良好',
          },
          {
            unitId: 'U5',
            unitName: '单位U5',
            categoryId: 'A',
            finalCents: 8033,
            finalCentsWithout: 7900,
            rank: 5,
            rankWithout: 5,
            grade: '良好',
            gradeWithout: '合格',
          },
        ],
      },
      { raterId: 'b', changes: [expect.objectContaining({ unitId: 'U2', rank: 3, rankWithout: 2 })] },
      { raterId: 'c', changes: [] },
    ]);
  });

  it('with five raters, recomputes with the trimmed mean of the remaining four (no trimming left)', () => {
    // Prepare: U1 20,18,16,14,10 → trimmed (18+16+14)/3 = 16 → 96.00; U2 all 16.5 → 96.50.
    const scenario = consistencyScenario({
      U1: { a: 20, b: 18, c: 16, d: 14, e: 10 },
      U2: { a: 16.5, b: 16.5, c: 16.5, d: 16.5, e: 16.5 },
    });

    // Act: without e, U1 is (20+18+16+14)/4 = 17 → 97.00 and overtakes U2.
    const report = buildConsistencyReport(scenario);

    // Assess
    const withoutE = report.sensitivity.find((s) => s.raterId === 'e');
    expect(
      withoutE?.changes.map((c) => [c.unitId, c.finalCents, c.finalCentsWithout, c.rankWithout]),
    ).toEqual([
      ['U2', 9650, 9650, 2],
      ['U1', 9600, 9700, 1],
    ]);
  });

  it('removes only the chosen period’s marks and reports that period', () => {
    // Act
    const report = buildConsistencyReport(consistencyScenario(), { period: 'Q1' });

    // Assess: nothing is rated in Q1.
    expect(report).toMatchObject({ period: 'Q1', raters: [], indicators: [] });
  });
});

/** The sensitivity the slow way: the whole year re-scored by the engine without each rater. */
const byWholeReruns = (scenario: Scenario, raterIds: string[], period?: Period) => {
  const asOfPeriod = sensitivityPeriod(scenario, period);
  const actual = computeResults(scenario, { asOfPeriod });
  return raterIds.map((raterId) => {
    const rerun = computeResults(withoutRater(scenario, raterId, period), { asOfPeriod });
    const after = new Map(rerun.categories.flatMap((c) => c.units.map((u) => [u.unitId, u] as const)));
    const changes: OutcomeChange[] = actual.categories.flatMap((c) =>
      c.units.flatMap((u) => {
        const o = after.get(u.unitId);
        if (!o || (o.rank === u.rank && o.grade === u.grade)) return [];
        return [
          {
            unitId: u.unitId,
            unitName: u.unitName,
            categoryId: c.categoryId,
            finalCents: u.finalCents,
            finalCentsWithout: o.finalCents,
            rank: u.rank,
            rankWithout: o.rank,
            grade: u.grade,
            gradeWithout: o.grade,
          },
        ];
      }),
    );
    return { raterId, changes };
  });
};

describe('outcome sensitivity re-scoring only the rater’s leaves', () => {
  it.each([
    ['the whole year', undefined],
    ['one period', 'Q2' as const],
  ])('lists exactly what whole re-runs of the engine list, for %s', (_name, period) => {
    // Prepare: 40 units in 5 categories, 7 raters on 20 leaves in four periods, R0 a little lenient.
    const scenario = ratedYear(40);
    const raters = ['R0', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'nobody'];
    const actual = computeResults(scenario, { asOfPeriod: sensitivityPeriod(scenario, period) });

    // Act
    const sensitivity = raters.map(sensitivityOf(scenario, actual, period));

    // Assess
    expect(sensitivity).toEqual(byWholeReruns(scenario, raters, period));
    expect(sensitivity.flatMap((s) => s.changes).length).toBeGreaterThan(0);
  });

  it('compares the results so far: as of the last period anyone marked', () => {
    // Prepare: the fixture's marks are all in Q4; the same marks moved to Q2.
    const q2 = consistencyScenario();
    q2.facts = q2.facts.map((f) => (f.ratings ? { ...f, period: 'Q2' as const } : f));

    // Act / Assess
    expect(sensitivityPeriod(consistencyScenario())).toBe('Q4');
    expect(sensitivityPeriod(q2)).toBe('Q2');
    expect(sensitivityPeriod(q2, 'Q3')).toBe('Q3');
  });
});

describe('a rater’s own report', () => {
  it('holds their line, measured against everyone, and their sensitivity only', () => {
    // Act
    const report = buildConsistencyReport(consistencyScenario(), { onlyRater: 'b' });

    // Assess
    expect(report.raters.map((r) => [r.raterId, r.leniencyBp])).toEqual([['b', -950]]);
    expect(report.indicators).toEqual([]);
    expect(report.sensitivity.map((s) => s.raterId)).toEqual(['b']);
  });

  it('is the whole report seen by that rater: a stored report filtered per reader gives what was built for them', () => {
    // Prepare: a year with seven raters, whose whole report a job would store
    const scenario = ratedYear(40);
    const whole = buildConsistencyReport(scenario, { period: 'Q2' });

    // Act / Assess
    expect(reportVisibleTo(whole, 'all')).toBe(whole);
    for (const raterId of ['R0', 'R3', 'nobody']) {
      expect(reportVisibleTo(whole, raterId)).toEqual(
        buildConsistencyReport(scenario, { period: 'Q2', onlyRater: raterId }),
      );
    }
  });
});
