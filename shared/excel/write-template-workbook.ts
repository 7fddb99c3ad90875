/**
 * Writes the template workbook: the instructions, the indicator rows of each category, the planned
 * unit targets and the agreements' title and party A. With no templates it is the blank import
 * workbook, with an example row on each sheet (marked 示例, never imported).
 */
import type ExcelJS from 'exceljs';
import { DIRECTION_LABELS, formatPeriods, MEASURE_LABELS, RULE_LABELS } from '../domain/agreements/labels';
import type { Rule } from '../schemas/scenario';
import type { TemplateInput, TemplateLeafInput } from '../schemas/template';
import {
  AGREEMENT_COLUMNS,
  type ColumnSpec,
  columnLetter,
  EXAMPLE_MARK,
  INDICATOR_COLUMNS,
  type IndicatorKey,
  RATING_SCALES,
  SHEETS,
  TARGET_COLUMNS,
} from './layout';

export interface WorkbookTemplate extends TemplateInput {
  categoryId: string;
}

export interface WriteWorkbookInput {
  year: number;
  categories: readonly { id: string; name: string }[];
  units: readonly { id: string; name: string }[];
  templates: readonly WorkbookTemplate[];
}

interface RangeValidations {
  dataValidations: { add: (range: string, validation: ExcelJS.DataValidation) => void };
}

type Row = Record<string, string | number | boolean | undefined>;

/** Last row offered a drop-down in the list columns. */
const LIST_ROWS = 500;

const addSheet = (
  wb: ExcelJS.Workbook,
  name: string,
  columns: readonly ColumnSpec[],
  rows: Row[],
  examples: Row[],
) => {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  const header = ws.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.note = `${c.required ? '【必填】' : ''}${c.note}`;
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: c.required ? 'FF1F4E79' : 'FF5B7FA6' },
    };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  header.height = 30;
  for (const example of examples) {
    const row = ws.addRow(example);
    row.font = { italic: true, color: { argb: 'FF7F7F7F' } };
  }
  for (const data of rows) ws.addRow(data);
  // Text columns stay text: a code typed as 1.10 must not become the number 1.1.
  columns.forEach((c, i) => {
    if (c.key === 'code' || c.key === 'unit' || c.key === 'category') ws.getColumn(i + 1).numFmt = '@';
  });
  columns.forEach((c, i) => {
    if (!('list' in c) || !c.list) return;
    const letter = columnLetter(i + 1);
    // `dataValidations` (range validations) exists in ExcelJS 4.4 but is missing from its typings.
    (ws as unknown as RangeValidations).dataValidations.add(`${letter}2:${letter}${LIST_ROWS}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${c.list.join(',')}"`],
      showErrorMessage: false,
    });
  });
  return ws;
};

const ruleCells = (rule: Rule): Partial<Record<IndicatorKey, string | number>> => {
  switch (rule.type) {
    case 'linear':
      return { floor: rule.floor as number | string };
    case 'step':
      return { s: Number(rule.s), p: Number(rule.p), ceil: rule.mode === 'ceil' ? '是' : '否' };
    case 'count':
      return { p: Number(rule.p) };
    case 'completion':
      return { lateFactor: Number(rule.lateFactor) };
    case 'rating': {
      const bands = rule.bands
        ? Object.entries(rule.bands)
            .map(([band, pct]) => `${band}${pct}`)
            .join(' ')
        : '';
      return { ratingScale: RATING_SCALES[rule.scale ?? 'points'], bands };
    }
    default:
      return {};
  }
};

const cellOf = (value: unknown): string | number | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value ? '是' : '否';
  return typeof value === 'number' ? value : String(value);
};

const leafRow = (category: string, dimension: string, leaf: TemplateLeafInput): Row => ({
  category,
  dimension,
  code: leaf.code,
  name: leaf.name,
  W: leaf.W,
  measure: MEASURE_LABELS[leaf.measure],
  direction: DIRECTION_LABELS[leaf.direction],
  rule: RULE_LABELS[leaf.rule.type],
  defaultTarget: cellOf(leaf.defaultTarget),
  ...ruleCells(leaf.rule as Rule),
  periods: formatPeriods(leaf.periods),
  ruleText: leaf.ruleText,
  evidence: leaf.evidence,
  department: leaf.department,
  keywords: leaf.keywords?.join('、'),
});

const GUIDE = [
  '指标模板导入表 填写说明',
  '',
  '1. 「指标模板」表每行一个考核指标；单位类别填写类别名称，同一类别的各行构成该类别的指标模板，分值合计须为 100。',
  '2. 一级指标名称相同的行归入同一个一级指标；指标编码在同一类别内不能重复。',
  '3. 计量单位：比率（填 0–100 的数，90 表示 90%）、计数、数值、是否、日期（YYYY-MM-DD）。',
  '4. 评分规则及须填写的参数：达标计分（默认目标值）；比例计分（默认目标值、零分值F）；步长扣分（默认目标值、步长s、扣分p，可选“不足一步按一步计”）；按次扣分（扣分p）；按期完成（可选逾期得分系数，默认 0.5）；定性评价（可选评价方式：打分或等级）；扣分制（无参数）。',
  '5. 考核期：季度 = Q1–Q4 每季度考核；年度 = 仅年终（Q4）考核；也可列出如 Q2、Q4。',
  '6. 「单位目标值」表可为个别单位设置不同于默认值的目标值；未列出的单位使用默认目标值。',
  '7. 「责任书」表填写各类别责任书的标题和甲方。',
  `8. 第一列以“${EXAMPLE_MARK}”开头的行是示例，导入时忽略。`,
  '9. 导入时整本工作簿全部正确才会导入；有任何错误都不会导入，并逐项列出错误所在的工作表、行和列。',
  '10. 导入会替换工作簿中出现的类别的指标模板和单位目标值；未出现的类别不受影响。已下达的责任书不受影响，草稿责任书重新生成后生效。',
];

/** Builds the workbook; answers the .xlsx bytes. */
export const writeTemplateWorkbook = async (input: WriteWorkbookInput): Promise<Uint8Array> => {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = '考评 Kaoping';
  const guide = wb.addWorksheet(SHEETS.guide);
  guide.getColumn(1).width = 120;
  GUIDE.forEach((line, i) => {
    const cell = guide.getCell(i + 1, 1);
    cell.value = i === 0 ? `${input.year}年度 ${line}` : line;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) cell.font = { bold: true, size: 14 };
  });

  const categoryName = new Map(input.categories.map((c) => [c.id, c.name]));
  const unitName = new Map(input.units.map((u) => [u.id, u.name]));
  const unitOrder = (id: string) => {
    const i = input.units.findIndex((u) => u.id === id);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const blank = input.templates.length === 0;
  const indicatorRows: Row[] = [];
  const targetRows: Row[] = [];
  const agreementRows: Row[] = [];
  for (const template of input.templates) {
    const category = categoryName.get(template.categoryId) ?? template.categoryId;
    const leaves = new Map<string, TemplateLeafInput>();
    for (const dimension of template.dimensions) {
      for (const leaf of dimension.leaves) {
        leaves.set(leaf.code, leaf);
        indicatorRows.push(leafRow(category, dimension.name, leaf));
      }
    }
    // Stored maps keep no order: rows go in the units' order, then the template's.
    const codes = [...leaves.keys()];
    const unitIds = Object.keys(template.unitTargets).sort((a, b) => unitOrder(a) - unitOrder(b));
    for (const unitId of unitIds) {
      const targets = template.unitTargets[unitId] ?? {};
      for (const code of Object.keys(targets).sort((a, b) => codes.indexOf(a) - codes.indexOf(b))) {
        targetRows.push({
          unit: unitName.get(unitId) ?? unitId,
          code,
          name: leaves.get(code)?.name ?? '',
          target: cellOf(targets[code]),
        });
      }
    }
    agreementRows.push({ category, title: template.title, partyA: template.partyA });
  }

  const exampleCategory = `${EXAMPLE_MARK}：基层医疗卫生机构`;
  addSheet(
    wb,
    SHEETS.indicators,
    INDICATOR_COLUMNS,
    indicatorRows,
    blank
      ? [
          leafRow(exampleCategory, '公共卫生服务', {
            code: '2.1',
            name: '孕产妇系统管理率',
            W: 15,
            measure: 'rate',
            direction: 'higher',
            rule: { type: 'linear', floor: 70 },
            defaultTarget: 90,
            periods: ['Q4'],
            evidence: '孕产妇系统管理台账、年度报表',
            department: '妇幼健康科',
            keywords: ['系统管理率'],
          }),
        ]
      : [],
  );
  addSheet(
    wb,
    SHEETS.targets,
    TARGET_COLUMNS,
    targetRows,
    blank
      ? [{ unit: `${EXAMPLE_MARK}：洛阳镇卫生院`, code: '2.1', name: '孕产妇系统管理率', target: 85 }]
      : [],
  );
  addSheet(
    wb,
    SHEETS.agreements,
    AGREEMENT_COLUMNS,
    agreementRows,
    blank
      ? [
          {
            category: exampleCategory,
            title: `${input.year}年度××县卫生健康目标管理责任书`,
            partyA: '××县卫生健康局',
          },
        ]
      : [],
  );
  wb.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: 'visible' },
  ];
  return new Uint8Array(await wb.xlsx.writeBuffer());
};
