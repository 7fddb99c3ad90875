/**
 * One pass over a scenario: compile every agreement, read every fact, deduction, bonus, penalty and
 * veto into its unit, and collect every problem on the way. Scoring starts only from a clean result.
 */
import type { Fact, Period, PeriodWeights, Scenario, Veto } from '../../schemas/scenario';
import { compileAgreement, readPoints } from './agreement';
import { readFact } from './facts';
import { periodIndex, validatePeriodWeights } from './periods';
import type { Problem } from './problems';
import type { CompiledLeaf, PeriodInput } from './types';

export interface DatedItem {
  cents: number;
  /** A bonus or penalty title, or a deduction's source. */
  title: string;
  /** Period index 0–3, or -1 when the item is not tied to a period (it then counts in every view). */
  periodIndex: number;
}

export interface PreparedUnit {
  id: string;
  name: string;
  categoryId: string;
  leaves: CompiledLeaf[];
  dimensions: string[];
  /** Leaf position by indicator code; `null` until the unit's agreement is read. */
  leafIndex: Map<string, number> | null;
  /** Every indicator code of the agreement, including leaves that could not be compiled. */
  codes: Set<string>;
  /**
   * The parsed fact of each leaf in each period, if recorded, at `leaf × 4 + period` (Q1 = 0): one flat
   * array per unit rather than one per leaf keeps a municipal year's model small.
   */
  inputs: (PeriodInput | undefined)[];
  /** Approved deductions by leaf position (only leaves that have some). */
  deductions: Map<number, DatedItem[]>;
  bonuses: DatedItem[];
  penalties: DatedItem[];
  vetoes: (Veto & { periodIndex: number })[];
  /** Which revision of the agreement scored each period, as the scenario says. */
  revisions?: Partial<Record<Period, number>>;
}

export interface PreparedSettings {
  periodWeights: PeriodWeights;
  bonusCapCents: number;
  penaltyCapCents: number | null;
  excellentQuotaPercent: number;
}

export interface PreparedScenario {
  year: number;
  settings: PreparedSettings;
  categories: { id: string; name: string; units: PreparedUnit[] }[];
  problems: Problem[];
}

const indexOrAll = (period: Period | undefined): number => (period === undefined ? -1 : periodIndex(period));

const prepareSettings = (scenario: Scenario, problems: Problem[]): PreparedSettings => {
  const { periodWeights, bonusCap, penaltyCap, excellentQuotaPercent } = scenario.settings;
  const weightProblems = validatePeriodWeights(periodWeights, 'settings.periodWeights');
  problems.push(...weightProblems);
  const bonusCapCents = readPoints(bonusCap, 'settings.bonusCap', '加分上限', problems) ?? 0;
  const penaltyCapCents =
    penaltyCap === null ? null : readPoints(penaltyCap, 'settings.penaltyCap', '扣分上限', problems);
  if (!Number.isInteger(excellentQuotaPercent) || excellentQuotaPercent < 0 || excellentQuotaPercent > 100) {
    problems.push({ path: 'settings.excellentQuotaPercent', message: '优秀名额比例须为 0–100 的整数百分比' });
  }
  return { periodWeights, bonusCapCents, penaltyCapCents, excellentQuotaPercent };
};

/** Compiles and indexes a scenario; `problems` is empty exactly when it can be scored. */
export const prepareScenario = (scenario: Scenario): PreparedScenario => {
  const problems: Problem[] = [];
  const settings = prepareSettings(scenario, problems);
  const weightsValid = problems.every((p) => !p.path.startsWith('settings.periodWeights'));

  const categories = new Map<string, { id: string; name: string; units: PreparedUnit[] }>();
  scenario.categories.forEach((category, i) => {
    if (categories.has(category.id)) {
      problems.push({ path: `categories[${i}].id`, message: `单位类别 ${category.id} 重复` });
      return;
    }
    categories.set(category.id, { id: category.id, name: category.name, units: [] });
  });

  const units = new Map<string, PreparedUnit>();
  const unitPaths = new Map<string, string>();
  scenario.units.forEach((unit, i) => {
    if (units.has(unit.id)) {
      problems.push({ path: `units[${i}].id`, message: `单位 ${unit.id} 重复` });
      return;
    }
    const category = categories.get(unit.categoryId);
    if (!category)
      problems.push({ path: `units[${i}].categoryId`, message: `单位类别 ${unit.categoryId} 不存在` });
    const prepared: PreparedUnit = {
      id: unit.id,
      name: unit.name,
      categoryId: unit.categoryId,
      leaves: [],
      dimensions: [],
      leafIndex: null,
      codes: new Set(),
      inputs: [],
      deductions: new Map(),
      bonuses: [],
      penalties: [],
      vetoes: [],
    };
    units.set(unit.id, prepared);
    unitPaths.set(unit.id, `units[${i}]`);
    category?.units.push(prepared);
  });

  scenario.agreements.forEach((agreement, i) => {
    const unit = units.get(agreement.unitId);
    if (!unit) {
      problems.push({ path: `agreements[${i}].unitId`, message: `单位 ${agreement.unitId} 不存在` });
      return;
    }
    if (unit.leafIndex) {
      problems.push({ path: `agreements[${i}].unitId`, message: `单位 ${unit.id} 有多份目标责任书` });
      return;
    }
    const weights = weightsValid ? settings.periodWeights : null;
    const compiled = compileAgreement(agreement.indicators, `agreements[${i}]`, weights, problems);
    unit.leafIndex = compiled.leafIndex;
    unit.codes = compiled.codes;
    unit.leaves = compiled.leaves;
    unit.dimensions = compiled.dimensions;
    unit.inputs = new Array(compiled.leaves.length * 4).fill(undefined);
    if (agreement.revisions) unit.revisions = agreement.revisions;
  });
  for (const [id, unit] of units) {
    if (!unit.leafIndex)
      problems.push({ path: unitPaths.get(id) ?? 'units', message: `单位 ${unit.name} 没有目标责任书` });
  }

  /**
   * The leaf position a record refers to in its unit, or -1: after recording a problem, or silently
   * for a leaf that could not be compiled (its own problems say why).
   */
  const locate = (unit: PreparedUnit, code: string, at: (suffix: string) => string): number => {
    const leafIndex = unit.leafIndex;
    const position = leafIndex?.get(code);
    if (position !== undefined) return position;
    if (unit.codes.has(code)) return -1;
    const message = leafIndex
      ? `单位 ${unit.id} 的目标责任书中没有指标 ${code}`
      : `单位 ${unit.id} 没有目标责任书`;
    problems.push({ path: at(leafIndex ? '.code' : '.unitId'), message });
    return -1;
  };

  const { facts } = scenario;
  let unit: PreparedUnit | undefined;
  for (let i = 0; i < facts.length; i++) {
    const fact = facts[i] as Fact;
    // Facts usually come grouped by unit.
    if (unit?.id !== fact.unitId) unit = units.get(fact.unitId);
    let position = unit?.leafIndex?.get(fact.code);
    if (position === undefined) {
      if (unit) locate(unit, fact.code, (suffix) => `facts[${i}]${suffix}`);
      else problems.push({ path: `facts[${i}].unitId`, message: `单位 ${fact.unitId} 不存在` });
      continue;
    }
    const leaf = (unit as PreparedUnit).leaves[position] as CompiledLeaf;
    // Units may report every quarter; a fact for a period the leaf is not assessed in is ignored.
    if (!leaf.periods.includes(fact.period)) continue;
    const slots = (unit as PreparedUnit).inputs;
    position = position * 4 + periodIndex(fact.period);
    if (slots[position] !== undefined) {
      const message = `单位 ${fact.unitId} 指标 ${fact.code} ${fact.period} 的记录重复`;
      problems.push({ path: `facts[${i}]`, message });
      continue;
    }
    slots[position] = readFact(leaf, fact, i, problems);
  }

  scenario.deductions.forEach((deduction, i) => {
    const path = `deductions[${i}]`;
    const unit = units.get(deduction.unitId);
    if (!unit) {
      problems.push({ path: `${path}.unitId`, message: `单位 ${deduction.unitId} 不存在` });
      return;
    }
    const at = locate(unit, deduction.code, (suffix) => `${path}${suffix}`);
    if (at < 0) return;
    if (unit.leaves[at]?.rule.type !== 'deduction') {
      problems.push({ path: `${path}.code`, message: `指标 ${deduction.code} 不是扣分制指标，不能登记扣分` });
      return;
    }
    const cents = readPoints(deduction.points, `${path}.points`, '扣分', problems);
    if (cents === null) return;
    const item = { cents, title: deduction.source, periodIndex: indexOrAll(deduction.period) };
    const items = unit.deductions.get(at);
    if (items) items.push(item);
    else unit.deductions.set(at, [item]);
  });

  const readItems = (kind: 'bonuses' | 'penalties', label: string) => {
    scenario[kind].forEach((item, i) => {
      const path = `${kind}[${i}]`;
      const unit = units.get(item.unitId);
      if (!unit) {
        problems.push({ path: `${path}.unitId`, message: `单位 ${item.unitId} 不存在` });
        return;
      }
      const cents = readPoints(item.points, `${path}.points`, label, problems);
      if (cents !== null) unit[kind].push({ cents, title: item.title, periodIndex: indexOrAll(item.period) });
    });
  };
  readItems('bonuses', '加分');
  readItems('penalties', '扣分');

  scenario.vetoes.forEach((veto, i) => {
    const unit = units.get(veto.unitId);
    if (!unit) problems.push({ path: `vetoes[${i}].unitId`, message: `单位 ${veto.unitId} 不存在` });
    else unit.vetoes.push({ ...veto, periodIndex: indexOrAll(veto.period) });
  });

  return { year: scenario.year, settings, categories: [...categories.values()], problems };
};
