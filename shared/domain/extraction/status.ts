/**
 * Whether a figure states what was done, what is planned or required, an approximation, or a change.
 * Only what was done is ever proposed: a wrong value is worse than no value.
 */
import type { CandidateStatus } from './types';

/** Before the figure in its clause: a plan or requirement (主要, 重要, 需要 are not 要; 将近 is not 将). */
const PLANNED_BEFORE =
  /确保|力争|争取(?!到|了)|力求|努力|计划(?!免疫|生育)|预计|拟|要求|目标(?!人群)|必须|应当|应该|控制在|不低于|不少于|不高于|不超过|(?<![主重需只纪摘提概简])要(?![点素])|将(?!近)/u;
/** Right after the figure: a bound (以上) or the target it names (…90%的目标, 85%的工作任务). */
const PLANNED_AFTER = /^\s*(?:以上|以下|以内|之内|(?:以上|以下)?的?(?:工作)?(?:目标|任务|要求))/u;
/** Earlier in the sentence: the sentence speaks of what comes next. */
const PLANNED_SENTENCE = /下一步|下步|明年|来年|今后|下半年/u;
const APPROXIMATE_BEFORE = /(?:约|近|大约|将近|超过|逾|接近|达?近)\s*$/u;
const APPROXIMATE_AFTER = /^\s*(?:左右|上下|许)/u;
/** Between the name and the figure: a change, not a level (提高到95% is a level). */
const CHANGE =
  /(?:上升|下降|增长|增加|减少|降低|提高|提升|增幅|降幅|同比|环比|比去年|较去年|较上年|比上年)(?!到|至|为)/u;

export interface StatusContext {
  /** The clause's text before the figure. */
  before: string;
  /** The clause's text after the figure. */
  after: string;
  /** The sentence's text before the figure. */
  sentenceBefore: string;
  /** The text between the indicator's term and the figure. */
  gap: string;
  approximate: boolean;
  range: boolean;
  underPlanHeading: boolean;
}

export const statusOf = (c: StatusContext): CandidateStatus => {
  if (
    c.underPlanHeading ||
    PLANNED_BEFORE.test(c.before) ||
    PLANNED_AFTER.test(c.after) ||
    PLANNED_SENTENCE.test(c.sentenceBefore)
  )
    return 'planned';
  if (c.range || c.approximate || APPROXIMATE_BEFORE.test(c.before) || APPROXIMATE_AFTER.test(c.after))
    return 'approximate';
  if (CHANGE.test(c.gap)) return 'change';
  return 'achieved';
};
