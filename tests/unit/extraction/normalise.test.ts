import { describe, expect, it } from 'vitest';
import { chineseNumeral, normaliseText } from '../../../shared/domain/extraction';

describe('normaliseText', () => {
  it('turns Traditional characters into Simplified ones without moving any offset', () => {
    const source = '孕產婦系統管理率達到92.93%';
    const { text, origin } = normaliseText(source);
    expect(text).toBe('孕产妇系统管理率达到92.93%');
    expect([...origin]).toEqual([...Array(source.length + 1).keys()]);
  });

  it('reads full-width digits and signs', () => {
    expect(normaliseText('参合率９２．９３％，共１２３人').text).toBe('参合率92.93%，共123人');
  });

  it('writes 百分之 and 千分之 rates as figures, pointing back at the words', () => {
    const source = '知晓率达百分之九十五点五，死亡率千分之三';
    const { text, origin } = normaliseText(source);
    expect(text).toBe('知晓率达95.5%，死亡率3‰');
    const start = text.indexOf('95.5%');
    expect(origin[start]).toBe(source.indexOf('百分之'));
    expect(origin[start + '95.5%'.length]).toBe(source.indexOf('，'));
  });

  it('reads an enumeration comma typed for a decimal point, thousands separators and a spaced sign', () => {
    expect(normaliseText('占96、9%，罚款2、25万元，共12,345人，补偿比75.13 %').text).toBe(
      '占96.9%，罚款2.25万元，共12345人，补偿比75.13%',
    );
  });

  it('leaves a list of telephone numbers alone', () => {
    expect(normaliseText('设120、96999、4129999急救电话').text).toBe('设120、96999、4129999急救电话');
  });

  it('blanks web cruft lines, keeping their length', () => {
    const source = '发布时间: 2019.08.17\n下面是小编为大家整理的，参合率90%\n参合率92%';
    const { text } = normaliseText(source);
    expect(text.length).toBe(source.length);
    expect(text).not.toContain('90%');
    expect(text).toContain('参合率92%');
  });
});

describe('chineseNumeral', () => {
  it.each([
    ['九十', '90'],
    ['九十五点五', '95.5'],
    ['十五', '15'],
    ['一百', '100'],
    ['三', '3'],
    ['九十x', undefined],
  ])('%s → %s', (numeral, value) => expect(chineseNumeral(numeral)).toBe(value));
});
