import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildProgress } from '../../../shared/domain/submissions/progress';
import { progressWorkbook } from '../../../shared/domain/submissions/progress-workbook';
import type { AgreementDimension } from '../../../shared/schemas/agreement';
import type { SubmissionItem } from '../../../shared/schemas/submission';

const leaf = (code: string, periods: ('Q1' | 'Q2' | 'Q3' | 'Q4')[]) =>
  ({
    code,
    name: `指标${code}`,
    W: 50,
    measure: 'rate',
    direction: 'higher',
    rule: { type: 'threshold' },
    target: 90,
    periods,
    evidence: '',
    department: '',
    origin: 'template',
    targetSource: 'template',
  }) as AgreementDimension['leaves'][number];
const tree: AgreementDimension[] = [
  { name: '业务', leaves: [leaf('1.1', ['Q1', 'Q2']), leaf('1.2', ['Q4'])] },
];
const item = (unitId: string, code: string, status: SubmissionItem['status']): SubmissionItem => ({
  year: 2026,
  unitId,
  period: 'Q1',
  code,
  status,
  value: 90,
  narrative: '',
  returnReason: null,
  history: [],
  updatedAt: '',
  updatedBy: '',
  version: 1,
});

const input = {
  year: 2026,
  period: 'Q1' as const,
  closesAt: '2026-04-10T18:00:00+08:00',
  units: [
    { id: 'b', name: '乙院', categoryId: 'c2' },
    { id: 'a', name: '甲院', categoryId: 'c1' },
    { id: 'z', name: '无责任书', categoryId: 'c1' },
  ],
  categories: [
    { id: 'c1', name: '一类', sortOrder: 1 },
    { id: 'c2', name: '二类', sortOrder: 2 },
  ],
  agreements: new Map([
    ['a', tree],
    ['b', tree],
  ]),
  items: [item('a', '1.1', 'submitted')],
  submissions: [],
  extensions: [],
};

describe('the progress matrix', () => {
  it('has a row per unit with an agreement, the period’s indicators as columns, counts per unit and category', () => {
    const progress = buildProgress(input);
    expect(progress.indicators.map((i) => i.code)).toEqual(['1.1']);
    expect(progress.units.map((u) => [u.unitId, u.cells['1.1']])).toEqual([
      ['a', 'submitted'],
      ['b', 'missing'],
    ]);
    expect(progress.categories.map((c) => [c.categoryId, c.counts.submitted, c.counts.missing])).toEqual([
      ['c1', 1, 0],
      ['c2', 0, 1],
    ]);
  });

  it('filters by category and by a status some cell has', () => {
    expect(buildProgress(input, { status: 'missing' }).units.map((u) => u.unitId)).toEqual(['b']);
    expect(buildProgress(input, { categoryId: 'c2' }).units.map((u) => u.unitId)).toEqual(['b']);
  });

  it('lists the units without an agreement in force, with the state their agreement is in', () => {
    // Prepare: z has none; y's is issued and waits for its head's signature.
    const withStates = {
      ...input,
      units: [...input.units, { id: 'y', name: '待签院', categoryId: 'c2' }],
      agreementStates: new Map([
        ['a', 'signed' as const],
        ['b', 'signed' as const],
        ['y', 'issued' as const],
      ]),
    };

    // Act
    const progress = buildProgress(withStates);

    // Assess
    expect(progress.unsigned).toEqual([
      { unitId: 'z', unitName: '无责任书', categoryId: 'c1', categoryName: '一类', agreement: null },
      { unitId: 'y', unitName: '待签院', categoryId: 'c2', categoryName: '二类', agreement: 'issued' },
    ]);
    expect(buildProgress(withStates, { categoryId: 'c2' }).unsigned.map((u) => u.unitId)).toEqual(['y']);
  });

  it('exports the same matrix as a workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = await progressWorkbook(buildProgress(input), '进度');
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const sheet = workbook.getWorksheet('上报进度')!;
    // Each category: a blank row, its title, its own header, its units.
    expect(sheet.getRow(3).getCell(1).value).toBe('一类（1 个单位）');
    expect(sheet.getRow(4).getCell(3).value).toBe('1.1 指标1.1');
    expect(sheet.getRow(5).getCell(1).value).toBe('甲院');
    expect(sheet.getRow(5).getCell(3).value).toBe('已提交');
    expect(sheet.getRow(9).getCell(1).value).toBe('乙院');
    expect(sheet.getRow(9).getCell(3).value).toBe('未填报');
  });
});
