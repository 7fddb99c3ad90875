/**
 * Demo scoring facts: verified values and ratings by the committee for the quarters so far,
 * approved inspection deductions, bonus items, and vetoes. Values are deterministic per unit,
 * indicator and period (a hash, not Math.random), so seeding twice writes the same thing.
 */

import { listAgreements } from '../../shared/db/agreement-repo';
import type { Db } from '../../shared/db/client';
import { factItems } from '../../shared/db/facts-repo';
import { batchPut } from '../../shared/db/items';
import type { Agreement, AgreementLeaf } from '../../shared/schemas/agreement';
import type {
  AdjustmentRecord,
  DeductionRecord,
  RatingRecord,
  Verification,
  VetoRecord,
} from '../../shared/schemas/facts';
import type { Period } from '../../shared/schemas/year';
import { DEMO_USERS } from './demo-org';

/** A stable pseudo-random number in [0, 1) for a key (FNV-1a). */
export const unitNoise = (key: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 2 ** 32;
};

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** How well a unit does overall in a year (0.6–1): spreads the demo ranking out, as in a real county. */
const quality = (year: number, unitId: string) => 0.6 + 0.4 * unitNoise(`${year}|${unitId}|quality`);

/** The value a unit reports (and the committee verifies) for a leaf in a period. */
export const demoValue = (year: number, unitId: string, leaf: AgreementLeaf, period: Period) => {
  const q = quality(year, unitId);
  const r = unitNoise(`${year}|${unitId}|${leaf.code}|${period}`);
  const target =
    typeof leaf.target === 'number'
      ? leaf.target
      : typeof leaf.defaultTarget === 'number'
        ? leaf.defaultTarget
        : undefined;
  if (leaf.measure === 'boolean') return r < 0.8 + 0.2 * q;
  if (leaf.measure === 'count' || leaf.rule.type === 'count') return Math.floor((1 - q) * 3 * r * 1.6);
  if (target === undefined) return null;
  const lowerBetter = leaf.direction === 'lower';
  const spread = leaf.measure === 'rate' ? 14 : Math.max(1, Math.abs(target) * 0.25);
  const shortfall = (1 - q) * spread * (0.5 + r) - spread * 0.2;
  const value = lowerBetter ? target + shortfall : target - shortfall;
  return leaf.measure === 'rate' ? clamp(round(value, 2), 0, 100) : round(Math.max(0, value), 1);
};

const RATERS = [
  'rater-yizheng',
  'rater-jikong',
  'rater-jiceng',
  'rater-fuyou',
  'rater-zhongyi',
  'rater-caiwu',
];
export const VERIFIER: Record<string, string> = {
  'county-medical': 'rater-yizheng',
  'public-health': 'rater-jikong',
  'primary-care': 'rater-jiceng',
};

/**
 * The demo's lenient rater (docs/rater-consistency.md): this year, on the townships' points-scale
 * ratings (综合管理), rater-jikong marks about a fifth of W above the other two raters, whose
 * marks this year sit lower (the townships' management is weaker). The consistency report flags
 * exactly this rater, and the readiness check of 进入结果公示 warns of it.
 */
export const LENIENT_RATER = { raterId: 'rater-jikong', categoryId: 'primary-care', percentOfW: 20 } as const;

/**
 * The demo's borderline unit (docs/rater-consistency.md): this year 仙桥街道社区卫生服务中心 misses the
 * 居民健康档案建档率 target (1.1, ≥ 80 %) in Q1–Q3, and its co-raters' 综合管理 (3.4) marks leave its
 * score rate so far just above the 良好 line with 郭敏's marks (80.17 %) and under it without them
 * (79.76 %, 合格): the report names this unit under the lenient rater's outcome sensitivity.
 */
export const BORDERLINE_UNIT = {
  unitId: 'xianqiao-chc',
  missed: { code: '1.1', value: 79.5 },
  /** The co-raters' 3.4 marks in Q1, Q2, Q3 (郭敏's own are the lenient ones above). */
  coMarks: { code: '3.4', marks: { 'rater-jiceng': [4.2, 4.7, 4.6], 'rater-yizheng': [4.6, 4.3, 4.6] } },
} as const;

const borderlineMark = (unitId: string, code: string, period: Period, raterId: string) => {
  const { coMarks } = BORDERLINE_UNIT;
  if (unitId !== BORDERLINE_UNIT.unitId || code !== coMarks.code) return undefined;
  return coMarks.marks[raterId as keyof typeof coMarks.marks]?.[['Q1', 'Q2', 'Q3'].indexOf(period)];
};

/** Three raters for a unit, never one affiliated with it (回避). */
export const ratersFor = (unitId: string) =>
  RATERS.filter((id) => !DEMO_USERS.find((u) => u.id === id)?.affiliatedUnitIds.includes(unitId)).slice(0, 3);

const periodsSoFar = (year: number, currentYear: number): Period[] =>
  year < currentYear ? ['Q1', 'Q2', 'Q3', 'Q4'] : ['Q1', 'Q2', 'Q3'];

const scoredAt = (year: number, period: Period) =>
  ({ Q1: `${year}-04-20`, Q2: `${year}-07-20`, Q3: `${year}-10-20`, Q4: `${year + 1}-01-15` })[period];

export interface DemoFacts {
  verifications: Verification[];
  ratings: RatingRecord[];
}

/** The verifications and ratings of every signed agreement of a year. */
export const demoScores = async (db: Db, year: number, currentYear: number): Promise<DemoFacts> =>
  scoresOf(await listAgreements(db, year), year, currentYear);

/** The verifications and ratings of the given agreements (pure: the municipal seed has them in hand). */
export const scoresOf = (
  agreements: readonly Pick<Agreement, 'unitId' | 'categoryId' | 'dimensions'>[],
  year: number,
  currentYear: number,
): DemoFacts => {
  const out: DemoFacts = { verifications: [], ratings: [] };
  for (const agreement of agreements) {
    const unitId = agreement.unitId;
    for (const leaf of agreement.dimensions.flatMap((d) => d.leaves)) {
      for (const period of periodsSoFar(year, currentYear).filter((p) => leaf.periods.includes(p))) {
        const at = `${scoredAt(year, period)}T10:00:00+08:00`;
        const r = unitNoise(`${year}|${unitId}|${leaf.code}|${period}|r`);
        if (leaf.rule.type === 'deduction') continue;
        if (leaf.rule.type === 'rating') {
          const q = quality(year, unitId);
          ratersFor(unitId).forEach((raterId, i) => {
            const jitter = unitNoise(`${year}|${unitId}|${leaf.code}|${period}|${raterId}`) - 0.5;
            const base = { unitId, period, code: leaf.code, raterId, at, version: 1 };
            if (leaf.rule.type === 'rating' && leaf.rule.scale === 'bands') {
              const score = q + jitter * 0.3;
              const band = score > 0.85 ? '优' : score > 0.65 ? '良' : score > 0.45 ? '中' : '差';
              out.ratings.push({
                ...base,
                band,
                comment: band === '优' ? '' : '材料基本齐全，个别环节落实不到位',
              });
            } else {
              const W = Number(leaf.W);
              const lenientYear = year === currentYear && agreement.categoryId === LENIENT_RATER.categoryId;
              const lift =
                lenientYear && raterId === LENIENT_RATER.raterId ? LENIENT_RATER.percentOfW / 100 : 0;
              const floor = lenientYear ? 0.5 : 0.6;
              let points = clamp(round(W * (floor + lift + 0.4 * q + jitter * 0.15), 1), 0, W);
              // The demo's open spread alert: two raters of one leaf far apart (more than 20 % of W).
              if (year === currentYear && unitId === 'luoyang-thc' && period === 'Q3')
                points = i === 0 ? W : round(W * 0.6, 1);
              if (year === currentYear) points = borderlineMark(unitId, leaf.code, period, raterId) ?? points;
              const pointsCents = Math.round(points * 100);
              out.ratings.push({ ...base, pointsCents, comment: points < W ? '部分工作台账不完整' : '' });
            }
          });
          continue;
        }
        const missed = year === currentYear && unitId === BORDERLINE_UNIT.unitId;
        const value =
          missed && leaf.code === BORDERLINE_UNIT.missed.code
            ? BORDERLINE_UNIT.missed.value
            : demoValue(year, unitId, leaf, period);
        const verification: Verification = {
          unitId,
          period,
          code: leaf.code,
          verifiedValue: leaf.measure === 'date' ? `${year}-${r < 0.8 ? '11-20' : '12-28'}` : value,
          raterId: VERIFIER[agreement.categoryId] ?? 'rater-jiceng',
          comment: '',
          at,
          version: 1,
        };
        if (leaf.rule.type === 'completion')
          verification.completion = r < 0.75 ? 'on_time' : r < 0.92 ? 'late' : 'not_done';
        if (leaf.rule.type === 'count') verification.occurrences = typeof value === 'number' ? value : 0;
        out.verifications.push(verification);
      }
    }
  }
  return out;
};

const deduction = (
  id: string,
  unitId: string,
  code: string,
  points: number,
  source: string,
): DeductionRecord => ({
  id,
  unitId,
  code,
  pointsCents: points * 100,
  source,
  state: 'approved',
});

/** Approved inspection deductions, bonus items and vetoes of a year. */
const demoProposals = (year: number, currentYear: number) => {
  const current = year === currentYear;
  const deductions: DeductionRecord[] = current
    ? [
        deduction('d-luoyang-1', 'luoyang-thc', '3.1', 2, `明查暗访 ${year}-05-12：违规收费`),
        deduction('d-luoyang-2', 'luoyang-thc', '3.2', 1, `明查暗访 ${year}-05-12：未落实首问负责制`),
        deduction('d-hesha-1', 'hesha-thc', '3.2', 1, `暗访 ${year}-06-03：服务态度生硬，群众投诉`),
        deduction('d-county-1', 'county-hospital', '3.2', 2, `专项检查 ${year}-08-19：门诊乱收费`),
      ]
    : [
        deduction('d-caohe-1', 'caohe-thc', '3.1', 3, `专项检查 ${year}-09-02：“三重一大”未集体决策`),
        deduction('d-second-1', 'second-hospital', '3.2', 2, `暗访 ${year}-04-17：收受红包`),
      ];
  const adjustments: AdjustmentRecord[] = current
    ? [
        {
          id: 'b-xinyan',
          unitId: 'xinyan-thc',
          kind: 'bonus',
          title: '市科技进步奖',
          pointsCents: 100,
          state: 'approved',
          proposedBy: 'xinyan-thc-head',
          approvedBy: 'admin',
        },
        {
          id: 'b-county',
          unitId: 'county-hospital',
          kind: 'bonus',
          title: '省级临床重点专科',
          pointsCents: 200,
          state: 'approved',
          proposedBy: 'county-hospital-head',
          approvedBy: 'admin',
        },
      ]
    : [
        {
          id: 'b-county-25',
          unitId: 'county-hospital',
          kind: 'bonus',
          title: '国家级胸痛中心认证',
          pointsCents: 300,
          state: 'approved',
          proposedBy: 'county-hospital-head',
          approvedBy: 'admin',
        },
        {
          id: 'b-county-25b',
          unitId: 'county-hospital',
          kind: 'bonus',
          title: '省级临床重点专科',
          pointsCents: 300,
          state: 'approved',
          proposedBy: 'county-hospital-head',
          approvedBy: 'admin',
        },
        {
          id: 'p-shiqiao-25',
          unitId: 'shiqiao-thc',
          kind: 'penalty',
          title: '全县通报批评（信息迟报）',
          pointsCents: 100,
          state: 'approved',
          proposedBy: 'admin2',
          approvedBy: 'admin',
        },
      ];
  const vetoes: VetoRecord[] = current
    ? [
        {
          id: 'v-caohe',
          unitId: 'caohe-thc',
          category: '瞒报迟报疫情',
          reason: `${year}年9月一起手足口病聚集性疫情迟报 3 天`,
          state: 'proposed',
          proposedBy: 'inspector-jijian',
        },
      ]
    : [
        {
          id: 'v-railway-25',
          unitId: 'railway-hospital',
          category: '安全生产责任事故',
          reason: `${year}年7月锅炉房火灾，造成 1 人受伤`,
          state: 'approved',
          proposedBy: 'inspector-jijian',
          approvedBy: 'admin',
        },
      ];
  return { deductions, adjustments, vetoes };
};

/**
 * Seeds a year's scoring facts. The content is deterministic, so writing it again changes nothing;
 * batches make the first `npm start` fast.
 */
export const seedDemoFacts = async (db: Db, year: number, currentYear: number): Promise<number> => {
  const { verifications, ratings } = await demoScores(db, year, currentYear);
  const { deductions, adjustments, vetoes } = demoProposals(year, currentYear);
  const items = [
    ...verifications.map((v) => factItems.verification(year, v)),
    ...ratings.map((r) => factItems.rating(year, r)),
    ...deductions.map((d) => factItems.deduction(year, d)),
    ...adjustments.map((a) => factItems.adjustment(year, a)),
    ...vetoes.map((v) => factItems.veto(year, v)),
  ];
  await batchPut(db, items);
  return items.length;
};
