import { describe, expect, it } from 'vitest';
import { checkReportedValue, needsValue } from '../../../shared/domain/submissions/values';

describe('reported values by unit of measure', () => {
  it('accepts a rate from 0 to 100 with up to 4 decimals, as a number', () => {
    expect(checkReportedValue(0, 'rate')).toEqual({ ok: true, value: 0 });
    expect(checkReportedValue(100, 'rate')).toEqual({ ok: true, value: 100 });
    expect(checkReportedValue('92.93', 'rate')).toEqual({ ok: true, value: 92.93 });
    expect(checkReportedValue(100.01, 'rate')).toEqual({ ok: false, message: '超出比率范围 0–100%' });
    expect(checkReportedValue(12.00001, 'rate')).toEqual({ ok: false, message: '最多 4 位小数' });
  });

  it('accepts a count of 0 or more, whole', () => {
    expect(checkReportedValue(3, 'count')).toEqual({ ok: true, value: 3 });
    expect(checkReportedValue(-1, 'count').ok).toBe(false);
    expect(checkReportedValue(1.5, 'count').ok).toBe(false);
  });

  it('accepts yes/no as booleans and dates as real calendar dates', () => {
    expect(checkReportedValue(false, 'boolean')).toEqual({ ok: true, value: false });
    expect(checkReportedValue('true', 'boolean').ok).toBe(false);
    expect(checkReportedValue('2026-06-30', 'date')).toEqual({ ok: true, value: '2026-06-30' });
    expect(checkReportedValue('2026-06-31', 'date')).toEqual({ ok: false, message: '不是有效的日期' });
    expect(checkReportedValue(20260630, 'date').ok).toBe(false);
  });

  it('asks no value of rating and deduction indicators', () => {
    expect(needsValue('rating')).toBe(false);
    expect(needsValue('deduction')).toBe(false);
    expect(needsValue('threshold')).toBe(true);
  });
});
