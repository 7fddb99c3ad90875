/**
 * Reads a rater's score write for one leaf: checks it against the leaf's rule and measure, builds
 * the fact the engine scores, and scores it with the engine (`scoreLeafPeriod`); no rule is
 * re-implemented here. Pure: plain data in, plain data out.
 */
import type { ErrorDetail } from '../../errors';
import type { Band, CompletionStatus, Leaf, Value } from '../../schemas/scenario';
import type { PeriodScore } from '../scoring';
import {
  DEFAULT_BANDS,
  formatPoints,
  InvalidScenarioError,
  isMarkAllowed,
  markRuleText,
  parseScaled,
  scoreLeafPeriod,
} from '../scoring';
import { parseValue } from '../scoring/measures';

/** Points are read to the cent: the grid (0.1, or exactly W) is checked by `isMarkAllowed`. */
const POINT_DECIMALS = 2;

/** The fields of a score write this module reads (the route's validated body). */
export interface ScoreInput {
  verifiedValue?: Value | undefined;
  completion?: CompletionStatus | undefined;
  occurrences?: number | undefined;
  points?: number | undefined;
  band?: Band | undefined;
  comment: string;
}

/** What a verification or a rating stores, without who/when/version. */
export type ScoredFields =
  | { kind: 'verification'; verifiedValue: Value | null; completion?: CompletionStatus; occurrences?: number }
  | { kind: 'rating'; pointsCents?: number; band?: Band };

export type ScoreReading =
  | { ok: true; fields: ScoredFields; computed: PeriodScore & { score: string } }
  | { ok: false; details: ErrorDetail[] };

/** W of a leaf in cents. */
export const wCentsOf = (leaf: Pick<Leaf, 'W'>): number => {
  const w = parseScaled(leaf.W, 2);
  return w.ok ? w.scaled : 0;
};

const refuse = (path: string, message: string): ScoreReading => ({
  ok: false,
  details: [{ path: `body.${path}`, message }],
});

const onlyFields = (input: ScoreInput, allowed: readonly (keyof ScoreInput)[]): ScoreReading | null => {
  for (const key of ['verifiedValue', 'completion', 'occurrences', 'points', 'band'] as const) {
    if (input[key] !== undefined && !allowed.includes(key)) return refuse(key, '该指标的评分规则不使用此项');
  }
  return null;
};

const readFields = (leaf: Leaf, input: ScoreInput): ScoredFields | ScoreReading => {
  const rule = leaf.rule;
  switch (rule.type) {
    case 'deduction':
      return refuse('code', '扣分制指标由检查组核定扣分，考核组不在此评分');
    case 'rating': {
      if (rule.scale === 'bands') {
        const wrong = onlyFields(input, ['band']);
        if (wrong) return wrong;
        if (!input.band) return refuse('band', '请选择等级：优、良、中、差');
        return { kind: 'rating', band: input.band };
      }
      const wrong = onlyFields(input, ['points']);
      if (wrong) return wrong;
      const W = wCentsOf(leaf);
      const points = input.points === undefined ? undefined : parseScaled(input.points, POINT_DECIMALS);
      if (!points?.ok || !isMarkAllowed(points.scaled, W)) return refuse('points', markRuleText(W));
      return { kind: 'rating', pointsCents: points.scaled };
    }
    case 'completion': {
      const wrong = onlyFields(input, ['completion', 'verifiedValue']);
      if (wrong) return wrong;
      if (!input.completion) return refuse('completion', '请选择完成情况：按期完成、逾期完成或未完成');
      const value = input.verifiedValue;
      if (value !== undefined) {
        const checked = parseValue(value, leaf.measure);
        if (!checked.ok) return refuse('verifiedValue', `核定值有误：${checked.message}`);
      }
      return { kind: 'verification', verifiedValue: value ?? null, completion: input.completion };
    }
    case 'count': {
      const wrong = onlyFields(input, ['occurrences']);
      if (wrong) return wrong;
      if (input.occurrences === undefined) return refuse('occurrences', '请填写核定的发生次数');
      return { kind: 'verification', verifiedValue: input.occurrences, occurrences: input.occurrences };
    }
    default: {
      const wrong = onlyFields(input, ['verifiedValue']);
      if (wrong) return wrong;
      if (input.verifiedValue === undefined) return refuse('verifiedValue', '请填写核定值');
      const checked = parseValue(input.verifiedValue, leaf.measure);
      if (!checked.ok) return refuse('verifiedValue', `核定值有误：${checked.message}`);
      const value =
        leaf.measure === 'boolean' || leaf.measure === 'date'
          ? input.verifiedValue
          : Number(input.verifiedValue);
      return { kind: 'verification', verifiedValue: value };
    }
  }
};

/** The engine's fact for the stored fields (a rating is scored on this rater's mark alone). */
export const factOf = (fields: ScoredFields, raterId: string) =>
  fields.kind === 'rating'
    ? {
        verified: true,
        ratings: [
          {
            raterId,
            ...(fields.pointsCents !== undefined ? { points: formatPoints(fields.pointsCents) } : {}),
            ...(fields.band ? { band: fields.band } : {}),
          },
        ],
      }
    : {
        verified: true,
        verifiedValue: fields.verifiedValue,
        ...(fields.completion ? { completion: fields.completion } : {}),
        ...(fields.occurrences !== undefined ? { occurrences: fields.occurrences } : {}),
      };

/** Scores stored fields with the engine, adding the formatted score. */
export const computeScore = (
  leaf: Leaf,
  fields: ScoredFields,
  raterId: string,
): PeriodScore & { score: string } => {
  const computed = scoreLeafPeriod(leaf, factOf(fields, raterId));
  return { ...computed, score: formatPoints(computed.scoreCents) };
};

/**
 * Checks a score write against its leaf and scores it. Anything below full points needs a comment
 * (`body.comment`): the unit is owed the reason it lost points.
 */
export const readScore = (leaf: Leaf, input: ScoreInput, raterId: string): ScoreReading => {
  const fields = readFields(leaf, input);
  if ('ok' in fields) return fields;
  let computed: PeriodScore & { score: string };
  try {
    computed = computeScore(leaf, fields, raterId);
  } catch (error) {
    if (error instanceof InvalidScenarioError) {
      return refuse(
        fields.kind === 'rating' ? 'points' : 'verifiedValue',
        error.problems[0]?.message ?? error.message,
      );
    }
    throw error;
  }
  if (computed.scoreCents < wCentsOf(leaf) && input.comment.trim() === '') {
    return refuse(
      'comment',
      `得分 ${computed.score} 低于满分 ${formatPoints(wCentsOf(leaf))}，请写明扣分理由`,
    );
  }
  return { ok: true, fields, computed };
};

/** A rating's mark in cents (a band as its share of W), for spread alerts. */
export const ratingCents = (
  leaf: Leaf,
  rating: { pointsCents?: number; band?: Band },
): number | undefined => {
  if (rating.pointsCents !== undefined) return rating.pointsCents;
  if (!rating.band || leaf.rule.type !== 'rating') return undefined;
  const percent = leaf.rule.bands?.[rating.band] ?? DEFAULT_BANDS[rating.band];
  return Math.round((wCentsOf(leaf) * percent) / 100);
};
