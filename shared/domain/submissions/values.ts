/**
 * Reported values checked by the indicator's unit of measure: a rate 0–100 (%), a count ≥ 0, a
 * yes/no, a date. The reading itself is the scoring engine's, so a value the worksheet accepts is
 * one the engine can score.
 */
import { parseValue } from '../scoring/measures';

export type Measure = 'rate' | 'count' | 'number' | 'boolean' | 'date';
export type ReportedValue = number | boolean | string;

export type ReportedValueResult = { ok: true; value: ReportedValue } | { ok: false; message: string };

/**
 * Checks a reported value against its measure and returns it in the stored form: numbers as JSON
 * numbers (a decimal string like "88.5" becomes 88.5), dates as `YYYY-MM-DD`, yes/no as booleans.
 */
export const checkReportedValue = (raw: ReportedValue, measure: Measure): ReportedValueResult => {
  const parsed = parseValue(raw, measure);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  if (measure === 'boolean' || measure === 'date') return { ok: true, value: raw };
  return { ok: true, value: Number(raw) };
};

/**
 * Whether an indicator needs a reported value before the period can be submitted. Rating and
 * deduction indicators are judged by raters and inspectors: the unit gives a narrative and files.
 */
export const needsValue = (ruleType: string): boolean => ruleType !== 'rating' && ruleType !== 'deduction';
