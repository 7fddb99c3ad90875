import { describe, expect, it } from 'vitest';
import { validateChecklistRows } from '../../../shared/domain/inspections/checklist-rows';
import { isOverdue, shanghaiDate } from '../../../shared/domain/inspections/dates';
import { findingSource, recusalReason, resolveFindings } from '../../../shared/domain/inspections/findings';
import type { ChecklistItem } from '../../../shared/schemas/inspection';

const CHECKLIST: ChecklistItem[] = [
  { code: 'XF-01', text: '违规收费', points: 2, leafCode: '3.2', veto: false, version: 1 },
  { code: 'XF-02', text: '未落实首问负责制', points: 1, leafCode: '3.2', veto: false, version: 1 },
  {
    code: 'LZ-03',
    text: '收受回扣',
    points: 0,
    leafCode: '3.1',
    veto: true,
    vetoCategory: '违纪违法案件',
    version: 1,
  },
  { code: 'QT-01', text: '其他指标', points: 1, leafCode: '9.9', veto: false, version: 1 },
];

describe('resolveFindings', () => {
  it('takes points and leaf from the checklist, allowing a points override', () => {
    const { findings, problems } = resolveFindings(
      [
        { itemCode: 'XF-01', note: '' },
        { itemCode: 'XF-02', points: 0.5, note: '轻微', rectifyBy: '2026-12-01' },
        { itemCode: 'LZ-03', points: 5, note: '' },
      ],
      CHECKLIST,
      new Set(['3.1', '3.2']),
    );
    expect(problems).toEqual([]);
    expect(findings.map((f) => [f.n, f.leafCode, f.pointsCents, f.veto])).toEqual([
      [1, '3.2', 200, false],
      [2, '3.2', 50, false],
      [3, '3.1', 0, true],
    ]);
    expect(findings[1]?.rectifyBy).toBe('2026-12-01');
  });

  it('names unknown items and leaves the unit’s agreement does not deduct from', () => {
    const { problems } = resolveFindings(
      [
        { itemCode: 'NOPE', note: '' },
        { itemCode: 'QT-01', note: '' },
      ],
      CHECKLIST,
      new Set(['3.1', '3.2']),
    );
    expect(problems.map((p) => p.path)).toEqual(['body.findings.0.itemCode', 'body.findings.1.itemCode']);
  });
});

describe('recusalReason', () => {
  it('refuses an inspector affiliated with the unit, saying why', () => {
    const user = { id: 'inspector-both', name: '周敏', affiliatedUnitIds: ['luoyang-thc'] };
    expect(recusalReason(user, 'luoyang-thc', '洛阳镇卫生院')).toContain('回避');
    expect(recusalReason(user, 'hesha-thc', '河沙镇卫生院')).toBeUndefined();
  });
});

describe('dates', () => {
  it('reads the calendar day in Asia/Shanghai', () => {
    expect(shanghaiDate(new Date('2026-12-01T16:30:00Z'))).toBe('2026-12-02');
    expect(shanghaiDate(new Date('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
  });

  it('counts a rectification overdue only after its due day and while not closed', () => {
    expect(isOverdue({ state: 'open', dueDate: '2026-12-01' }, '2026-12-01')).toBe(false);
    expect(isOverdue({ state: 'open', dueDate: '2026-12-01' }, '2026-12-02')).toBe(true);
    expect(isOverdue({ state: 'answered', dueDate: '2026-12-01' }, '2026-12-02')).toBe(true);
    expect(isOverdue({ state: 'closed', dueDate: '2026-12-01' }, '2026-12-02')).toBe(false);
  });
});

describe('validateChecklistRows', () => {
  it('reads deductions (sign ignored) and veto items', () => {
    const { items, problems } = validateChecklistRows([
      ['XF-01', '违规收费', '-2', '3.2', '', ''],
      ['LZ-03', '收受回扣', '', '3.1', '是', '违纪违法案件'],
    ]);
    expect(problems).toEqual([]);
    expect(items).toEqual([
      { code: 'XF-01', text: '违规收费', points: 2, leafCode: '3.2', veto: false },
      {
        code: 'LZ-03',
        text: '收受回扣',
        points: 0,
        leafCode: '3.1',
        veto: true,
        vetoCategory: '违纪违法案件',
      },
    ]);
  });

  it('reports each bad cell by row and column, and duplicates', () => {
    const { items, problems } = validateChecklistRows([
      ['XF-01', '违规收费', '两分', '3.2', '', ''],
      ['XF-02', '', '1', '', '', ''],
      ['XF-03', '脱岗', '0.5', '3.2', '', ''],
      ['XF-03', '脱岗', '0.5', '3.2', '', ''],
    ]);
    expect(items).toEqual([]);
    expect(problems.map((p) => `${p.row}${p.column}`)).toEqual(['2C', '3B', '3D', '5A']);
  });
});

describe('where a deduction came from, as the 计分说明 says it', () => {
  it('names the date, the kind and the finding’s number, never the record id', () => {
    const text = findingSource({ kind: '明查', date: '2026-12-03' }, 1, '违规收费');
    expect(text).toBe('2026-12-03 明查 第1项：违规收费');
    expect(text).not.toMatch(/ins-|#/);
  });
});
