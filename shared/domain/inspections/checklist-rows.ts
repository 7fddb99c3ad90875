/** Validates checklist rows read from a workbook: every bad cell by row and column, or the items. */
import { type ChecklistItemInput, ChecklistItemInputSchema } from '../../schemas/inspection';
import type { RowProblem } from './survey';

/** Columns of the checklist sheet, in order. */
export const CHECKLIST_COLUMNS = [
  { key: 'code', header: '编号', column: 'A' },
  { key: 'text', header: '检查内容', column: 'B' },
  { key: 'points', header: '扣分', column: 'C' },
  { key: 'leafCode', header: '扣分指标', column: 'D' },
  { key: 'veto', header: '一票否决', column: 'E' },
  { key: 'vetoCategory', header: '否决类别', column: 'F' },
] as const;

const YES = new Set(['是', 'Y', 'y', 'yes', 'true', '1', '√']);

/** `rows[i]` is sheet row i + 2 (row 1 is the header). */
export const validateChecklistRows = (
  rows: readonly (readonly unknown[])[],
): { items: ChecklistItemInput[]; problems: RowProblem[] } => {
  const problems: RowProblem[] = [];
  const items: ChecklistItemInput[] = [];
  const codes = new Set<string>();
  rows.forEach((cells, i) => {
    const row = i + 2;
    const text = (k: number) => String(cells[k] ?? '').trim();
    if ([0, 1, 2, 3, 4, 5].every((k) => text(k) === '')) return;
    const veto = YES.has(text(4));
    const pointsText = text(2);
    const raw = {
      code: text(0),
      text: text(1),
      points: pointsText === '' && veto ? 0 : Math.abs(Number(pointsText === '' ? Number.NaN : pointsText)),
      leafCode: text(3),
      veto,
      ...(text(5) ? { vetoCategory: text(5) } : veto ? { vetoCategory: '违纪违法案件' } : {}),
    };
    const parsed = ChecklistItemInputSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const col = CHECKLIST_COLUMNS.find((c) => c.key === issue.path[0]);
        problems.push({
          row,
          column: col?.column ?? 'A',
          message: `${col?.header ?? ''}：${Number.isNaN(raw.points) && col?.key === 'points' ? '应为数字' : issue.message}`,
        });
      }
      return;
    }
    if (codes.has(parsed.data.code))
      problems.push({ row, column: 'A', message: `编号 ${parsed.data.code} 重复` });
    codes.add(parsed.data.code);
    items.push(parsed.data);
  });
  if (items.length === 0 && problems.length === 0)
    problems.push({ row: 2, column: 'A', message: '没有数据行' });
  return { items: problems.length ? [] : items, problems };
};
