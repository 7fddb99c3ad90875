/**
 * Who acts at which review stage (docs/review-stages.md). POLICY lets admins and raters call the
 * stage routes (`reviews.decide`); this narrows each stage to its assignees:
 * - 初审 (first): the members of the office (科室) assigned to the indicator. Office membership is
 *   an attribute of existing users (`ReviewOffice.memberIds`), not a new role: the office's staff
 *   hold the rater role and the office item names who acts for which indicator.
 * - 复审 (second): the committee raters assigned to that unit's indicator in the period.
 * - 审定 (final): the admin.
 * The admin may act at every stage. 回避 as for raters: nobody affiliated with the unit acts on it.
 */
import type { Db } from '../db/client';
import { getUser } from '../db/org-repo';
import { getReviewOffice, listReviewOffices } from '../db/review-repo';
import { ForbiddenError } from '../errors';
import { REVIEW_STAGE_LABELS, type ReviewStage } from '../schemas/review-stages';
import type { Period } from '../schemas/year';
import { assertAssignedRater, assignedToUnit } from './assignments';
import type { Principal } from './roles';
import { isUnitMember, seesEveryUnit } from './visibility';

const RECUSAL = '您与该单位有关联，须回避，不能审核该单位';

/** The principal may act on this item at this stage; 403 otherwise (before anything is written). */
export const assertMayActAtStage = async (
  db: Db,
  principal: Principal,
  p: { year: number; unitId: string; period: Period; code: string; stage: ReviewStage },
): Promise<void> => {
  if (principal.roles.includes('admin')) return;
  const label = REVIEW_STAGE_LABELS[p.stage];
  if (p.stage === 'final') throw new ForbiddenError(`${label}由考核办管理员进行`);
  if (p.stage === 'second') {
    await assertAssignedRater(db, principal, p);
    return;
  }
  const [office, user] = await Promise.all([
    getReviewOffice(db, p.year, p.code),
    getUser(db, principal.userId),
  ]);
  if (user?.affiliatedUnitIds.includes(p.unitId)) throw new ForbiddenError(RECUSAL);
  if (!office?.memberIds.includes(principal.userId))
    throw new ForbiddenError(`您不是该指标${label}科室的成员，不能${label}`);
};

/**
 * What the principal may act on in a period, as a predicate over (unit, code, stage): the admin
 * everything; an office member 初审 of their offices' indicators; an assigned rater 复审 of their
 * assignments; never a unit they are affiliated with.
 */
export const stageActor = async (db: Db, principal: Principal, year: number) => {
  if (principal.roles.includes('admin')) return () => true;
  const [offices, user] = await Promise.all([listReviewOffices(db, year), getUser(db, principal.userId)]);
  const mine = new Set(offices.filter((o) => o.memberIds.includes(principal.userId)).map((o) => o.code));
  const affiliated = new Set(user?.affiliatedUnitIds ?? []);
  return (
    item: { unitId: string; code: string },
    stage: ReviewStage,
    assigned: (unitId: string, code: string) => boolean,
  ) =>
    !affiliated.has(item.unitId) &&
    ((stage === 'first' && mine.has(item.code)) || (stage === 'second' && assigned(item.unitId, item.code)));
};

/**
 * Reads a unit's self-assessment and review chain: the bureau, the unit's members, raters and
 * inspectors assigned to it, and the office members of 初审 (not affiliated with it).
 */
export const assertMayReadReviews = async (db: Db, principal: Principal, year: number, unitId: string) => {
  if (seesEveryUnit(principal) || isUnitMember(principal, unitId)) return;
  if (await assignedToUnit(db, principal, year, unitId)) return;
  const [offices, user] = await Promise.all([listReviewOffices(db, year), getUser(db, principal.userId)]);
  const member = offices.some((o) => o.memberIds.includes(principal.userId));
  if (!member || user?.affiliatedUnitIds.includes(unitId)) throw new ForbiddenError('无权查看其他单位的数据');
};
