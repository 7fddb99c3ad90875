import { describe, expect, it } from 'vitest';
import {
  computeResults,
  InvalidScenarioError,
  type Problem,
  validateAgreement,
  validateScenario,
} from '../../../shared/domain/scoring';
import { fact, type LeafInput, leaf, scenario, scenarioInput } from './fixtures/builders';

const LEAF = 'agreements[0].indicators[0].leaves[0]';

/** Problems of U1's scenario with these leaves and facts. */
const problemsOf = (leaves: LeafInput[], extra: Parameters<typeof scenarioInput>[1] = {}): Problem[] =>
  validateScenario(scenarioInput(leaves, extra));

describe('refusing an agreement that cannot be scored', () => {
  it.each<[string, Partial<LeafInput>, Problem]>([
    [
      'a linear rule with F = T',
      { rule: { type: 'linear', floor: 90 } },
      { path: `${LEAF}.rule.floor`, message: '指标 A01：零分值 F 不能等于目标值 T（90）' },
    ],
    [
      'a higher-is-better linear rule with F above T',
      { rule: { type: 'linear', floor: 95 } },
      {
        path: `${LEAF}.rule.floor`,
        message: '指标 A01：越高越好的指标零分值 F 须低于目标值 T（F = 95，T = 90）',
      },
    ],
    [
      'a step rule with s = 0',
      { rule: { type: 'step', s: 0, p: 2 } },
      { path: `${LEAF}.rule.s`, message: '指标 A01：步长 s 须大于 0（实际为 0）' },
    ],
    [
      'a step rule with s < 0',
      { rule: { type: 'step', s: -1, p: 2 } },
      { path: `${LEAF}.rule.s`, message: '指标 A01：步长 s 须大于 0（实际为 -1）' },
    ],
    [
      'a rate target above 100 %',
      { target: 120 },
      {
        path: `${LEAF}.target`,
        message: '指标 A01：目标值 120 超出比率范围 0–100%（计量单位：比率（0–100%））',
      },
    ],
    [
      'a count target that is not a whole number',
      { measure: 'count', target: 2.5 },
      {
        path: `${LEAF}.target`,
        message: '指标 A01：目标值 2.5 计数须为非负整数（计量单位：计数（非负整数））',
      },
    ],
    ['a missing target', { target: undefined }, { path: `${LEAF}.target`, message: '指标 A01：缺少目标值' }],
    [
      'a band table that does not cover the grade bands',
      { rule: { type: 'rating', scale: 'bands', bands: { 优: 100, 良: 80 } } },
      { path: `${LEAF}.rule.bands`, message: '指标 A01：等级分值表未覆盖全部等级，缺少 中、差' },
    ],
    [
      'a band table that does not decrease',
      { rule: { type: 'rating', scale: 'bands', bands: { 优: 100, 良: 80, 中: 80, 差: 40 } } },
      { path: `${LEAF}.rule.bands`, message: '指标 A01：等级分值须依次递减（优 > 良 > 中 > 差）' },
    ],
    [
      'a late factor above 1',
      { rule: { type: 'completion', lateFactor: 1.5 } },
      { path: `${LEAF}.rule.lateFactor`, message: '指标 A01：逾期系数须为 0–1 之间、最多 4 位小数' },
    ],
    [
      'a yes/no indicator scored in proportion',
      { measure: 'boolean', rule: { type: 'linear', floor: false }, target: true },
      { path: `${LEAF}.rule`, message: '指标 A01：是/否类指标不能按比例或按步长计分' },
    ],
    [
      'repeated periods',
      { periods: ['Q4', 'Q4'] },
      { path: `${LEAF}.periods`, message: '指标 A01：考核期重复' },
    ],
  ])('refuses %s', (_, definition, problem) => {
    // Act
    const problems = problemsOf([leaf(definition)]);

    // Assess
    expect(problems).toEqual([problem]);
  });

  it('refuses leaf weights that do not sum to exactly 100', () => {
    // Act
    const problems = problemsOf([leaf({ W: 60 }), leaf({ code: 'A02', W: 39.99 })]);

    // Assess
    expect(problems).toEqual([
      { path: 'agreements[0].indicators', message: '指标分值合计为 99.99，应为 100' },
    ]);
  });

  it('refuses points with more than 2 decimals', () => {
    // Act
    const problems = problemsOf([leaf({ W: 99.995 }), leaf({ code: 'A02', W: 0.005 })]);

    // Assess
    expect(problems).toContainEqual({ path: `${LEAF}.W`, message: '指标 A01：分值 W 99.995 最多 2 位小数' });
  });

  it('refuses duplicate indicator codes, naming where the code was first used', () => {
    // Act
    const problems = problemsOf([leaf({ W: 50 }), leaf({ W: 50 })]);

    // Assess
    expect(problems).toEqual([
      {
        path: 'agreements[0].indicators[0].leaves[1].code',
        message: `指标编码 A01 重复（已用于 ${LEAF}）`,
      },
    ]);
  });

  it('checks a category template on its own, with paths from its indicators', () => {
    // Act
    const problems = validateAgreement({
      indicators: [
        { name: '重点业务工作', leaves: [leaf({ W: 50, rule: { type: 'step', s: 0, p: 1, mode: 'ceil' } })] },
      ],
    });

    // Assess
    expect(problems).toEqual([
      { path: 'indicators[0].leaves[0].rule.s', message: '指标 A01：步长 s 须大于 0（实际为 0）' },
      { path: 'indicators', message: '指标分值合计为 50.00，应为 100' },
    ]);
  });

  it('refuses a leaf whose periods all weigh 0 in the year', () => {
    // Act
    const problems = problemsOf([leaf({ periods: ['Q1'] })], {
      settings: { periodWeights: { Q1: 0, Q2: 0, Q3: 30, Q4: 70 } },
    });

    // Assess
    expect(problems).toEqual([
      { path: `${LEAF}.periods`, message: '指标 A01：所考核的各期权重均为 0，无法计分' },
    ]);
  });
});

describe('refusing a scenario that cannot be scored', () => {
  it('refuses period weights that do not sum to 100 %', () => {
    // Act
    const problems = problemsOf([leaf()], {
      settings: { periodWeights: { Q1: 10, Q2: 10, Q3: 10, Q4: 60 } },
    });

    // Assess
    expect(problems).toEqual([
      { path: 'settings.periodWeights', message: '考核期权重合计为 90%，应为 100%' },
    ]);
  });

  it('refuses period weights that are not whole percents', () => {
    // Act
    const problems = problemsOf([leaf()], {
      settings: { periodWeights: { Q1: 10.5, Q2: 9.5, Q3: 10, Q4: 70 } },
    });

    // Assess
    expect(problems.map((p) => p.path)).toEqual(['settings.periodWeights.Q1', 'settings.periodWeights.Q2']);
  });

  it.each<[string, Parameters<typeof fact>[0], Problem]>([
    [
      'a verified rate above 100 %',
      { verifiedValue: 100.5 },
      { path: 'facts[0].verifiedValue', message: '指标 A01：核定值 100.5 超出比率范围 0–100%' },
    ],
    [
      'a verified value with more than 4 decimals',
      { verifiedValue: 88.12345 },
      { path: 'facts[0].verifiedValue', message: '指标 A01：核定值 88.12345 最多 4 位小数' },
    ],
    [
      'a fact for an indicator the agreement does not have',
      { code: 'Z99', verifiedValue: 90 },
      { path: 'facts[0].code', message: '单位 U1 的目标责任书中没有指标 Z99' },
    ],
    [
      'a fact for a unit that does not exist',
      { unitId: 'U9', verifiedValue: 90 },
      { path: 'facts[0].unitId', message: '单位 U9 不存在' },
    ],
  ])('refuses %s', (_, overrides, problem) => {
    // Act
    const problems = problemsOf([leaf()], { facts: [fact(overrides)] });

    // Assess
    expect(problems).toEqual([problem]);
  });

  it('reports a leaf that cannot be scored once, not again for each of its facts', () => {
    // Act
    const problems = problemsOf([leaf({ target: 120 })], { facts: [fact({ verifiedValue: 95 })] });

    // Assess
    expect(problems.map((p) => p.path)).toEqual([`${LEAF}.target`]);
  });

  it('refuses two facts for the same unit, indicator and period', () => {
    // Act
    const problems = problemsOf([leaf()], {
      facts: [fact({ verifiedValue: 90 }), fact({ verifiedValue: 91 })],
    });

    // Assess
    expect(problems).toEqual([{ path: 'facts[1]', message: '单位 U1 指标 A01 Q4 的记录重复' }]);
  });

  it('refuses marks outside [0, W], off the 0.1 grid, twice from one rater, or of the wrong kind', () => {
    // Prepare
    const ratings = [
      { raterId: 'R1', points: 10.5 },
      { raterId: 'R2', points: 8.25 },
      { raterId: 'R3', points: 8 },
      { raterId: 'R3', points: 9 },
      { raterId: 'R4', band: '优' as const },
    ];

    // Act
    const problems = problemsOf([leaf({ W: 10, rule: { type: 'rating' } }), leaf({ code: 'A02', W: 90 })], {
      facts: [fact({ ratings })],
    });

    // Assess
    expect(problems).toEqual([
      {
        path: 'facts[0].ratings[0].points',
        message: '指标 A01：评分须为 0–10 分、0.1 分一档（实际为 10.5）',
      },
      {
        path: 'facts[0].ratings[1].points',
        message: '指标 A01：评分须为 0–10 分、0.1 分一档（实际为 8.25）',
      },
      { path: 'facts[0].ratings[3].raterId', message: '指标 A01：评分人 R3 重复评分' },
      { path: 'facts[0].ratings[4].points', message: '指标 A01：评分须为 0–10 分、0.1 分一档（实际为 优）' },
    ]);
  });

  it('takes full marks W on a leaf whose W is off the 0.1 grid, and nothing else off it', () => {
    // Prepare: W = 2.75; 2.7 is on the grid, 2.75 is W itself, 2.74 is neither, 2.8 is over W.
    const ratings = [
      { raterId: 'R1', points: 2.75 },
      { raterId: 'R2', points: 2.7 },
      { raterId: 'R3', points: 2.74 },
      { raterId: 'R4', points: 2.8 },
    ];

    // Act
    const problems = problemsOf(
      [leaf({ W: 2.75, rule: { type: 'rating' } }), leaf({ code: 'A02', W: 97.25 })],
      {
        facts: [fact({ ratings })],
      },
    );

    // Assess
    expect(problems).toEqual([
      {
        path: 'facts[0].ratings[2].points',
        message: '指标 A01：评分须为 0–2.75 分、0.1 分一档或满分 2.75（实际为 2.74）',
      },
      {
        path: 'facts[0].ratings[3].points',
        message: '指标 A01：评分须为 0–2.75 分、0.1 分一档或满分 2.75（实际为 2.8）',
      },
    ]);
  });

  it('scores full marks 2.75 on a 2.75 leaf as 2.75', () => {
    // Act: one rater alone gives W.
    const results = computeResults(
      scenario([leaf({ W: 2.75, rule: { type: 'rating' } }), leaf({ code: 'A02', W: 97.25 })], {
        facts: [fact({ ratings: [{ raterId: 'R1', points: 2.75 }] })],
      }),
    );

    // Assess
    const unit = results.categories[0]?.units[0];
    expect(unit?.leaves.find((l) => l.code === 'A01')?.annualCents).toBe(275);
  });

  it('refuses a deduction on an indicator that is not scored by deduction', () => {
    // Act
    const problems = problemsOf([leaf()], {
      deductions: [{ unitId: 'U1', code: 'A01', points: 2, source: '明查暗访' }],
    });

    // Assess
    expect(problems).toEqual([
      { path: 'deductions[0].code', message: '指标 A01 不是扣分制指标，不能登记扣分' },
    ]);
  });

  it('refuses a unit without an agreement and a bonus with more than 2 decimals', () => {
    // Act
    const problems = problemsOf([leaf()], {
      units: [
        { id: 'U1', name: '洛阳镇卫生院', categoryId: 'primary' },
        { id: 'U2', name: '横林镇卫生院', categoryId: 'primary' },
      ],
      bonuses: [{ unitId: 'U1', points: 0.125, title: '市级表彰' }],
    });

    // Assess
    expect(problems).toEqual([
      { path: 'units[1]', message: '单位 横林镇卫生院 没有目标责任书' },
      { path: 'bonuses[0].points', message: '加分 0.125 最多 2 位小数' },
    ]);
  });

  it('reports a malformed document by path, in Chinese', () => {
    // Act
    const problems = validateScenario({
      ...scenarioInput([leaf({ rule: { type: 'guess' } as never })]),
      year: '2024',
    });

    // Assess
    expect(problems.map((p) => p.path)).toEqual(['year', `${LEAF}.rule.type`]);
    expect(problems.every((p) => /[\u4e00-\u9fff]/.test(p.message))).toBe(true);
  });

  it('makes computeResults throw with every problem listed', () => {
    // Prepare
    const input = scenario([leaf({ W: 90, target: 120 })]);

    // Act
    const act = () => computeResults(input);

    // Assess
    expect(act).toThrow(InvalidScenarioError);
    expect(() => act()).toThrow(/共 2 个问题/);
  });
});
