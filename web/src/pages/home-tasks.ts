/** The "what to do now" cards of the home page, by role and by where the year stands. */
import type { Role } from '../../../shared/auth/roles';
import type { Year } from '../api';
import { focusWindow, formatDateTime, windowStatus } from '../format';
import { PERIOD_LABELS, ROLE_ORDER } from '../labels';
import { canSee, type PageId } from '../navigation';

export interface Task {
  page: PageId;
  title: string;
  text: string;
}

const windowText = (year: Year | undefined, now: Date): string => {
  const window = year && focusWindow(year.periods, now);
  if (!window) return '本年度季度上报窗口均已结束。';
  const period = PERIOD_LABELS[window.period];
  return windowStatus(window, now) === 'open'
    ? `${period}上报窗口正在开放，截止 ${formatDateTime(window.closesAt)}。`
    : `${period}上报窗口将于 ${formatDateTime(window.opensAt)} 开放。`;
};

const YEAR_NEXT_STEP: Record<Year['state'], string> = {
  setup: '完成单位、指标模板和季度窗口设置后，开始本年度考核。',
  in_progress: '考核进行中：跟踪各单位季度上报；年终进入集中评分。',
  scoring: '集中评分进行中：评分完成后进入结果公示。',
  publicity: '结果公示中：处理申诉，公示期满后发布最终结果。',
  published: '本年度考核结果已发布。',
};

const tasksOf = (role: Role, year: Year | undefined, now: Date): Task[] => {
  const state = year?.state;
  switch (role) {
    case 'admin':
      return [
        { page: 'year', title: '推进考核年度', text: state ? YEAR_NEXT_STEP[state] : '尚未设置考核年度。' },
        { page: 'units', title: '维护参评单位', text: '新增或修改参加考核的单位、类别和联系人。' },
        { page: 'agreements', title: '目标责任书', text: '生成、下达各单位目标责任书，跟踪签订情况。' },
      ];
    case 'reporter':
      return [
        { page: 'submissions', title: '季度材料上报', text: windowText(year, now) },
        { page: 'agreements', title: '查看目标责任书', text: '本单位的考核指标、目标值和材料要求。' },
        { page: 'notifications', title: '消息通知', text: '退回补充、延期批准等与本单位有关的通知。' },
      ];
    case 'unit_head':
      return [
        ...(state === 'publicity'
          ? [{ page: 'results' as const, title: '结果公示', text: '公示期内可对具体指标得分提出申诉。' }]
          : []),
        { page: 'agreements', title: '目标责任书', text: '本单位的考核指标、目标值和签订记录。' },
        {
          page: 'submissions',
          title: '季度材料提交',
          text: `审核后提交本单位季度材料。${windowText(year, now)}`,
        },
      ];
    case 'rater':
      return [
        {
          page: 'scoring',
          title: '考核评分',
          text:
            state === 'scoring'
              ? '集中评分进行中：核定数值，给定性指标评分。'
              : '核定各单位上报的数值，材料不全时退回补充。',
        },
        { page: 'agreements', title: '查看目标责任书', text: '所负责指标在各单位的目标值。' },
      ];
    case 'inspector':
      return [{ page: 'inspections', title: '检查记录', text: '记录明查暗访发现的问题、扣分与整改复查。' }];
    case 'leader':
      return [
        { page: 'results', title: '考核结果', text: '各类别单位的排名、等次和得分构成。' },
        { page: 'year', title: '考核进展', text: state ? YEAR_NEXT_STEP[state] : '尚未设置考核年度。' },
      ];
  }
};

/** Cards for every role the user holds, one per page, only pages the user can open. */
export const tasksFor = (roles: readonly Role[], year: Year | undefined, now: Date): Task[] => {
  const seen = new Set<PageId>();
  return ROLE_ORDER.filter((r) => roles.includes(r))
    .flatMap((r) => tasksOf(r, year, now))
    .filter((task) => {
      if (seen.has(task.page) || !canSee(roles, task.page)) return false;
      seen.add(task.page);
      return true;
    });
};
