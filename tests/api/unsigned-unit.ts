/**
 * A unit that joined this year (新湖镇卫生院, with a head account) whose agreement is issued and not
 * yet signed: what 提醒签订 and the progress view's 未签订责任书的单位 are about.
 */
import { generateCategoryAgreements, issueCategoryAgreements } from '../../shared/db/agreement-repo';
import type { Db } from '../../shared/db/client';
import { seedUnit, seedUser } from '../../shared/db/org-repo';

export const newUnit = (id: string, name: string) => ({
  id,
  name,
  categoryId: 'primary-care',
  head: '赵新',
  contacts: [{ name: '赵新', phone: '0531-8523099' }],
});

/** Seeds xinhu-thc and its head, then generates and issues the primary-care agreements of `year`. */
export const seedUnsignedUnit = async (db: Db, year: number, at: Date) => {
  await seedUnit(db, newUnit('xinhu-thc', '新湖镇卫生院'));
  await seedUser(db, {
    id: 'xinhu-thc-head',
    name: '赵新',
    title: '新湖镇卫生院负责人',
    roles: ['unit_head'],
    unitId: 'xinhu-thc',
    affiliatedUnitIds: ['xinhu-thc'],
  });
  const actor = { userId: 'admin', name: '王建华' };
  await generateCategoryAgreements(db, { year, categoryId: 'primary-care', actor, at });
  await issueCategoryAgreements(db, { year, categoryId: 'primary-care', actor, at });
};
