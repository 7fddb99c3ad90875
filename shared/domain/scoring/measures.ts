/** Units of measure: how a value of each is read into a scaled integer, and its allowed range. */
import type { Measure, Value } from '../../schemas/scenario';
import {
  type DecimalError,
  formatScaled,
  MAX_SCALED_VALUE,
  scaledOf,
  VALUE_PLACES,
  VALUE_SCALE,
} from './decimal';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const MEASURE_LABELS: Readonly<Record<Measure, string>> = {
  rate: '比率（0–100%）',
  count: '计数（非负整数）',
  number: '数值',
  boolean: '是/否',
  date: '日期（YYYY-MM-DD）',
};

const decimalMessage = { format: '不是有效的数值', precision: '最多 4 位小数', range: '数值过大' } as const;

const parseDate = (raw: Value): number | string => {
  const match = typeof raw === 'string' ? ISO_DATE.exec(raw) : null;
  if (!match) return '不是有效的日期（YYYY-MM-DD）';
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== raw) return '不是有效的日期';
  return (ms / DAY_MS) * VALUE_SCALE;
};

/**
 * Reads a value of the given measure into a scaled integer (×10^4; a date is days since 1970-01-01,
 * a boolean 1 or 0), or returns why it is refused (a message), e.g. a rate above 100 %.
 * Allocation-free for the engine's hot path; `parseValue` is the same as a result object.
 */
export const scaledValueOf = (raw: Value, measure: Measure): number | string => {
  if (measure === 'boolean') return typeof raw === 'boolean' ? (raw ? VALUE_SCALE : 0) : '应为 true 或 false';
  if (measure === 'date') return parseDate(raw);
  if (typeof raw === 'boolean') return '不是有效的数值';
  const value = scaledOf(raw, VALUE_PLACES);
  if (typeof value === 'string') return decimalMessage[value as DecimalError];
  if (Math.abs(value) > MAX_SCALED_VALUE) return '数值过大';
  if (measure === 'rate' && (value < 0 || value > 100 * VALUE_SCALE)) return '超出比率范围 0–100%';
  if (measure === 'count' && (value < 0 || value % VALUE_SCALE !== 0)) return '计数须为非负整数';
  return value;
};

export type ValueResult = { ok: true; value: number } | { ok: false; message: string };

/** Reads a value of the given measure into a scaled integer, or says why it is refused (Chinese). */
export const parseValue = (raw: Value, measure: Measure): ValueResult => {
  const value = scaledValueOf(raw, measure);
  return typeof value === 'number' ? { ok: true, value } : { ok: false, message: value };
};

/** Formats a scaled value of the given measure for an explanation: '88.52', '2024-06-30', '是'. */
export const formatValue = (value: number, measure: Measure): string => {
  if (measure === 'boolean') return value > 0 ? '是' : '否';
  if (measure === 'date') return new Date((value / VALUE_SCALE) * DAY_MS).toISOString().slice(0, 10);
  return formatValueNumber(value);
};

/** Formats a scaled number (a value or a difference of values) with trailing zeros dropped. */
export const formatValueNumber = (value: number): string => formatScaled(value, VALUE_PLACES);
