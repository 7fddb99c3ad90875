/**
 * A refused request names the field in Chinese (填报值须为数字), never `body.value` or zod's own
 * English-flavoured wording; a schema's own message is kept word for word.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodDetails } from '../../../shared/http/validation-hook';

const Body = z.object({
  value: z.number(),
  reason: z.string().min(1).max(5),
  findings: z.array(z.object({ itemCode: z.string() })),
  period: z.enum(['Q1', 'Q2']),
  count: z.number().int().min(0, { message: '计数须为非负整数' }),
});

const detailsOf = (input: unknown) => {
  const result = Body.safeParse(input);
  if (result.success) throw new Error('expected a refusal');
  return zodDetails(result.error, 'json');
};

describe('validation messages', () => {
  it('name the field in Chinese and keep the path for forms', () => {
    const details = detailsOf({
      value: 'abc',
      reason: '太长了太长了',
      findings: [{ itemCode: 3 }],
      period: 'Q9',
      count: -1,
    });
    expect(details).toEqual([
      { path: 'body.value', message: '填报值须为数字' },
      { path: 'body.reason', message: '理由不能超过 5 个字' },
      { path: 'body.findings.0.itemCode', message: '检查发现第 1 项的检查项编号须为文字' },
      { path: 'body.period', message: '考核期的取值无效' },
      { path: 'body.count', message: '计数须为非负整数' },
    ]);
  });

  it('ask for a missing or empty field by its name', () => {
    const details = detailsOf({ reason: '', findings: [], period: 'Q1', count: 0 });
    expect(details.map((d) => d.message)).toEqual(['请填写填报值', '请填写理由']);
    for (const d of details) expect(d.message).not.toMatch(/body\.|[a-z]{3,}/);
  });
});
