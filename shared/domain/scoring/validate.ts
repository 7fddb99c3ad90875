/** Refusing what cannot be scored: every problem with its path and a Chinese message. */
import type { z } from 'zod';
import zhCNLocale from 'zod/v4/locales/zh-CN.js';
import { AgreementSchema, type PeriodWeights, type Scenario, ScenarioSchema } from '../../schemas/scenario';
import { compileAgreement } from './agreement';
import { InvalidScenarioError } from './errors';
import { validatePeriodWeights } from './periods';
import { prepareScenario } from './prepare';
import { type Problem, pathOf } from './problems';

const zhCN = zhCNLocale().localeError;

type ParsedScenario = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

/** Parses and checks a scenario (shape first, then everything the engine needs), without throwing. */
export const checkScenario = (input: unknown): ParsedScenario => {
  const parsed = ScenarioSchema.safeParse(input, { error: zhCN });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({ path: pathOf(issue.path), message: issue.message })),
    };
  }
  const problems = prepareScenario(parsed.data).problems;
  return problems.length > 0 ? { ok: false, problems } : { ok: true, scenario: parsed.data };
};

/** Every reason the scenario cannot be scored; empty when it can. */
export const validateScenario = (input: unknown): Problem[] => {
  const checked = checkScenario(input);
  return checked.ok ? [] : checked.problems;
};

/** Parses a scenario for `computeResults`, or throws `InvalidScenarioError` listing every problem. */
export const parseScenario = (input: unknown): Scenario => {
  const checked = checkScenario(input);
  if (!checked.ok) throw new InvalidScenarioError(checked.problems);
  return checked.scenario;
};

const IndicatorTreeSchema = AgreementSchema.pick({ indicators: true });

/**
 * Every reason an indicator tree (a category template or a unit's agreement) cannot be scored: its
 * shape, leaf weights not summing to 100, duplicate codes, rule parameters, targets outside their
 * measure, band tables, and (given the year's weights) periods that carry no weight.
 */
export const validateAgreement = (
  agreement: z.input<typeof IndicatorTreeSchema>,
  { periodWeights, path = '' }: { periodWeights?: PeriodWeights; path?: string } = {},
): Problem[] => {
  const prefix = (segments: readonly PropertyKey[]) => [path, pathOf(segments)].filter(Boolean).join('.');
  const parsed = IndicatorTreeSchema.safeParse(agreement, { error: zhCN });
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({ path: prefix(issue.path), message: issue.message }));
  }
  const problems: Problem[] = [];
  const weightsValid =
    periodWeights !== undefined && validatePeriodWeights(periodWeights, 'periodWeights').length === 0;
  compileAgreement(parsed.data.indicators, path, weightsValid ? periodWeights : null, problems);
  // compileAgreement prefixes paths with the owner's; at the top level drop the leading dot.
  return path ? problems : problems.map((p) => ({ ...p, path: p.path.replace(/^\./, '') }));
};
