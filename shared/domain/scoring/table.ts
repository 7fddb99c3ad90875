/** Results as a plain-text table, one block per category (for `npm run score -- … --table`). */
import type { Results, UnitResult } from '../../schemas/results';
import { formatPoints } from './decimal';

/** Display width: CJK and full-width characters take two columns in a terminal. */
const widthOf = (text: string): number => {
  let width = 0;
  for (const char of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        char,
      )
        ? 2
        : 1;
  return width;
};

const pad = (text: string, width: number, right: boolean): string => {
  const fill = ' '.repeat(Math.max(0, width - widthOf(text)));
  return right ? fill + text : text + fill;
};

const HEADERS = ['名次', '单位', '基础分', '加分', '减分', '最终得分', '等级', '否决'] as const;
const RIGHT = [true, false, true, true, true, true, false, false];

const rowOf = (unit: UnitResult): string[] => [
  String(unit.rank),
  unit.unitName,
  formatPoints(unit.baseCents),
  formatPoints(unit.bonusAppliedCents),
  formatPoints(unit.penaltyAppliedCents),
  formatPoints(unit.finalCents),
  unit.grade,
  unit.vetoed ? `是（${unit.vetoReason ?? ''}）` : '',
];

/** Formats results as one aligned table per category. */
export const formatResultsTable = (results: Results): string => {
  const blocks = results.categories.map((category) => {
    const rows = [[...HEADERS], ...category.units.map(rowOf)];
    const widths = HEADERS.map((_, c) => Math.max(...rows.map((row) => widthOf(row[c] ?? ''))));
    const lines = rows.map((row) =>
      row
        .map((cell, c) => pad(cell, widths[c] ?? 0, RIGHT[c] ?? false))
        .join('  ')
        .trimEnd(),
    );
    const title = `${category.name}（${category.unitCount} 个单位，优秀名额 ${category.excellentQuota}）`;
    return [title, ...lines].join('\n');
  });
  const view = results.asOfPeriod === 'Q4' ? '全年' : `截至 ${results.asOfPeriod}`;
  return [`${results.year} 年度考核结果（${view}）`, ...blocks].join('\n\n');
};
