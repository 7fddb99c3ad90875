/**
 * Checks an indicator tree (a template or a unit's agreement) before it may be used. Whether it can
 * be scored (weights summing to 100, rules, targets, codes) is the scoring engine's
 * `validateAgreement`; this adds only what the tree's shape needs (no empty or repeated dimension).
 */
import type { PeriodWeights } from '../../schemas/scenario';
import type { TemplateDimension, TemplateLeaf, UnitTargets } from '../../schemas/template';
import { formatPoints, type Problem, parseScaled, validateAgreement } from '../scoring';
import { baseFromTemplate } from './resolve';

interface Tree {
  name: string;
  leaves: readonly (TemplateLeaf & { target?: TemplateLeaf['defaultTarget'] })[];
}

/** Σ W in hundredths of a point; W that are not valid points are left out (they are problems). */
export const totalWCents = (dimensions: readonly Tree[]): number =>
  dimensions
    .flatMap((d) => d.leaves)
    .reduce((sum, leaf) => {
      const parsed = parseScaled(leaf.W, 2);
      return parsed.ok ? sum + parsed.scaled : sum;
    }, 0);

export const formatTotalW = (dimensions: readonly Tree[]): string => formatPoints(totalWCents(dimensions));

/**
 * Every problem of a tree, paths as `indicators[d].leaves[l].field`. A template is checked with its
 * default targets in place of the unit targets (`asTemplate`).
 */
export const validateTree = (
  dimensions: readonly Tree[],
  { periodWeights, asTemplate = false }: { periodWeights?: PeriodWeights; asTemplate?: boolean } = {},
): Problem[] => {
  const problems: Problem[] = [];
  if (dimensions.length === 0) problems.push({ path: 'indicators', message: '尚未设置任何指标' });
  const seen = new Set<string>();
  dimensions.forEach((dimension, d) => {
    if (seen.has(dimension.name)) {
      problems.push({ path: `indicators[${d}].name`, message: `一级指标“${dimension.name}”重复` });
    }
    seen.add(dimension.name);
    if (dimension.leaves.length === 0) {
      problems.push({ path: `indicators[${d}].leaves`, message: `一级指标“${dimension.name}”下没有指标` });
    }
  });
  // A template is scored as a unit without overrides would be: its default targets are the targets
  // (and are reported at `defaultTarget`, where the editor shows them).
  const indicators = dimensions.map((d) => ({
    name: d.name,
    leaves: d.leaves.map(({ defaultTarget, ...leaf }) =>
      asTemplate ? { ...leaf, target: defaultTarget } : { ...leaf, defaultTarget },
    ),
  }));
  const found = validateAgreement({ indicators }, periodWeights ? { periodWeights } : {});
  const engine = asTemplate
    ? found.map((p) => ({ ...p, path: p.path.replace(/\.target$/, '.defaultTarget') }))
    : found;
  return [...problems, ...engine];
};

/**
 * Every problem of a template: its tree (default targets as targets) and each planned unit target
 * (unit of the category, indicator of the template, a valid target for it), at
 * `unitTargets.<unitId>.<code>`.
 */
export const templateProblems = (
  template: { dimensions: readonly TemplateDimension[]; unitTargets: UnitTargets },
  context: {
    categoryId: string;
    units: readonly { id: string; categoryId: string }[];
    periodWeights?: PeriodWeights;
  },
): Problem[] => {
  const { periodWeights } = context;
  const problems = validateTree(template.dimensions, {
    asTemplate: true,
    ...(periodWeights ? { periodWeights } : {}),
  });
  const codes = new Set(template.dimensions.flatMap((d) => d.leaves.map((l) => l.code)));
  const unitCategory = new Map(context.units.map((u) => [u.id, u.categoryId]));
  for (const [unitId, targets] of Object.entries(template.unitTargets)) {
    if (unitCategory.get(unitId) !== context.categoryId) {
      problems.push({ path: `unitTargets.${unitId}`, message: `单位 ${unitId} 不属于本类别` });
      continue;
    }
    for (const code of Object.keys(targets)) {
      if (!codes.has(code))
        problems.push({ path: `unitTargets.${unitId}.${code}`, message: `指标 ${code} 不在模板中` });
    }
    const base = baseFromTemplate(template.dimensions, template.unitTargets, unitId);
    for (const problem of validateTree(base, periodWeights ? { periodWeights } : {})) {
      const match = /^indicators\[(\d+)\]\.leaves\[(\d+)\]\.target$/.exec(problem.path);
      const leaf = match ? base[Number(match[1])]?.leaves[Number(match[2])] : undefined;
      if (leaf?.targetSource === 'unit_plan') {
        problems.push({
          path: `unitTargets.${unitId}.${leaf.code}`,
          message: `单位 ${unitId}：${problem.message}`,
        });
      }
    }
  }
  return problems;
};
