/** What each forward move of the year is called on its button and what the dialog says it does. */
import type { Year, YearState } from '../api';

interface TransitionCopy {
  /** The button and confirm label, e.g. 进入集中评分. */
  action: string;
  /** What happens, for the confirmation dialog. */
  effect: (year: Year) => string;
}

export const TRANSITION_COPY = {
  in_progress: {
    action: '开始考核',
    effect: () =>
      '各单位将按季度上报窗口提交材料，考核组开始核定。年度设置（权重、加分上限、窗口）此后应保持不变。',
  },
  scoring: {
    action: '进入集中评分',
    effect: () => '考核组成员开始集中核定数值、给出评分；检查组的扣分与整改结论计入评分。',
  },
  publicity: {
    action: '进入结果公示',
    effect: (year) =>
      `将在后台计算全年考核结果，生成第 1 版公示结果并公示 ${year.publicityDays} 天（进度显示在本页，刷新不影响）；公示期内单位负责人可对具体指标得分提出申诉。`,
  },
  published: {
    action: '发布最终结果',
    effect: () => '最终结果将冻结为不可修改的版本，并发布到考核排名公示页面。',
  },
} as const satisfies Record<Exclude<YearState, 'setup'>, TransitionCopy>;
