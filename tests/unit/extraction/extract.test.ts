import { describe, expect, it } from 'vitest';
import { type ExtractionIndicator, extractValues } from '../../../shared/domain/extraction';

const rate = (code: string, name: string, keywords: string[] = []): ExtractionIndicator => ({
  code,
  name,
  measure: 'rate',
  keywords,
});

describe('extractValues', () => {
  it('proposes an achieved rate with its sentence and the figure offsets in the original text', () => {
    const source = '一、基本情况。今年参合率92.93%，较去年提高。';
    const result = extractValues(source, [rate('A1', '新农合参合率', ['参合率'])]);
    expect(result.A1).toMatchObject({ value: 92.93, unit: '%', decision: 'single', reason: null });
    const [candidate] = result.A1?.candidates ?? [];
    expect(candidate).toMatchObject({ rule: 'after-term', term: '参合率', status: 'achieved' });
    expect(candidate?.sentence).toBe('今年参合率92.93%，较去年提高');
    expect(source.slice(candidate?.start, candidate?.end)).toBe('92.93%');
  });

  it('never proposes a planned or required figure', () => {
    const result = extractValues('确保参合率达到90%以上。力争系统管理率95%。建档率要达到%以上。', [
      rate('A1', '参合率'),
      rate('A2', '系统管理率'),
      rate('A3', '建档率'),
    ]);
    expect(result.A1).toMatchObject({ value: null, reason: 'planned-only' });
    expect(result.A2).toMatchObject({ value: null, reason: 'planned-only' });
    // A blank figure is nothing at all.
    expect(result.A3).toMatchObject({ value: null, reason: 'none', candidates: [] });
  });

  it('treats what follows a plan heading as planned', () => {
    const source = '一、工作完成情况\n免疫接种率98%。\n二、明年工作计划\n免疫接种率达到99%。';
    expect(extractValues(source, [rate('A1', '免疫接种率')]).A1).toMatchObject({ value: 98 });
  });

  it('reports two figures as ambiguous unless the indicator names the qualifier of one', () => {
    const source = '艾滋病防治知识知晓率城镇居民95%，农村居民71.21%。';
    const plain = extractValues(source, [rate('A1', '艾滋病防治知识知晓率')]).A1;
    expect(plain).toMatchObject({ value: null, reason: 'ambiguous' });
    expect(plain?.candidates.map((c) => c.value)).toEqual([95, 71.21]);
    const rural = extractValues(source, [
      rate('A1', '农村居民艾滋病防治知识知晓率', ['艾滋病防治知识知晓率']),
    ]).A1;
    expect(rural).toMatchObject({ value: 71.21, decision: 'qualifier' });
  });

  it('pairs a list with its figures by position when the summary says 分别', () => {
    const result = extractValues(
      '孕妇HIV检测率、梅毒检测率、乙肝表面抗原检测率分别达到97、7%、73、4%、74、01%。',
      [rate('A1', '梅毒检测率'), rate('A2', '乙肝表面抗原检测率')],
    );
    expect(result.A1?.value).toBe(73.4);
    expect(result.A2?.value).toBe(74.01);
  });

  it('reads a range as a range and an approximate figure as approximate, proposing neither', () => {
    const result = extractValues('每天门诊量80人次左右，培训班参训5-8人。', [
      { code: 'C1', name: '门诊量', measure: 'count' },
      { code: 'C2', name: '参训人数', measure: 'count', keywords: ['参训'] },
    ]);
    expect(result.C1).toMatchObject({ value: null, reason: 'approximate-only' });
    expect(result.C2).toMatchObject({ value: null, reason: 'approximate-only' });
    expect(result.C2?.candidates[0]).toMatchObject({ value: 5, upper: 8, unit: '人' });
  });

  it('does not take a change for a level', () => {
    const result = extractValues('病死率0、18%，病死率上升5、88%。', [rate('A1', '病死率')]);
    expect(result.A1).toMatchObject({ value: 0.18 });
    expect(result.A1?.candidates[1]?.status).toBe('change');
  });

  it('counts in whole things, scaling 万, and keeps a name’s unit (万元)', () => {
    const result = extractValues('全县门诊3.5万人次，罚款2、25万元，报销医药费用5.44亿元。', [
      { code: 'C1', name: '门诊人次', measure: 'count', keywords: ['门诊'] },
      { code: 'N1', name: '罚款（万元）', measure: 'number' },
      { code: 'N2', name: '报销医药费用（万元）', measure: 'number' },
    ]);
    expect(result.C1?.value).toBe(35000);
    expect(result.N1).toMatchObject({ value: 2.25, unit: '万元' });
    expect(result.N2).toMatchObject({ value: 54400, unit: '万元' });
  });

  it('gives a mention inside a longer indicator name to the longer one', () => {
    const result = extractValues('孕产妇死亡率0%，婴儿死亡率1.68%。', [
      rate('A1', '孕产妇死亡率', ['死亡率']),
      rate('A2', '婴儿死亡率'),
    ]);
    expect(result.A1?.value).toBe(0);
    expect(result.A2?.value).toBe(1.68);
  });

  it('reads Traditional text and full-width digits', () => {
    const result = extractValues('本季度孕產婦系統管理率為９２．９３％。', [
      rate('A1', '孕产妇系统管理率', ['系统管理率']),
    ]);
    expect(result.A1?.value).toBe(92.93);
  });
});
