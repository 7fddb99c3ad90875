/** The checks of 发布结果: the publicity days over, every objection decided and every upheld one answered. */
import { publicityClosesAt, shanghaiTime } from '../results/publicity';
import { type Checks, names, need, type ReadinessFacts } from './readiness-kit';

export const checkPublication = (f: ReadinessFacts, c: Checks) => {
  const y = f.year.year;
  const closes = publicityClosesAt(f.year);
  const open = closes === null || f.now < closes;
  c.check('blocker', 'PUBLICITY_OPEN', open ? 1 : 0, `${f.year.publicityDays} 天公示期已满`, () => ({
    message: closes
      ? `公示期（${f.year.publicityDays} 天）尚未结束，${shanghaiTime(closes)} 后才能发布`
      : '结果尚未公示',
    targets: [{ label: '公示结果', href: `/results?year=${y}` }],
  }));
  const objections = need(f.objections, 'objections');
  const undecided = objections.filter((o) => o.state === 'open');
  c.check('blocker', 'OBJECTIONS_OPEN', undecided.length, '申诉均已处理', () => ({
    message: `${undecided.length} 件申诉尚未处理：${names(undecided.map((o) => `${o.unitName} ${o.leafName}`))}`,
    targets: [{ label: '申诉处理', href: `/objections?year=${y}&state=open` }],
  }));
  const unanswered = unansweredObjections(objections, need(f.drafts, 'drafts'));
  c.check('blocker', 'OBJECTIONS_UNANSWERED', unanswered.length, '成立的申诉均已重新计算', () => ({
    message: `${unanswered.length} 件成立的申诉尚未重新评分并生成新的公示版本：${names(
      unanswered.map((o) => `${o.unitName} ${o.leafName}`),
    )}`,
    targets: [
      { label: '待重新评分的申诉', href: `/objections?year=${y}&state=rescoring` },
      { label: '重新计算公示结果', href: `/results?year=${y}` },
    ],
  }));
};

/**
 * Upheld objections no draft version answers yet: an answer is a draft computed after the decision
 * (version 2 or later) that names the objection.
 */
export const unansweredObjections = <O extends { id: string; state: string; decidedAt?: string | undefined }>(
  objections: readonly O[],
  drafts: readonly { version: number; computedAt: string; objectionIds: string[] }[],
): O[] =>
  objections.filter(
    (o) =>
      o.state === 'upheld' &&
      !drafts.some(
        (d) =>
          d.version > 1 && d.objectionIds.includes(o.id) && (!o.decidedAt || d.computedAt >= o.decidedAt),
      ),
  );
