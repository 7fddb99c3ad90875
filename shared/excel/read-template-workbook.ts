/**
 * Reads the template workbook back into templates, or into the list of every bad cell (sheet, row,
 * column, reason). Nothing is returned for import unless the whole workbook is valid: each cell is
 * checked for its type, then each category's tree by the scoring engine (through `validateTree`),
 * then each planned unit target against its indicator, and engine problems are mapped back to the
 * cell they came from.
 */
import type ExcelJS from 'exceljs';
import { baseFromTemplate } from '../domain/agreements/resolve';
import { validateTree } from '../domain/agreements/validate';
import { KeywordsSchema } from '../schemas/extraction';
import type { Band, Measure, Period, PeriodWeights, Rule, Value } from '../schemas/scenario';
import {
  IndicatorCodeSchema,
  type TemplateDimension,
  type TemplateLeaf,
  type UnitTargets,
} from '../schemas/template';
import {
  AGREEMENT_COLUMNS,
  type ColumnSpec,
  columnLetter,
  DIRECTION_BY_LABEL,
  EXAMPLE_MARK,
  INDICATOR_COLUMNS,
  type IndicatorKey,
  MEASURE_BY_LABEL,
  RATING_SCALES,
  RULE_BY_LABEL,
  SHEETS,
  TARGET_COLUMNS,
} from './layout';
import type { WorkbookTemplate } from './write-template-workbook';

export interface CellProblem {
  sheet: string;
  /** 1-based row number as Excel shows it. */
  row: number;
  /** Column letter as Excel shows it. */
  column: string;
  /** The column's header, to say which field. */
  header: string;
  message: string;
}

export interface ReadWorkbookContext {
  year: number;
  categories: readonly { id: string; name: string }[];
  units: readonly { id: string; name: string; categoryId: string }[];
  /** Title and party A of templates that exist already: kept when the 责任书 sheet omits them. */
  existing: ReadonlyMap<string, { title: string; partyA: string }>;
  periodWeights?: PeriodWeights;
}

export type ReadWorkbookResult =
  | { ok: true; templates: WorkbookTemplate[] }
  | { ok: false; problems: CellProblem[] };

/** More data rows than any county's templates need: refuse rather than read a runaway sheet. */
export const MAX_ROWS = 2000;

type Scalar = string | number | boolean | Date | null;
type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string): Parsed<never> => ({ ok: false, message });

/** A cell's value as the user sees it: formulas by their result, rich text as plain text, '' as empty. */
const scalarOf = (cell: ExcelJS.Cell): Scalar => {
  let v: unknown = cell.value;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    if ('formula' in v || 'sharedFormula' in v) v = (v as ExcelJS.CellFormulaValue).result ?? null;
    else if ('richText' in v) v = (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
    else if ('text' in v) v = String((v as ExcelJS.CellHyperlinkValue).text);
    if (v && typeof v === 'object' && 'error' in v) v = String((v as ExcelJS.CellErrorValue).error);
  }
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  // Binary noise from Excel arithmetic (14.999999999999998) is not a precision the user typed.
  if (typeof v === 'number') return Number.isFinite(v) ? Number(v.toPrecision(12)) : null;
  if (typeof v === 'boolean' || v instanceof Date) return v;
  return null;
};

const shown = (v: Scalar): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

const NUMBER = /^[-+]?\d+(\.\d+)?$/;

const parseNumber = (v: Scalar, { percentCell = false } = {}): Parsed<number> => {
  if (typeof v === 'number') return ok(percentCell ? Number((v * 100).toPrecision(12)) : v);
  if (typeof v === 'string') {
    const text = v.replace(/[，,]/g, '').replace(/％/g, '%');
    const body = text.endsWith('%') ? text.slice(0, -1).trim() : text;
    if (NUMBER.test(body)) return ok(Number(body));
  }
  return bad(`须为数字，实际为“${shown(v as string)}”`);
};

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** A target or zero-score value of the leaf's measure (a rate as 0–100). */
const parseValue = (v: Scalar, measure: Measure, percentCell: boolean): Parsed<Value> => {
  switch (measure) {
    case 'boolean':
      if (typeof v === 'boolean') return ok(v);
      if (v === '是' || v === 'TRUE' || v === 'true') return ok(true);
      if (v === '否' || v === 'FALSE' || v === 'false') return ok(false);
      return bad(`须为“是”或“否”，实际为“${shown(v)}”`);
    case 'date': {
      if (v instanceof Date) return ok(isoDate(v));
      const match = typeof v === 'string' ? /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v) : null;
      if (match) return ok(`${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`);
      return bad(`须为日期（如 2026-06-30），实际为“${shown(v)}”`);
    }
    default:
      return parseNumber(v, { percentCell: measure === 'rate' && percentCell });
  }
};

const parseText = (v: Scalar, max: number): Parsed<string> => {
  const text = v instanceof Date ? isoDate(v) : String(v);
  return text.length > max ? bad(`不能超过 ${max} 个字符（实际 ${text.length} 个）`) : ok(text);
};

/** 别名/关键词: separated by 、，, ; or spaces; each as the template schema allows it. */
const parseKeywords = (v: Scalar): Parsed<string[]> => {
  const words = shown(v)
    .split(/[、，,;；\s]+/u)
    .filter(Boolean);
  const parsed = KeywordsSchema.safeParse(words);
  return parsed.success ? ok(parsed.data) : bad(parsed.error.issues[0]?.message ?? '格式不正确');
};

const parsePeriods = (v: Scalar): Parsed<Period[]> => {
  const text = shown(v).toUpperCase();
  if (text === '季度' || text === '每季度') return ok(['Q1', 'Q2', 'Q3', 'Q4']);
  if (text === '年度' || text === '年终') return ok(['Q4']);
  const tokens = text.split(/[\s,，、;；]+/).filter(Boolean);
  if (tokens.length > 0 && tokens.every((t) => /^Q[1-4]$/.test(t))) {
    return ok((['Q1', 'Q2', 'Q3', 'Q4'] as const).filter((p) => tokens.includes(p)));
  }
  return bad(`须为“季度”“年度”或 Q1–Q4 的列表（如 Q2、Q4），实际为“${shown(v)}”`);
};

const parseBands = (v: Scalar): Parsed<Partial<Record<Band, number>>> => {
  const text = shown(v);
  const bands: Partial<Record<Band, number>> = {};
  const rest = text.replace(/([优良中差])\s*[:：=]?\s*(\d+)\s*%?/g, (_, band: Band, pct: string) => {
    bands[band] = Number(pct);
    return '';
  });
  if (rest.replace(/[\s,，、;；]/g, '') !== '' || Object.keys(bands).length === 0) {
    return bad(`须写成“优100 良80 中60 差40”的形式，实际为“${text}”`);
  }
  return ok(bands);
};

const fromLabels = <T>(labels: ReadonlyMap<string, T>, v: Scalar): Parsed<T> => {
  const found = labels.get(shown(v));
  return found === undefined
    ? bad(`须为 ${[...labels.keys()].join('、')} 之一，实际为“${shown(v)}”`)
    : ok(found);
};

interface TableRow {
  row: number;
  get: (key: string) => Scalar;
  /** Whether the cell is formatted as a percentage (a rate typed as 90%). */
  isPercent: (key: string) => boolean;
}

interface Table {
  sheet: string;
  columns: Map<string, { index: number; header: string }>;
  rows: TableRow[];
  lastRow: number;
}

/** Collects problems; `at` names a cell of a table by its column key. */
class ProblemList {
  readonly list: CellProblem[] = [];
  add(sheet: string, row: number, column: number, header: string, message: string) {
    this.list.push({ sheet, row, column: columnLetter(column), header, message });
  }
  at(table: Table, row: number, key: string, message: string) {
    const column = table.columns.get(key);
    this.add(table.sheet, row, column?.index ?? 1, column?.header ?? '', message);
  }
}

const headerText = (v: Scalar) =>
  shown(v ?? '')
    .replace(/[*＊]|（必填）|\(必填\)/g, '')
    .trim();

/** Reads a sheet's header row and data rows (blank and example rows left out). */
const readTable = (
  wb: ExcelJS.Workbook,
  sheet: string,
  specs: readonly ColumnSpec[],
  problems: ProblemList,
  { required }: { required: boolean },
): Table | null => {
  const ws = wb.getWorksheet(sheet);
  if (!ws) {
    if (required) problems.add(sheet, 1, 1, '', `缺少工作表“${sheet}”`);
    return null;
  }
  const columns = new Map<string, { index: number; header: string }>();
  const byHeader = new Map(specs.map((s) => [s.header, s]));
  ws.getRow(1).eachCell((cell, index) => {
    const spec = byHeader.get(headerText(scalarOf(cell)));
    if (spec && !columns.has(spec.key)) columns.set(spec.key, { index, header: spec.header });
  });
  let missing = false;
  specs.forEach((spec, i) => {
    if (spec.required && !columns.has(spec.key)) {
      problems.add(sheet, 1, i + 1, spec.header, `缺少“${spec.header}”列`);
      missing = true;
    }
  });
  if (missing) return null;
  const table: Table = { sheet, columns, rows: [], lastRow: ws.rowCount };
  const first = columns.get(specs[0]!.key)!.index;
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const values = new Map<string, Scalar>();
    for (const [key, { index }] of columns) values.set(key, scalarOf(row.getCell(index)));
    if ([...values.values()].every((v) => v === null)) continue;
    if (shown(scalarOf(row.getCell(first)) ?? '').startsWith(EXAMPLE_MARK)) continue;
    if (table.rows.length === MAX_ROWS) {
      problems.add(sheet, r, 1, '', `数据行超过 ${MAX_ROWS} 行，请拆分后分批导入`);
      return null;
    }
    table.rows.push({
      row: r,
      get: (key) => values.get(key) ?? null,
      isPercent: (key) => {
        const index = columns.get(key)?.index;
        return index !== undefined && (row.getCell(index).numFmt ?? '').includes('%');
      },
    });
  }
  return table;
};

interface LeafRow {
  row: number;
  categoryId: string;
  dimension: string;
  leaf: TemplateLeaf;
}

/** Reads one indicator row into a leaf; every bad cell is reported, and the row is then left out. */
const readIndicatorRow = (
  table: Table,
  r: TableRow,
  categoryByLabel: ReadonlyMap<string, string>,
  problems: ProblemList,
): LeafRow | null => {
  const before = problems.list.length;
  const cell = <T>(key: IndicatorKey, parse: (v: Scalar) => Parsed<T>, fallback?: T): T | undefined => {
    const v = r.get(key);
    const spec = INDICATOR_COLUMNS.find((c) => c.key === key)!;
    if (v === null) {
      if (fallback !== undefined) return fallback;
      if ('required' in spec && spec.required) problems.at(table, r.row, key, '不能为空');
      return undefined;
    }
    const parsed = parse(v);
    if (!parsed.ok) {
      problems.at(table, r.row, key, parsed.message);
      return undefined;
    }
    return parsed.value;
  };
  const need = <T>(key: IndicatorKey, value: T | undefined, ruleLabel: string): T | undefined => {
    if (value === undefined && r.get(key) === null) {
      const header = table.columns.get(key)?.header ?? key;
      problems.at(table, r.row, key, `评分规则为“${ruleLabel}”时须填写“${header}”`);
    }
    return value;
  };

  const categoryId = cell('category', (v) => {
    const id = categoryByLabel.get(shown(v));
    return id ? ok(id) : bad(`单位类别“${shown(v)}”不存在`);
  });
  const dimension = cell('dimension', (v) => parseText(v, 40));
  const code = cell('code', (v) => {
    const parsed = IndicatorCodeSchema.safeParse(shown(v));
    return parsed.success
      ? ok(parsed.data)
      : bad(`“${shown(v)}”：${parsed.error.issues[0]?.message ?? '格式不正确'}`);
  });
  const name = cell('name', (v) => parseText(v, 60));
  const W = cell('W', (v) => parseNumber(v));
  const measure = cell('measure', (v) => fromLabels(MEASURE_BY_LABEL, v));
  const direction = cell('direction', (v) => fromLabels(DIRECTION_BY_LABEL, v), 'higher' as const);
  const ruleType = cell('rule', (v) => fromLabels(RULE_BY_LABEL, v));
  const periods = cell('periods', parsePeriods);
  const ruleText = cell('ruleText', (v) => parseText(v, 500));
  const evidence = cell('evidence', (v) => parseText(v, 500)) ?? '';
  const department = cell('department', (v) => parseText(v, 30)) ?? '';
  const keywords = cell('keywords', parseKeywords);
  const valueCell = (key: IndicatorKey) =>
    measure === undefined ? undefined : cell(key, (v) => parseValue(v, measure, r.isPercent(key)));
  const defaultTarget = valueCell('defaultTarget');

  let rule: Rule | undefined;
  const label = shown(r.get('rule'));
  switch (ruleType) {
    case 'threshold':
    case 'deduction':
      rule = { type: ruleType };
      break;
    case 'linear': {
      const floor = need('floor', valueCell('floor'), label);
      if (floor !== undefined) rule = { type: 'linear', floor };
      break;
    }
    case 'step': {
      const s = need(
        's',
        cell('s', (v) => parseNumber(v)),
        label,
      );
      const p = need(
        'p',
        cell('p', (v) => parseNumber(v)),
        label,
      );
      const ceil = cell(
        'ceil',
        (v) =>
          fromLabels(
            new Map([
              ['是', true],
              ['否', false],
            ]),
            v,
          ),
        false,
      );
      if (s !== undefined && p !== undefined)
        rule = { type: 'step', s, p, mode: ceil ? 'ceil' : 'proportional' };
      break;
    }
    case 'count': {
      const p = need(
        'p',
        cell('p', (v) => parseNumber(v)),
        label,
      );
      if (p !== undefined) rule = { type: 'count', p };
      break;
    }
    case 'completion': {
      const lateFactor = cell('lateFactor', (v) => parseNumber(v), 0.5);
      if (lateFactor !== undefined) rule = { type: 'completion', lateFactor };
      break;
    }
    case 'rating': {
      const scales = new Map(Object.entries(RATING_SCALES).map(([k, v]) => [v, k as 'points' | 'bands']));
      const scale = cell('ratingScale', (v) => fromLabels(scales, v), 'points' as const);
      const bands = cell('bands', parseBands);
      if (scale !== undefined) rule = { type: 'rating', scale, ...(bands ? { bands } : {}) };
      break;
    }
  }
  if (problems.list.length > before) return null;
  return {
    row: r.row,
    categoryId: categoryId!,
    dimension: dimension!,
    leaf: {
      code: code!,
      name: name!,
      W: W!,
      measure: measure!,
      direction: direction!,
      rule: rule!,
      ...(defaultTarget === undefined ? {} : { defaultTarget }),
      periods: periods!,
      ...(ruleText === undefined ? {} : { ruleText }),
      evidence,
      department,
      ...(keywords?.length ? { keywords } : {}),
    },
  };
};

/** Which column an engine problem path (`indicators[d].leaves[l].rule.floor`) points at. */
const FIELD_COLUMNS: Record<string, IndicatorKey> = {
  code: 'code',
  name: 'name',
  W: 'W',
  measure: 'measure',
  direction: 'direction',
  rule: 'rule',
  target: 'defaultTarget',
  defaultTarget: 'defaultTarget',
  periods: 'periods',
  ruleText: 'ruleText',
  'rule.floor': 'floor',
  'rule.s': 's',
  'rule.p': 'p',
  'rule.mode': 'ceil',
  'rule.lateFactor': 'lateFactor',
  'rule.scale': 'ratingScale',
  'rule.bands': 'bands',
};

interface CategoryRows {
  categoryId: string;
  dimensions: { name: string; rows: LeafRow[] }[];
  /** Every row of the category, read or not: codes and the last row for the weight sum. */
  allRows: number[];
  codes: Map<string, number>;
  complete: boolean;
}

/** Reads and checks the workbook; see the module comment. */
export const readTemplateWorkbook = async (
  data: Uint8Array,
  context: ReadWorkbookContext,
): Promise<ReadWorkbookResult> => {
  const problems = new ProblemList();
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    return {
      ok: false,
      problems: [
        { sheet: '', row: 0, column: '', header: '', message: '文件不是有效的 Excel 工作簿（.xlsx）' },
      ],
    };
  }
  const categoryByLabel = new Map(
    context.categories.flatMap((c) => [[c.name, c.id] as const, [c.id, c.id] as const]),
  );
  const categoryName = new Map(context.categories.map((c) => [c.id, c.name]));

  // 1. Indicator rows, grouped by category and dimension in the order they first appear.
  const indicators = readTable(wb, SHEETS.indicators, INDICATOR_COLUMNS, problems, { required: true });
  const categories = new Map<string, CategoryRows>();
  // A row of no known category might have belonged to any: then no category's sum is reliable.
  let unattributed = false;
  for (const r of indicators?.rows ?? []) {
    const read = readIndicatorRow(indicators!, r, categoryByLabel, problems);
    const categoryId = read?.categoryId ?? categoryByLabel.get(shown(r.get('category') ?? ''));
    if (!categoryId) {
      unattributed = true;
      continue;
    }
    let group = categories.get(categoryId);
    if (!group) {
      group = { categoryId, dimensions: [], allRows: [], codes: new Map(), complete: true };
      categories.set(categoryId, group);
    }
    group.allRows.push(r.row);
    const code = read?.leaf.code ?? shown(r.get('code') ?? '');
    const firstRow = group.codes.get(code);
    if (read && firstRow !== undefined) {
      problems.at(indicators!, r.row, 'code', `指标编码 ${code} 重复（与第 ${firstRow} 行相同）`);
    }
    if (firstRow === undefined && code) group.codes.set(code, r.row);
    if (!read || firstRow !== undefined) {
      group.complete = false;
      continue;
    }
    let dimension = group.dimensions.find((d) => d.name === read.dimension);
    if (!dimension) {
      dimension = { name: read.dimension, rows: [] };
      group.dimensions.push(dimension);
    }
    dimension.rows.push(read);
  }
  if (indicators && indicators.rows.length === 0) {
    problems.add(SHEETS.indicators, 2, 1, '单位类别', '没有指标行（示例行不导入）');
  }

  // 2. Each category's tree, checked by the engine; problems mapped back to their cells.
  const trees = new Map<string, TemplateDimension[]>();
  for (const group of categories.values()) {
    const tree = group.dimensions.map((d) => ({ name: d.name, leaves: d.rows.map((row) => row.leaf) }));
    trees.set(group.categoryId, tree);
    const found = validateTree(tree, {
      asTemplate: true,
      ...(context.periodWeights ? { periodWeights: context.periodWeights } : {}),
    });
    for (const problem of found) {
      if (problem.path === 'indicators') {
        // A left-out row would make any sum wrong: report the sum only when every row was read.
        if (group.complete && !unattributed) {
          const last = group.allRows[group.allRows.length - 1]!;
          problems.at(
            indicators!,
            last,
            'W',
            `类别“${categoryName.get(group.categoryId)}”：${problem.message}`,
          );
        }
        continue;
      }
      const match = /^indicators\[(\d+)\](?:\.leaves\[(\d+)\])?(?:\.(.+))?$/.exec(problem.path);
      const dimension = group.dimensions[Number(match?.[1])];
      const leafRow = match?.[2] === undefined ? dimension?.rows[0] : dimension?.rows[Number(match[2])];
      const field = match?.[3] ?? '';
      const key =
        match?.[2] === undefined
          ? 'dimension'
          : (FIELD_COLUMNS[field] ?? FIELD_COLUMNS[field.split('.')[0]!] ?? 'code');
      problems.at(indicators!, leafRow?.row ?? group.allRows[0]!, key, problem.message);
    }
  }

  // 3. Planned unit targets, each checked against its indicator's measure and rule.
  const targets = readTable(wb, SHEETS.targets, TARGET_COLUMNS, problems, { required: false });
  const unitByLabel = new Map(context.units.flatMap((u) => [[u.name, u] as const, [u.id, u] as const]));
  const unitTargets = new Map<string, UnitTargets>();
  const targetRows = new Map<string, number>();
  for (const r of targets?.rows ?? []) {
    const before = problems.list.length;
    const unitLabel = r.get('unit');
    const code = r.get('code');
    const unit = unitLabel === null ? undefined : unitByLabel.get(shown(unitLabel));
    if (unitLabel === null) problems.at(targets!, r.row, 'unit', '不能为空');
    else if (!unit) problems.at(targets!, r.row, 'unit', `单位“${shown(unitLabel)}”不存在`);
    if (code === null) problems.at(targets!, r.row, 'code', '不能为空');
    if (problems.list.length > before || !unit || code === null) continue;
    const group = categories.get(unit.categoryId);
    if (!group) {
      const category = categoryName.get(unit.categoryId) ?? unit.categoryId;
      problems.at(
        targets!,
        r.row,
        'unit',
        `单位“${unit.name}”所属类别“${category}”不在“${SHEETS.indicators}”表中`,
      );
      continue;
    }
    const leaf = group.dimensions.flatMap((d) => d.rows).find((row) => row.leaf.code === shown(code))?.leaf;
    if (!leaf) {
      if (!group.codes.has(shown(code)) && !unattributed) {
        const category = categoryName.get(unit.categoryId);
        problems.at(targets!, r.row, 'code', `指标编码 ${shown(code)} 不在类别“${category}”的模板中`);
      }
      continue;
    }
    const key = `${unit.id}#${leaf.code}`;
    const firstRow = targetRows.get(key);
    if (firstRow !== undefined) {
      problems.at(
        targets!,
        r.row,
        'code',
        `单位“${unit.name}”的指标 ${leaf.code} 重复（与第 ${firstRow} 行相同）`,
      );
      continue;
    }
    const raw = r.get('target');
    if (raw === null) {
      problems.at(targets!, r.row, 'target', '不能为空');
      continue;
    }
    const value = parseValue(raw, leaf.measure, r.isPercent('target'));
    if (!value.ok) {
      problems.at(targets!, r.row, 'target', value.message);
      continue;
    }
    targetRows.set(key, r.row);
    const byCategory = unitTargets.get(unit.categoryId) ?? {};
    byCategory[unit.id] = { ...byCategory[unit.id], [leaf.code]: value.value };
    unitTargets.set(unit.categoryId, byCategory);
  }
  for (const [categoryId, byUnit] of unitTargets) {
    const tree = trees.get(categoryId) ?? [];
    for (const unitId of Object.keys(byUnit)) {
      const resolved = baseFromTemplate(tree, byUnit, unitId);
      for (const problem of validateTree(resolved)) {
        const match = /^indicators\[(\d+)\]\.leaves\[(\d+)\]\.target$/.exec(problem.path);
        const leaf = match ? resolved[Number(match[1])]?.leaves[Number(match[2])] : undefined;
        const row =
          leaf && leaf.targetSource === 'unit_plan' ? targetRows.get(`${unitId}#${leaf.code}`) : undefined;
        if (row !== undefined) problems.at(targets!, row, 'target', problem.message);
      }
    }
  }

  // 4. Title and party A per category; templates that exist already keep theirs.
  const agreements = readTable(wb, SHEETS.agreements, AGREEMENT_COLUMNS, problems, { required: false });
  const headings = new Map<string, { title: string; partyA: string; row: number }>();
  const mentioned = new Set<string>();
  for (const r of agreements?.rows ?? []) {
    const before = problems.list.length;
    const label = r.get('category');
    const categoryId = label === null ? undefined : categoryByLabel.get(shown(label));
    if (categoryId) mentioned.add(categoryId);
    if (label === null) problems.at(agreements!, r.row, 'category', '不能为空');
    else if (!categoryId) problems.at(agreements!, r.row, 'category', `单位类别“${shown(label)}”不存在`);
    else if (!categories.has(categoryId)) {
      problems.at(
        agreements!,
        r.row,
        'category',
        `类别“${shown(label)}”在“${SHEETS.indicators}”表中没有指标`,
      );
    } else if (headings.has(categoryId)) {
      problems.at(
        agreements!,
        r.row,
        'category',
        `类别“${shown(label)}”重复（与第 ${headings.get(categoryId)!.row} 行相同）`,
      );
    }
    const text = (key: 'title' | 'partyA', max: number) => {
      const v = r.get(key);
      if (v === null) {
        problems.at(agreements!, r.row, key, '不能为空');
        return '';
      }
      const parsed = parseText(v, max);
      if (!parsed.ok) problems.at(agreements!, r.row, key, parsed.message);
      return parsed.ok ? parsed.value : '';
    };
    const title = text('title', 80);
    const partyA = text('partyA', 60);
    if (problems.list.length === before && categoryId)
      headings.set(categoryId, { title, partyA, row: r.row });
  }
  const templates: WorkbookTemplate[] = [];
  for (const group of categories.values()) {
    const heading = headings.get(group.categoryId) ?? context.existing.get(group.categoryId);
    if (!heading && mentioned.has(group.categoryId)) continue;
    if (!heading) {
      problems.add(
        SHEETS.agreements,
        (agreements?.lastRow ?? 1) + 1,
        1,
        '单位类别',
        `缺少类别“${categoryName.get(group.categoryId)}”的责任书标题和甲方`,
      );
      continue;
    }
    templates.push({
      categoryId: group.categoryId,
      title: heading.title,
      partyA: heading.partyA,
      dimensions: trees.get(group.categoryId) ?? [],
      unitTargets: unitTargets.get(group.categoryId) ?? {},
    });
  }
  if (problems.list.length > 0) {
    const order = [SHEETS.indicators, SHEETS.targets, SHEETS.agreements] as string[];
    const sorted = [...problems.list].sort(
      (a, b) =>
        order.indexOf(a.sheet) - order.indexOf(b.sheet) || a.row - b.row || a.column.localeCompare(b.column),
    );
    return { ok: false, problems: sorted };
  }
  return { ok: true, templates };
};
