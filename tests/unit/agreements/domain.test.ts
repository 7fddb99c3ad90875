/** The pure agreement domain: canonical JSON, the state machine, resolution and the diff. */
import { describe, expect, it } from 'vitest';
import { demoTemplate } from '../../../scripts/seed/demo-templates';
import { diffAgreements } from '../../../shared/domain/agreements/diff';
import { applyCustomisation, baseFromTemplate } from '../../../shared/domain/agreements/resolve';
import { refusalOf } from '../../../shared/domain/agreements/state-machine';
import { canonicalJson } from '../../../shared/domain/canonical-json';
import { EMPTY_CUSTOMISATION } from '../../../shared/schemas/agreement';

const template = demoTemplate(2026, 'primary-care');
const leafOf = (dims: ReturnType<typeof baseFromTemplate>, code: string) =>
  dims.flatMap((d) => d.leaves).find((l) => l.code === code)!;

describe('canonical JSON', () => {
  it('sorts keys, drops undefined members and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [true, 'x', { d: undefined, c: 2.5 }] })).toBe(
      '{"a":[true,"x",{"c":2.5}],"b":1}',
    );
    expect(canonicalJson({ 乙方: '洛阳镇卫生院', a: null })).toBe('{"a":null,"乙方":"洛阳镇卫生院"}');
  });
});

describe('the state machine', () => {
  it('allows each move only from its state', () => {
    expect(refusalOf({ state: 'draft', revision: 1 }, 'issued')).toBeNull();
    expect(refusalOf({ state: 'issued', revision: 1 }, 'signed')).toBeNull();
    expect(refusalOf({ state: 'signed', revision: 1 }, 'locked')).toBeNull();
    expect(refusalOf({ state: 'issued', revision: 2 }, 'draft')).toBe('责任书当前为“已下达”，不能撤回为草稿');
    expect(refusalOf({ state: 'draft', revision: 1 }, 'amend')).toBe('责任书当前为“草稿”，不能变更');
    expect(refusalOf({ state: 'locked', revision: 1 }, 'amend')).toBeNull();
  });
});

describe('resolution', () => {
  it('takes the agreement override, else the planned unit target, else the default', () => {
    const base = baseFromTemplate(template.dimensions, template.unitTargets, 'luoyang-thc');
    const { dimensions, problems } = applyCustomisation(base, {
      ...EMPTY_CUSTOMISATION,
      targets: { '1.2': 88 },
    });
    expect(problems).toEqual([]);
    expect(leafOf(dimensions, '1.1')).toMatchObject({ target: 75, targetSource: 'unit_plan' });
    expect(leafOf(dimensions, '1.2')).toMatchObject({ target: 88, targetSource: 'agreement' });
    expect(leafOf(dimensions, '1.3')).toMatchObject({ target: 95, targetSource: 'template' });
    expect(leafOf(dimensions, '1.2').ruleText).toBe(
      '按完成比例计分：达到 88% 得满分，70% 及以下不得分，其间按比例计分',
    );
  });
});

describe('the diff of two revisions', () => {
  it('lists changed, added and removed indicators in the agreement’s words', () => {
    const base = baseFromTemplate(template.dimensions, {}, 'furong-thc');
    const before = {
      title: 't',
      partyA: 'a',
      unitName: 'u',
      revision: 1,
      dimensions: applyCustomisation(base, EMPTY_CUSTOMISATION).dimensions,
    };
    const after = {
      ...before,
      revision: 2,
      dimensions: applyCustomisation(base, {
        ...EMPTY_CUSTOMISATION,
        weights: { '2.1': 20 },
        removedCodes: ['2.3'],
      }).dimensions,
    };
    const diff = diffAgreements(before, after);
    expect(diff.indicators).toEqual([
      {
        code: '2.1',
        name: '新农合参合率',
        dimension: '医疗服务与新农合',
        kind: 'changed',
        fields: [{ field: 'W', label: '分值', before: '15 分', after: '20 分' }],
      },
      { code: '2.3', name: '医疗安全事件', dimension: '医疗服务与新农合', kind: 'removed', fields: [] },
    ]);
  });
});
