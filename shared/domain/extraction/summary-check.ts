/**
 * The rater's cross-check of a reported value against the unit's own work summary (docs/extraction.md):
 * from the source stored with the item when the value was taken (从工作总结提取), whether the value
 * reported now is the figure the summary states. Pure.
 */
import type { ValueSource } from '../../schemas/submission';

export interface SummaryCheck {
  /** The summary's sentence, or null when it has no figure for the indicator. */
  sentence: string | null;
  /** Offsets of the figure in `sentence`. */
  figure: { from: number; to: number } | null;
  /** The reported value differs from the summary, or the summary has no figure for it. */
  disagrees: boolean;
  /** The flag's words, when it disagrees. */
  message: string | null;
}

/**
 * The check of a reported value, or null when there is nothing to compare (no value, or the value
 * was not taken from a summary).
 * @example summaryCheck(92.93, { kind: 'pasted', value: 93.2, sentence: '参合率93.2%', … }).message
 *   // '填报值 92.93，工作总结原文为 93.2'
 */
export const summaryCheck = (
  reported: number | boolean | string | null | undefined,
  source: ValueSource | undefined,
): SummaryCheck | null => {
  if (!source || typeof reported !== 'number') return null;
  const { value, sentence, sentenceStart: at, start, end } = source;
  if (value === null)
    return {
      sentence: null,
      figure: null,
      disagrees: true,
      message: `填报值 ${reported}，工作总结中没有该指标的数值`,
    };
  const disagrees = value !== reported;
  return {
    sentence,
    figure: at === null || start === null || end === null ? null : { from: start - at, to: end - at },
    disagrees,
    message: disagrees ? `填报值 ${reported}，工作总结原文为 ${value}` : null,
  };
};
