import { describe, expect, it } from 'vitest';
import { summaryCheck } from '../../../shared/domain/extraction/summary-check';
import type { ValueSource } from '../../../shared/schemas/submission';

const sentence = '本季度孕产妇系统管理率92.93%，儿童健康管理率88.52%';
const source: ValueSource = { kind: 'pasted', value: 92.93, sentence, sentenceStart: 10, start: 21, end: 27 };

describe('summaryCheck', () => {
  it('flags a reported value that differs from the summary, naming both, with the figure in its sentence', () => {
    const check = summaryCheck(93.2, source);
    expect(check).toMatchObject({
      disagrees: true,
      message: '填报值 93.2，工作总结原文为 92.93',
    });
    expect(sentence.slice(check?.figure?.from, check?.figure?.to)).toBe('92.93%');
  });

  it('shows the sentence without a flag when the value is the summary’s', () => {
    expect(summaryCheck(92.93, source)).toMatchObject({ disagrees: false, message: null, sentence });
  });

  it('flags a reported value for which the summary has no figure', () => {
    const none: ValueSource = {
      kind: 'file',
      fileId: 'abcdef12',
      value: null,
      sentence: null,
      sentenceStart: null,
      start: null,
      end: null,
    };
    expect(summaryCheck(612, none)).toEqual({
      sentence: null,
      figure: null,
      disagrees: true,
      message: '填报值 612，工作总结中没有该指标的数值',
    });
  });

  it('has nothing to say of a value not taken from a summary, or of no value', () => {
    expect(summaryCheck(92.93, undefined)).toBeNull();
    expect(summaryCheck(null, source)).toBeNull();
  });
});
