/**
 * Reads one recorded fact for one leaf period into what that leaf's rule needs. Only verified values
 * count (formula rules); a fact nobody verified yet is kept as "unverified" so the UI can say why it
 * scores 0. Ratings are the raters' own marks, so they count without a separate verification.
 */
import type { CompletionStatus, Fact, Rating, Value } from '../../schemas/scenario';
import { formatPoints, POINT_PLACES, scaledOf, VALUE_SCALE } from './decimal';
import { isMarkAllowed, markRuleText } from './mark-grid';
import { formatValue, scaledValueOf } from './measures';
import type { Problem } from './problems';
import type { CompiledLeaf, Mark, PeriodInput } from './types';

/** The part of a fact that is about its value (not which unit, indicator and period it belongs to). */
export type FactValues = Omit<Fact, 'unitId' | 'code' | 'period' | 'verified'> & { verified?: boolean };

/** Where the fact sits: its path, or its position in the scenario's `facts` (the path is built on demand). */
export type FactPath = string | number;

const pathAt = (where: FactPath, suffix: string): string =>
  typeof where === 'number' ? `facts[${where}]${suffix}` : `${where}${suffix}`;

const COMPLETION = new Set<unknown>(['on_time', 'late', 'not_done']);
const MISSING: PeriodInput = { kind: 'missing' };

const present = (value: Value | null | undefined): value is Value => value !== undefined && value !== null;

const unverified = (leaf: CompiledLeaf, fact: FactValues): PeriodInput => {
  const reported = fact.reportedValue;
  if (present(reported)) {
    const value = scaledValueOf(reported, leaf.measure);
    return {
      kind: 'unverified',
      reported: typeof value === 'number' ? formatValue(value, leaf.measure) : String(reported),
    };
  }
  const anything =
    present(fact.verifiedValue) || fact.completion !== undefined || fact.occurrences !== undefined;
  return anything ? { kind: 'unverified', reported: null } : MISSING;
};

const readMarks = (
  leaf: CompiledLeaf,
  scale: 'points' | 'bands',
  ratings: readonly Rating[],
  where: FactPath,
  problems: Problem[],
) => {
  const marks: Mark[] = [];
  const problem = (i: number, field: string, message: string) =>
    problems.push({
      path: pathAt(where, `.ratings[${i}]${field}`),
      message: `指标 ${leaf.code}：${message}`,
    });
  for (let i = 0; i < ratings.length; i++) {
    const rating = ratings[i] as Rating;
    if (ratings.findIndex((other) => other.raterId === rating.raterId) < i) {
      problem(i, '.raterId', `评分人 ${rating.raterId} 重复评分`);
      continue;
    }
    if (scale === 'bands') {
      if (rating.band === undefined || rating.points !== undefined || leaf.rule.type !== 'rating') {
        problem(i, '', '该指标按等级（优/良/中/差）评价，须给出等级');
        continue;
      }
      marks.push(leaf.rule.bands[rating.band]);
      continue;
    }
    const points = rating.points === undefined ? 'format' : scaledOf(rating.points, POINT_PLACES);
    // Raters mark in steps of 0.1 within [0, W], or exactly W (full marks on a leaf worth 2.75).
    if (rating.band !== undefined || typeof points === 'string' || !isMarkAllowed(points, leaf.wCents)) {
      problem(i, '.points', `${markRuleText(leaf.wCents)}（实际为 ${rating.points ?? rating.band ?? '无'}）`);
      continue;
    }
    marks.push(points);
  }
  return marks;
};

/**
 * The figure of the last completed review stage (docs/review-stages.md): points in [0, W] on the
 * 0.01 grid, which replace what the rule would give.
 */
const readStaged = (
  leaf: CompiledLeaf,
  staged: NonNullable<FactValues['staged']>,
  where: FactPath,
  problems: Problem[],
): PeriodInput => {
  const cents = scaledOf(staged.points, POINT_PLACES);
  if (typeof cents === 'string' || cents < 0 || cents > leaf.wCents) {
    problems.push({
      path: pathAt(where, '.staged.points'),
      message: `指标 ${leaf.code}：${staged.stage}得分须为 0–${leaf.wText} 分（实际为 ${String(staged.points)}）`,
    });
    return MISSING;
  }
  const reason = staged.reason ? `（${staged.reason}）` : '';
  return { kind: 'staged', cents, explanation: `${staged.stage} ${formatPoints(cents)}${reason}` };
};

/** Reads a fact for `leaf`; problems with its values are appended to `problems` under `where`. */
export const readFact = (
  leaf: CompiledLeaf,
  fact: FactValues,
  where: FactPath,
  problems: Problem[],
): PeriodInput => {
  if (fact.staged) return readStaged(leaf, fact.staged, where, problems);
  const rule = leaf.rule;
  switch (rule.type) {
    case 'rating': {
      const marks = readMarks(leaf, rule.scale, fact.ratings ?? [], where, problems);
      return marks.length === 0 ? MISSING : { kind: 'ratings', marks };
    }
    case 'deduction':
      // Deduction leaves are scored from approved deductions, not from facts.
      return MISSING;
    case 'completion': {
      const status = fact.completion ?? fact.verifiedValue;
      if (present(status) && !COMPLETION.has(status)) {
        problems.push({
          path: pathAt(where, '.completion'),
          message: `指标 ${leaf.code}：完成情况须为 on_time、late 或 not_done`,
        });
        return MISSING;
      }
      if (!fact.verified) return unverified(leaf, fact);
      return present(status) ? { kind: 'completion', status: status as CompletionStatus } : MISSING;
    }
    case 'count': {
      if (!fact.verified) return unverified(leaf, fact);
      const raw = fact.occurrences ?? fact.verifiedValue;
      if (!present(raw)) return MISSING;
      const value = scaledValueOf(raw, 'count');
      if (typeof value === 'string') {
        const field = fact.occurrences === undefined ? '.verifiedValue' : '.occurrences';
        problems.push({
          path: pathAt(where, field),
          message: `指标 ${leaf.code}：发生次数 ${String(raw)} ${value}`,
        });
        return MISSING;
      }
      return value / VALUE_SCALE;
    }
    default: {
      if (!fact.verified) return unverified(leaf, fact);
      if (!present(fact.verifiedValue)) return MISSING;
      const value = scaledValueOf(fact.verifiedValue, leaf.measure);
      if (typeof value === 'string') {
        const raw = String(fact.verifiedValue);
        problems.push({
          path: pathAt(where, '.verifiedValue'),
          message: `指标 ${leaf.code}：核定值 ${raw} ${value}`,
        });
        return MISSING;
      }
      return value;
    }
  }
};
