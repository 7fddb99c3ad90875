/** Wording shared by the explanations: number formats and the default rule texts. */
import type { Measure } from '../../schemas/scenario';
import { formatScaled, POINT_PLACES } from './decimal';
import { formatValueNumber } from './measures';
import type { CompiledLeaf } from './types';

/** Points as an operand in a formula: trailing zeros dropped ('15', '1.5'). */
export const formatOperand = (cents: number): string => formatScaled(cents, POINT_PLACES);

/** The word for one step of a measure in "每低于目标 1 个百分点". */
const stepUnit = (measure: Measure): string =>
  measure === 'rate' ? ' 个百分点' : measure === 'date' ? ' 天' : ' ';

/** Generated rule text for a leaf whose agreement gives none, in the words of the agreements. */
export const defaultRuleText = (leaf: Omit<CompiledLeaf, 'ruleText'>): string => {
  const { rule, measure } = leaf;
  const higher = leaf.direction === 'higher';
  const percent = measure === 'rate' ? '%' : '';
  switch (rule.type) {
    case 'threshold':
      return `达标得满分，未达标不得分（目标值 ${higher ? '≥' : '≤'} ${rule.targetText}${percent}）`;
    case 'linear': {
      const t = `${rule.targetText}${percent}`;
      const f = `${rule.floorText}${percent}`;
      return higher
        ? `按完成比例计分：达到 ${t} 得满分，${f} 及以下不得分，其间按比例计分`
        : `按完成比例计分：不高于 ${t} 得满分，${f} 及以上不得分，其间按比例计分`;
    }
    case 'step': {
      const s = `${rule.sText}${stepUnit(measure)}`;
      const ceil = rule.mode === 'ceil' ? `（不足 ${s}按 ${s}计）` : '';
      const t = `${rule.targetText}${percent}`;
      return `目标值 ${t}，每${higher ? '低于' : '高于'}目标 ${s}扣 ${rule.pText} 分${ceil}，扣完为止`;
    }
    case 'count':
      return `每发生一次扣 ${rule.pText} 分，扣完为止`;
    case 'completion':
      return `按期完成得满分，逾期完成得 ${formatValueNumber(rule.lateFactor * 100)}%，未完成不得分`;
    case 'rating': {
      const { 优: a, 良: b, 中: c, 差: d } = rule.bands;
      return rule.scale === 'bands'
        ? `定性评价：优、良、中、差分别得分值的 ${a}%、${b}%、${c}%、${d}%，取平均；5 人及以上去掉一个最高和一个最低`
        : `定性评价：评分人在 0–${leaf.wText} 分内打分，取平均分；5 人及以上去掉一个最高分和一个最低分`;
    }
    case 'deduction':
      return '扣分制：按检查核定的扣分扣减，扣完为止';
  }
};
