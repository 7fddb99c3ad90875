/**
 * satisfied / respondents × 100, rounded half-up to 2 decimals in integer arithmetic
 * (so 2/3 gives 66.67, never 66.66 from a drifting float).
 */
export const satisfactionRate = (satisfied: number, respondents: number): number => {
  const hundredths = Math.floor((satisfied * 20000 + respondents) / (2 * respondents));
  return hundredths / 100;
};

export interface SurveyRow {
  unitId: string;
  respondents: number;
  satisfied: number;
}

/** One cell problem of an import, as a spreadsheet user finds it. */
export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

export const SURVEY_COLUMNS = ['单位编号', '调查人数', '满意人数'] as const;

const asCount = (raw: unknown): number | undefined => {
  const text = String(raw ?? '').trim();
  return /^\d+$/.test(text) ? Number(text) : undefined;
};

/**
 * Validates the data rows of a survey sheet (row 1 is the header; `rows[i]` is sheet row i + 2).
 * Every problem is reported; the rows are returned only when there is none.
 */
export const validateSurveyRows = (
  rows: readonly (readonly unknown[])[],
  knownUnitIds: ReadonlySet<string>,
): { rows: SurveyRow[]; problems: RowProblem[] } => {
  const problems: RowProblem[] = [];
  const out: SurveyRow[] = [];
  const seen = new Set<string>();
  rows.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => String(c ?? '').trim() === '')) return;
    const unitId = String(cells[0] ?? '').trim();
    const respondents = asCount(cells[1]);
    const satisfied = asCount(cells[2]);
    const before = problems.length;
    if (!knownUnitIds.has(unitId))
      problems.push({ row, column: 'A', message: `单位编号“${unitId}”不存在或没有该指标` });
    else if (seen.has(unitId)) problems.push({ row, column: 'A', message: `单位 ${unitId} 重复出现` });
    if (respondents === undefined || respondents < 1)
      problems.push({ row, column: 'B', message: '调查人数应为不小于 1 的整数' });
    if (satisfied === undefined) problems.push({ row, column: 'C', message: '满意人数应为非负整数' });
    else if (respondents !== undefined && satisfied > respondents)
      problems.push({ row, column: 'C', message: '满意人数不能多于调查人数' });
    seen.add(unitId);
    if (problems.length === before)
      out.push({ unitId, respondents: respondents ?? 1, satisfied: satisfied ?? 0 });
  });
  if (out.length === 0 && problems.length === 0)
    problems.push({ row: 2, column: 'A', message: '没有数据行' });
  return { rows: problems.length ? [] : out, problems };
};

/** Splits CSV text into rows (one per line) of cells (quoted cells may hold commas and doubled quotes). */
export const parseCsv = (text: string): string[][] =>
  text
    .replace(/^\uFEFF/, '')
    .replace(/\s+$/, '')
    .split(/\r?\n/)
    // Blank lines are kept (and skipped by the validators) so row numbers match the file's.
    .map((line) => {
      const cells: string[] = [];
      let cell = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (quoted) {
          if (ch === '"' && line[i + 1] === '"') {
            cell += '"';
            i++;
          } else if (ch === '"') quoted = false;
          else cell += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ',') {
          cells.push(cell);
          cell = '';
        } else cell += ch;
      }
      cells.push(cell);
      return cells;
    });
