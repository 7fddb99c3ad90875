/**
 * Demo inspections (明查暗访): the year's checklist, approved inspections that account for the
 * approved deductions of demo-facts.ts (same units, dates, leaves and points; the deduction records
 * keep their ids there), one inspection awaiting approval, one open (overdue) rectification and a
 * Q4 satisfaction survey. Bonuses and the proposed veto stay in demo-facts.ts.
 */

import { listAgreements } from '../../shared/db/agreement-repo';
import type { Db } from '../../shared/db/client';
import { factItems } from '../../shared/db/facts-repo';
import { putIfAbsent } from '../../shared/db/items';
import {
  checklistItemKey,
  inspectionIndexes,
  inspectionKey,
  rectificationIndexes,
  rectificationKey,
  surveyIndexes,
  surveyKey,
} from '../../shared/db/keys';
import { satisfactionRate } from '../../shared/domain/inspections/survey';
import type { ChecklistItemInput, Finding, Inspection, Rectification } from '../../shared/schemas/inspection';
import { unitNoise } from './demo-facts';

/** The checklist of 行风建设责任状 and 党风廉政建设 items a county bureau inspects against. */
export const DEMO_CHECKLIST: ChecklistItemInput[] = [
  { code: 'LZ-01', text: '“三重一大”事项未经集体决策', points: 3, leafCode: '3.1', veto: false },
  { code: 'LZ-02', text: '违规收费、私设收费项目', points: 2, leafCode: '3.1', veto: false },
  {
    code: 'LZ-03',
    text: '收受药品耗材回扣',
    points: 0,
    leafCode: '3.1',
    veto: true,
    vetoCategory: '违纪违法案件',
  },
  { code: 'XF-01', text: '违规收费', points: 2, leafCode: '3.2', veto: false },
  { code: 'XF-02', text: '未落实首问负责制', points: 1, leafCode: '3.2', veto: false },
  { code: 'XF-03', text: '服务态度生硬，群众投诉', points: 1, leafCode: '3.2', veto: false },
  { code: 'XF-04', text: '收受红包', points: 2, leafCode: '3.2', veto: false },
  { code: 'XF-05', text: '工作时间脱岗、串岗', points: 0.5, leafCode: '3.2', veto: false },
];

const byCode = new Map(DEMO_CHECKLIST.map((i) => [i.code, i]));

const finding = (n: number, code: string, note: string, rectifyBy?: string): Finding => {
  const item = byCode.get(code);
  if (!item) throw new Error(`no checklist item ${code}`);
  return {
    n,
    itemCode: code,
    itemText: item.text,
    leafCode: item.leafCode,
    pointsCents: Math.round(item.points * 100),
    veto: item.veto,
    note,
    ...(rectifyBy ? { rectifyBy } : {}),
  };
};

/** This year's inspections; the approved ones match demo-facts' deductions one for one. */
const demoInspections = (year: number): Inspection[] => {
  const approved = (at: string) => ({
    state: 'approved' as const,
    decidedBy: 'admin',
    decidedAt: `${at}T16:00:00+08:00`,
    version: 2,
  });
  return [
    {
      id: `ins-${year}0512-luoyang`,
      year,
      unitId: 'luoyang-thc',
      kind: '明查',
      date: `${year}-05-12`,
      team: ['inspector-jijian', 'inspector-xingfeng'],
      findings: [
        finding(1, 'LZ-02', '住院部加收“陪护床位费”未经物价部门核准'),
        finding(2, 'XF-02', '门诊导医台无人值守，患者询问无人接待'),
      ],
      summary: '对照行风建设责任状逐项检查，现场查阅收费台账，随机询问患者 12 人。',
      recordedBy: 'inspector-jijian',
      recordedAt: `${year}-05-12T17:30:00+08:00`,
      ...approved(`${year}-05-14`),
    },
    {
      id: `ins-${year}0603-hesha`,
      year,
      unitId: 'hesha-thc',
      kind: '暗访',
      date: `${year}-06-03`,
      team: ['inspector-xingfeng'],
      findings: [finding(1, 'XF-03', '收费窗口工作人员对老年患者态度生硬，群众投诉', `${year}-07-15`)],
      summary: '暗访组以患者身份就诊，全程记录服务流程。',
      recordedBy: 'inspector-xingfeng',
      recordedAt: `${year}-06-03T18:00:00+08:00`,
      ...approved(`${year}-06-05`),
    },
    {
      id: `ins-${year}0819-county`,
      year,
      unitId: 'county-hospital',
      kind: '专项检查',
      date: `${year}-08-19`,
      team: ['inspector-jijian', 'inspector-both'],
      findings: [finding(1, 'XF-01', '门诊乱收费：重复收取一次性材料费')],
      summary: '医疗服务价格专项检查，抽查门诊收费处方 200 张。',
      recordedBy: 'inspector-jijian',
      recordedAt: `${year}-08-19T17:00:00+08:00`,
      ...approved(`${year}-08-21`),
    },
    {
      id: `ins-${year}1110-caohe`,
      year,
      unitId: 'caohe-thc',
      kind: '暗访',
      date: `${year}-11-10`,
      team: ['inspector-xingfeng'],
      findings: [finding(1, 'XF-05', '上午 10 时药房无人值守 20 分钟', `${year}-12-10`)],
      summary: '民主评议行风暗访。',
      state: 'submitted',
      recordedBy: 'inspector-xingfeng',
      recordedAt: `${year}-11-10T17:00:00+08:00`,
      version: 1,
    },
  ];
};

/** The open rectification of the hesha inspection: due in July, so the admin sees it overdue. */
const demoRectification = (year: number): Rectification => ({
  id: `ins-${year}0603-hesha-1`,
  year,
  unitId: 'hesha-thc',
  inspectionId: `ins-${year}0603-hesha`,
  n: 1,
  itemText: '服务态度生硬，群众投诉',
  note: '收费窗口工作人员对老年患者态度生硬，群众投诉',
  dueDate: `${year}-07-15`,
  state: 'open',
  team: ['inspector-xingfeng'],
  history: [{ action: 'opened', by: 'admin', at: `${year}-06-05T16:00:00+08:00`, note: '' }],
  version: 1,
});

/** Seeds the checklist (always) and, with the scored history, the inspections and the survey. */
export const seedDemoInspections = async (
  db: Db,
  year: number,
  options: { history?: boolean } = {},
): Promise<boolean[]> => {
  const writes: Promise<boolean>[] = DEMO_CHECKLIST.map((item) =>
    putIfAbsent(db, { ...checklistItemKey(year, item.code), entity: 'checklistItem', ...item }),
  );
  if (options.history) {
    for (const i of demoInspections(year)) {
      writes.push(
        putIfAbsent(db, {
          ...inspectionKey(year, i.unitId, i.id),
          ...inspectionIndexes(year, i.recordedBy, i.date, i.id),
          entity: 'inspection',
          ...i,
        }),
      );
    }
    const r = demoRectification(year);
    writes.push(
      putIfAbsent(db, {
        ...rectificationKey(year, r.unitId, r.inspectionId, r.n),
        ...rectificationIndexes(year, r.state, r.dueDate, r.unitId),
        entity: 'rectification',
        ...r,
      }),
    );
    // The third-party satisfaction survey of Q4 (群众满意率 3.3), as the import writes it.
    const at = `${year}-11-20T10:00:00+08:00`;
    for (const agreement of await listAgreements(db, year)) {
      if (!agreement.dimensions.some((d) => d.leaves.some((l) => l.code === '3.3'))) continue;
      const respondents = 200 + Math.floor(unitNoise(`${year}|${agreement.unitId}|survey-n`) * 200);
      const satisfied = Math.floor(
        respondents * (0.86 + 0.13 * unitNoise(`${year}|${agreement.unitId}|survey`)),
      );
      const rate = satisfactionRate(satisfied, respondents);
      const common = { unitId: agreement.unitId, period: 'Q4' as const, code: '3.3' };
      writes.push(
        putIfAbsent(db, {
          ...surveyKey(year, agreement.unitId, 'Q4', '3.3'),
          ...surveyIndexes(year, agreement.unitId, 'Q4', '3.3'),
          entity: 'survey',
          ...common,
          respondents,
          satisfied,
          rate,
          enteredBy: 'admin',
          at,
        }),
        putIfAbsent(
          db,
          factItems.verification(year, {
            ...common,
            verifiedValue: rate,
            raterId: 'admin',
            comment: `满意度测评：调查 ${respondents} 人，满意 ${satisfied} 人`,
            at,
            version: 1,
          }),
        ),
      );
    }
  }
  return Promise.all(writes);
};
