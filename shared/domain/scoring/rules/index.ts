/** One leaf period: from the parsed fact to a score, a status and an explanation. */
import type { CompiledLeaf, PeriodInput } from '../types';
import { scoreCompletion } from './completion';
import { scoreCount } from './count';
import { scoreLinear } from './linear';
import { scoreRating } from './rating';
import { flat, type PeriodScore, scored } from './result';
import { scoreStep } from './step';
import { scoreThreshold } from './threshold';

export { type DeductionItem, scoreDeduction } from './deduction';
export { flat, type PeriodScore, scored } from './result';

const NO_VALUE = '无核定值，得 0.00';
const MISSING: Readonly<Record<CompiledLeaf['rule']['type'], string>> = {
  threshold: NO_VALUE,
  linear: NO_VALUE,
  step: NO_VALUE,
  count: '无核定的发生次数，得 0.00',
  completion: '无核定的完成情况，得 0.00',
  rating: '无评分，得 0.00',
  deduction: NO_VALUE,
};

const mismatch = (leaf: CompiledLeaf, kind: string): Error =>
  new Error(`internal: ${leaf.rule.type} leaf ${leaf.code} was given a ${kind} input`);

/**
 * Scores one period of one leaf. A missing fact or one no rater has verified scores 0 and says so:
 * only verified values count toward results.
 */
export const scorePeriodInput = (leaf: CompiledLeaf, input: PeriodInput | undefined): PeriodScore => {
  const rule = leaf.rule;
  if (typeof input === 'number') {
    if (rule.type === 'threshold') return scoreThreshold(leaf, rule, input);
    if (rule.type === 'linear') return scoreLinear(leaf, rule, input);
    if (rule.type === 'step') return scoreStep(leaf, rule, input);
    if (rule.type === 'count') return scoreCount(leaf, rule, input);
    throw mismatch(leaf, 'value');
  }
  if (input === undefined || input.kind === 'missing') {
    return { scoreCents: 0, status: 'missing', explanation: MISSING[rule.type] };
  }
  switch (input.kind) {
    case 'unverified': {
      const reported = input.reported === null ? '已填报' : `填报值 ${input.reported}`;
      return {
        scoreCents: 0,
        status: 'unverified',
        explanation: flat(`${reported}，尚未核定，不计分，得 0.00`),
      };
    }
    case 'completion':
      if (rule.type !== 'completion') throw mismatch(leaf, input.kind);
      return scoreCompletion(leaf, rule.lateFactor, input.status);
    case 'ratings':
      if (rule.type !== 'rating') throw mismatch(leaf, input.kind);
      return scoreRating(leaf, input.marks);
    case 'staged':
      return scored(input.cents, input.explanation);
  }
};
