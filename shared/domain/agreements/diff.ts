/**
 * What changed between two revisions of an agreement, indicator by indicator (matched by code), in
 * the words the agreement prints: the unit head reads this before signing an amendment.
 */
import type {
  AgreementContent,
  AgreementDiff,
  AgreementLeaf,
  IndicatorChange,
} from '../../schemas/agreement';
import { canonicalJson } from '../canonical-json';
import {
  DIRECTION_LABELS,
  describeRule,
  formatPeriods,
  formatTarget,
  LEAF_FIELD_LABELS,
  MEASURE_LABELS,
} from './labels';

type Shown = Pick<AgreementContent, 'title' | 'partyA' | 'unitName' | 'revision' | 'dimensions'>;

const HEADER_FIELDS = { title: '责任书标题', partyA: '甲方', unitName: '乙方' } as const;

type LeafField = Exclude<keyof typeof LEAF_FIELD_LABELS, 'code' | 'defaultTarget'>;
const COMPARED: readonly LeafField[] = [
  'dimension',
  'name',
  'W',
  'measure',
  'direction',
  'rule',
  'target',
  'periods',
  'ruleText',
  'evidence',
  'department',
];

const show = (leaf: AgreementLeaf, dimension: string, field: LeafField): string => {
  switch (field) {
    case 'dimension':
      return dimension;
    case 'W':
      return `${leaf.W} 分`;
    case 'measure':
      return MEASURE_LABELS[leaf.measure];
    case 'direction':
      return DIRECTION_LABELS[leaf.direction];
    case 'rule':
      return describeRule(leaf.rule);
    case 'target':
      return formatTarget(leaf.target, leaf.measure);
    case 'periods':
      return formatPeriods(leaf.periods);
    default:
      return leaf[field] ?? '';
  }
};

const leavesByCode = (content: Shown) =>
  new Map(
    content.dimensions.flatMap((d) =>
      d.leaves.map((leaf) => [leaf.code, { leaf, dimension: d.name }] as const),
    ),
  );

/** Changes from `before` to `after`, in the order of `after` (removed indicators last). */
export const diffAgreements = (before: Shown, after: Shown): AgreementDiff => {
  const header = (Object.keys(HEADER_FIELDS) as (keyof typeof HEADER_FIELDS)[])
    .filter((field) => before[field] !== after[field])
    .map((field) => ({ field, label: HEADER_FIELDS[field], before: before[field], after: after[field] }));
  const old = leavesByCode(before);
  const now = leavesByCode(after);
  const indicators: IndicatorChange[] = [];
  for (const [code, { leaf, dimension }] of now) {
    const was = old.get(code);
    if (!was) {
      indicators.push({ code, name: leaf.name, dimension, kind: 'added', fields: [] });
      continue;
    }
    const fields = COMPARED.flatMap((field) => {
      const a = show(was.leaf, was.dimension, field);
      const b = show(leaf, dimension, field);
      // Rule parameters may print alike yet differ (a band table): compare the data too.
      const same = field === 'rule' ? canonicalJson(was.leaf.rule) === canonicalJson(leaf.rule) : a === b;
      return same ? [] : [{ field, label: LEAF_FIELD_LABELS[field], before: a, after: b }];
    });
    if (fields.length > 0) indicators.push({ code, name: leaf.name, dimension, kind: 'changed', fields });
  }
  for (const [code, { leaf, dimension }] of old) {
    if (!now.has(code)) indicators.push({ code, name: leaf.name, dimension, kind: 'removed', fields: [] });
  }
  return { fromRevision: before.revision, toRevision: after.revision, header, indicators };
};
