/**
 * The checks of 进入结果公示: the committee's work is done (every assigned score given, every sheet
 * finalized, nothing returned or awaiting approval, every survey entered), and what only warns
 * (evidence missing, raters far apart, a rater who gave full marks throughout).
 */

import type { Period } from '../../schemas/year';
import { PERIODS } from '../../schemas/year';
import { PERIOD_NAMES } from '../agreements/in-force';
import {
  type ConsistencyThresholds,
  pointsMark,
  type RatedItem,
  raterConsistency,
  thresholdsOf,
} from '../consistency';
import { type Checks, names, need, type ReadinessFacts, unitTargets } from './readiness-kit';

type UnitFacts = NonNullable<ReadinessFacts['unitFacts']>[number];
type Leaf = NonNullable<ReadinessFacts['agreements']>[number]['leaves'][number];

import { checkWindows } from './readiness-start';

const REPORTED = new Set(['submitted', 'resubmitted', 'accepted']);
/** Raters of one leaf further apart than this share of W (as in the scoring progress view). */
const SPREAD_PERCENT = 20;

/** 进入结果公示: the windows closed and the committee's work done; then what only warns. */
export const checkScoring = (f: ReadinessFacts, c: Checks) => {
  const y = f.year.year;
  const unitNames = new Map(need(f.units, 'units').map((u) => [u.id, u.name]));
  const unitName = (id: string) => unitNames.get(id) ?? id;
  const { agreements } = checkWindows(f, c, unitName);
  const facts = new Map(need(f.unitFacts, 'unitFacts').map((u) => [u.unitId, u]));
  const leavesOf = new Map(agreements.map((a) => [a.unitId, new Map(a.leaves.map((l) => [l.code, l]))]));
  const itemOf = (unitId: string, period: Period, code: string) =>
    facts.get(unitId)?.items.find((i) => i.period === period && i.code === code);

  const returned = [...facts.values()].flatMap((u) =>
    u.items.filter((i) => i.status === 'returned').map((i) => ({ unitId: u.unitId, ...i })),
  );
  c.check('blocker', 'ITEMS_RETURNED', returned.length, '没有退回后未重新提交的材料', () => ({
    message: `${returned.length} 项退回补充的材料尚未重新提交：${names(
      returned.map((r) => `${unitName(r.unitId)} ${PERIOD_NAMES[r.period]} ${r.code}`),
    )}`,
    targets: unitTargets(
      returned.map((r) => r.unitId),
      unitName,
      `/submissions?year=${y}&unitId=:u`,
    ),
  }));

  // An assigned rater's score is missing (a returned item waits for the unit and is counted above).
  const assignments = need(f.assignments, 'assignments').filter((a) => leavesOf.get(a.unitId)?.has(a.code));
  const unscored = assignments.filter((a) => {
    const unit = facts.get(a.unitId);
    if (itemOf(a.unitId, a.period, a.code)?.status === 'returned') return false;
    const rule = leavesOf.get(a.unitId)?.get(a.code)?.ruleType;
    return rule === 'rating'
      ? !unit?.ratings.some((r) => r.period === a.period && r.code === a.code && r.raterId === a.raterId)
      : !unit?.verifications.some((v) => v.period === a.period && v.code === a.code);
  });
  const byPeriod = (list: { period: Period }[]) => PERIODS.filter((p) => list.some((x) => x.period === p));
  c.check('blocker', 'ITEMS_UNSCORED', unscored.length, '分派的指标均已核定或评分', () => ({
    message: `${unscored.length} 项分派的指标尚未核定或评分（${byPeriod(unscored)
      .map((p) => `${PERIOD_NAMES[p]} ${unscored.filter((u) => u.period === p).length} 项`)
      .join('，')}）`,
    targets: byPeriod(unscored).map((p) => ({
      label: `${PERIOD_NAMES[p]}评分进度`,
      href: `/scoring?year=${y}&period=${p}`,
    })),
  }));

  const finalized = new Set(
    need(f.finalizedSheets, 'finalizedSheets').map((s) => `${s.raterId}|${s.period}`),
  );
  const sheets = [...new Set(assignments.map((a) => `${a.raterId}|${a.period}`))].filter(
    (s) => !finalized.has(s),
  );
  const raterName = (id: string) => f.raterNames?.[id] ?? id;
  c.check('blocker', 'SHEETS_OPEN', sheets.length, '评分表均已定稿', () => ({
    message: `${sheets.length} 份评分表尚未定稿：${names(
      sheets.map((s) => {
        const [rater, period] = s.split('|');
        return `${raterName(rater ?? '')}（${PERIOD_NAMES[period as Period]}）`;
      }),
    )}`,
    targets: byPeriod(sheets.map((s) => ({ period: s.split('|')[1] as Period }))).map((p) => ({
      label: `${PERIOD_NAMES[p]}评分进度`,
      href: `/scoring?year=${y}&period=${p}`,
    })),
  }));

  const inspections = need(f.pendingInspections, 'pendingInspections');
  c.check('blocker', 'INSPECTIONS_PENDING', inspections.length, '检查记录均已审核', () => ({
    message: `${inspections.length} 条检查记录等待审核：${names(inspections.map((i) => unitName(i.unitId)))}`,
    targets: [{ label: '检查审核', href: `/inspections?year=${y}` }],
  }));
  const proposals = need(f.pendingProposals, 'pendingProposals');
  const vetoes = proposals.filter((p) => p.kind === 'veto');
  const adjustments = proposals.filter((p) => p.kind !== 'veto');
  c.check('blocker', 'VETOES_PENDING', vetoes.length, '没有待审批的一票否决', () => ({
    message: `${vetoes.length} 项一票否决等待审批：${names(vetoes.map((v) => unitName(v.unitId)))}`,
    targets: [{ label: '加减分与否决', href: `/proposals?year=${y}` }],
  }));
  c.check('blocker', 'PROPOSALS_PENDING', adjustments.length, '没有待审批的加分、减分', () => ({
    message: `${adjustments.length} 项加分或减分等待审批：${names(adjustments.map((a) => unitName(a.unitId)))}`,
    targets: [{ label: '加减分与否决', href: `/proposals?year=${y}` }],
  }));

  // A survey-based indicator: one some unit has a survey result for in a period; every unit holding
  // it in that period needs its own result (the survey is its verified value).
  const surveyed = new Set([...facts.values()].flatMap((u) => u.surveys.map((s) => `${s.period}|${s.code}`)));
  const missingSurveys = agreements.flatMap((a) =>
    a.leaves.flatMap((l) =>
      l.periods
        .filter((p) => surveyed.has(`${p}|${l.code}`))
        .filter((p) => !facts.get(a.unitId)?.surveys.some((s) => s.period === p && s.code === l.code))
        .map((p) => ({ unitId: a.unitId, period: p, code: l.code, name: l.name })),
    ),
  );
  c.check('blocker', 'SURVEYS_MISSING', missingSurveys.length, '满意度测评结果齐全', () => ({
    message: `${missingSurveys.length} 个单位缺少满意度测评结果：${names(
      missingSurveys.map((m) => `${unitName(m.unitId)}（${PERIOD_NAMES[m.period]} ${m.code} ${m.name}）`),
    )}`,
    targets: [{ label: '满意度测评', href: `/surveys?year=${y}` }],
  }));
  scoringWarnings(c, {
    facts: [...facts.values()],
    leavesOf,
    unitName,
    raterName,
    year: y,
    thresholds: thresholdsOf(f.year.consistency),
  });
};

/** Evidence missing on a reported item, raters far apart, a rater who gave full marks throughout. */
const scoringWarnings = (
  c: Checks,
  {
    facts,
    leavesOf,
    unitName,
    raterName,
    year: y,
    thresholds,
  }: {
    facts: UnitFacts[];
    leavesOf: Map<string, Map<string, Leaf>>;
    unitName: (id: string) => string;
    raterName: (id: string) => string;
    year: number;
    thresholds: ConsistencyThresholds;
  },
) => {
  const noEvidence = facts.flatMap((u) =>
    u.items
      .filter((i) => REPORTED.has(i.status))
      .filter((i) => !u.files.some((file) => file.period === i.period && file.code === i.code))
      .map((i) => ({ unitId: u.unitId, ...i })),
  );
  c.check('warning', 'EVIDENCE_MISSING', noEvidence.length, '已提交的指标均附有佐证材料', () => ({
    message: `${noEvidence.length} 项已提交的指标没有佐证材料（${new Set(noEvidence.map((n) => n.unitId)).size} 个单位）`,
    targets: unitTargets(
      noEvidence.map((n) => n.unitId),
      unitName,
      `/submissions?year=${y}&unitId=:u`,
    ),
  }));
  const spread = facts.flatMap((u) => {
    const groups = new Map<string, number[]>();
    for (const r of u.ratings) {
      if (r.cents === null) continue;
      const key = `${r.period}|${r.code}`;
      groups.set(key, [...(groups.get(key) ?? []), r.cents]);
    }
    return [...groups].flatMap(([key, marks]) => {
      const w = leavesOf.get(u.unitId)?.get(key.split('|')[1] ?? '')?.wCents ?? 0;
      const far = marks.length >= 2 && 100 * (Math.max(...marks) - Math.min(...marks)) > SPREAD_PERCENT * w;
      return far ? [{ unitId: u.unitId, key }] : [];
    });
  });
  c.check('warning', 'SPREAD_ALERT', spread.length, '没有评分差异过大的指标', () => ({
    message: `${spread.length} 项评分的评分人之间相差超过分值的 ${SPREAD_PERCENT}%：${names(
      spread.map((s) => `${unitName(s.unitId)} ${s.key.replace('|', ' ')}`),
    )}`,
    targets: unitTargets(
      spread.map((s) => s.unitId),
      unitName,
      `/results/units/:u?year=${y}`,
    ),
  }));
  const ratingsBy = new Map<string, { full: number; total: number }>();
  for (const u of facts) {
    for (const r of u.ratings) {
      const w = leavesOf.get(u.unitId)?.get(r.code)?.wCents;
      if (r.cents === null || w === undefined) continue;
      const t = ratingsBy.get(r.raterId) ?? { full: 0, total: 0 };
      t.total++;
      if (r.cents === w) t.full++;
      ratingsBy.set(r.raterId, t);
    }
  }
  const allFull = [...ratingsBy].filter(([, t]) => t.total >= 3 && t.full === t.total).map(([id]) => id);
  c.check('warning', 'RATER_ALL_FULL', allFull.length, '没有全部给满分的评分人', () => ({
    message: `${allFull.length} 位评分人的评分全部为满分：${names(allFull.map(raterName))}`,
    targets: [{ label: '评分进度', href: `/scoring?year=${y}` }],
  }));
  // 评分尺度偏差 (docs/rater-consistency.md): leniency against the co-raters beyond the year's threshold.
  const items = new Map<string, RatedItem>();
  for (const u of facts) {
    for (const r of u.ratings) {
      const leaf = leavesOf.get(u.unitId)?.get(r.code);
      if (r.cents === null || !leaf || leaf.wCents <= 0) continue;
      const key = `${u.unitId}|${r.period}|${r.code}`;
      const item = items.get(key) ?? {
        ...{ unitId: u.unitId, unitName: unitName(u.unitId), categoryId: '', code: r.code },
        ...{ indicatorName: leaf.name, period: r.period, wCents: leaf.wCents, marks: [] },
      };
      item.marks.push(pointsMark(r.raterId, r.cents, leaf.wCents));
      items.set(key, item);
    }
  }
  const skewed = raterConsistency([...items.values()], thresholds).filter((r) => r.flag);
  c.check('warning', 'RATER_LENIENCY', skewed.length, '没有评分尺度偏差的评分人', () => ({
    message: `评分尺度偏差：${skewed.length} 位评分人的评分与其他评分人平均相差超过分值的 ${
      thresholds.leniencyBp / 100
    }%：${names(skewed.map((r) => `${raterName(r.raterId)}（${r.flag === 'lenient' ? '偏宽' : '偏严'}）`))}`,
    targets: [{ label: '评分一致性', href: `/results/consistency?year=${y}` }],
  }));
};
