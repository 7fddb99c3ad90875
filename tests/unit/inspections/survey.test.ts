import { describe, expect, it } from 'vitest';
import { parseCsv, satisfactionRate, validateSurveyRows } from '../../../shared/domain/inspections/survey';

describe('satisfactionRate', () => {
  it('rounds half-up to 2 decimals without float drift', () => {
    expect(satisfactionRate(2, 3)).toBe(66.67);
    expect(satisfactionRate(1, 3)).toBe(33.33);
    expect(satisfactionRate(1, 8)).toBe(12.5);
    // 1/16 = 6.25 exactly; 1/32 = 3.125 → 3.13 (half-up)
    expect(satisfactionRate(1, 32)).toBe(3.13);
    expect(satisfactionRate(391, 400)).toBe(97.75);
    expect(satisfactionRate(0, 5)).toBe(0);
    expect(satisfactionRate(5, 5)).toBe(100);
  });
});

describe('validateSurveyRows', () => {
  const known = new Set(['a-thc', 'b-thc']);

  it('returns the rows when every one is valid, skipping blank lines', () => {
    const { rows, problems } = validateSurveyRows(
      [
        ['a-thc', '10', '9'],
        ['', '', ''],
        ['b-thc', 20, 20],
      ],
      known,
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { unitId: 'a-thc', respondents: 10, satisfied: 9 },
      { unitId: 'b-thc', respondents: 20, satisfied: 20 },
    ]);
  });

  it('reports every bad cell by sheet row and column and returns no rows', () => {
    const { rows, problems } = validateSurveyRows(
      [
        ['a-thc', '10', '9'],
        ['x-thc', '0', '1.5'],
        ['a-thc', '5', '6'],
      ],
      known,
    );
    expect(rows).toEqual([]);
    expect(problems.map((p) => `${p.row}${p.column}`)).toEqual(['3A', '3B', '3C', '4A', '4C']);
  });

  it('refuses an empty file', () => {
    expect(validateSurveyRows([], known).problems).toHaveLength(1);
  });
});

describe('parseCsv', () => {
  it('keeps quoted commas, doubled quotes and blank lines (row numbers stay true)', () => {
    expect(parseCsv('\uFEFFa,b\n"x,1","say ""hi"""\n\nc,d\n')).toEqual([
      ['a', 'b'],
      ['x,1', 'say "hi"'],
      [''],
      ['c', 'd'],
    ]);
  });
});
