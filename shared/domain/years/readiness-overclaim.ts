/**
 * A warning before publicity: units whose self-assessment (自评) exceeds the confirmed figures
 * (审定) on several items and by a large total, i.e. a systematic overclaim the committee should
 * know of before the results go public (docs/review-stages.md).
 */
import { OVERCLAIM_MIN_CENTS, OVERCLAIM_MIN_ITEMS } from '../review-stages/distance';
import { formatPoints } from '../scoring';
import { type Checks, names } from './readiness-kit';

/** Units overclaiming systematically, as `systematicOverclaims` finds them (absent: not loaded). */
export interface OverclaimFacts {
  overclaims?: { unitId: string; unitName: string; overclaimed: number; distanceCents: number }[];
}

export const checkOverclaim = (f: OverclaimFacts & { year: { year: number } }, c: Checks) => {
  const units = f.overclaims ?? [];
  c.check('warning', 'SELF_OVERCLAIM', units.length, '没有系统性自评偏高的单位', () => ({
    message: `${units.length} 个单位自评明显高于审定结果（至少 ${OVERCLAIM_MIN_ITEMS} 项、合计高出 ${formatPoints(
      OVERCLAIM_MIN_CENTS,
    )} 分以上）：${names(units.map((u) => `${u.unitName}（${u.overclaimed} 项，高 ${formatPoints(u.distanceCents)} 分）`))}`,
    targets: [{ label: '自评与审定差距', href: `/reviews/distance?year=${f.year.year}` }],
  }));
};
