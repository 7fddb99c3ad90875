/** What each page still to be built will hold, told to the user in their words. */
import type { PageId } from '../navigation';

export interface PlaceholderCopy {
  lead: string;
  items: string[];
}

export const PLACEHOLDERS = {
  agreements: {
    lead: '这里将列出各单位的目标责任书。',
    items: [
      '按单位类别的指标模板生成责任书，可逐单位调整目标值',
      '考核办下达后，由单位负责人在线签订，签订后锁定',
      '之后的调整以补充协议形式留痕，历次版本均可查阅',
    ],
  },
  submissions: {
    lead: '这里将用于季度材料上报。',
    items: [
      '在季度上报窗口内按指标填写累计数值、情况说明并上传佐证材料',
      '单位负责人审核后提交；被退回补充的材料可修改后再次提交',
      '窗口关闭后不再接受提交，除非考核办批准延期',
    ],
  },
  scoring: {
    lead: '这里将是考核组成员的评分工作台。',
    items: [
      '核定各单位上报的数值，材料不全时退回补充并说明原因',
      '为定性指标评分（分值或优良中差）',
      '与本人所在单位有关的评分自动回避',
    ],
  },
  inspections: {
    lead: '这里将记录明查暗访等检查情况。',
    items: ['登记检查发现的问题与扣分', '下达整改要求并跟踪整改复查', '扣分经审核后计入相应指标得分'],
  },
  results: {
    lead: '这里将显示考核结果。',
    items: [
      '各类别单位的排名、等次和得分构成（基础分、加分、减分）',
      '结果公示期内，单位负责人可对具体指标得分提出申诉',
      '最终结果发布后形成不可修改的版本',
    ],
  },
  notifications: {
    lead: '这里将汇集与您有关的通知。',
    items: ['上报窗口开放与截止提醒', '材料退回补充、延期批准', '责任书下达、结果公示与申诉处理结果'],
  },
} as const satisfies Partial<Record<PageId, PlaceholderCopy>>;

export type PlaceholderPageId = keyof typeof PLACEHOLDERS;
