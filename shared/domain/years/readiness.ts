/**
 * Readiness of a year's next step (开始考核, 进入集中评分, 进入结果公示, 发布结果): what blocks it and
 * what the admin should know before confirming, computed from the stored facts. Pure: the repository
 * gathers `ReadinessFacts`, this decides, the transition route refuses a step with any blocker (409
 * with the same list) and one whose warnings were not acknowledged with a reason.
 */
import type { Period, Year, YearState } from '../../schemas/year';
import { PERIODS } from '../../schemas/year';
import { publicityClosesAt, shanghaiTime } from '../results/publicity';

/** Where the admin goes to clear a check: a page of the web app and what to look for there. */
export interface ReadinessTarget {
  label: string;
  href: string;
}

export interface ReadinessIssue {
  code: ReadinessCode;
  message: string;
  count: number;
  targets: ReadinessTarget[];
}

export interface Readiness {
  year: number;
  from: YearState;
  to: YearState;
  blockers: ReadinessIssue[];
  warnings: ReadinessIssue[];
  /** Checks of this step that pass, as sentences for the checklist. */
  done: string[];
}

export const READINESS_CODES = [
  'NO_TEMPLATE',
  'AGREEMENTS_UNSIGNED',
  'WINDOW_OPEN',
  'EXTENSION_OPEN',
  'NOT_SUBMITTED',
  'ITEMS_RETURNED',
  'ITEMS_UNSCORED',
  'SHEETS_OPEN',
  'INSPECTIONS_PENDING',
  'PROPOSALS_PENDING',
  'VETOES_PENDING',
  'SURVEYS_MISSING',
  'EVIDENCE_MISSING',
  'SPREAD_ALERT',
  'RATER_ALL_FULL',
  'PUBLICITY_OPEN',
  'OBJECTIONS_OPEN',
  'OBJECTIONS_UNANSWERED',
] as const;
export type ReadinessCode = (typeof READINESS_CODES)[number];

/** The facts a readiness check reads; each step reads only the parts it needs (absent: not loaded). */
export interface ReadinessFacts {
  now: Date;
  year: Pick<Year, 'year' | 'state' | 'periods' | 'history' | 'publicityDays'>;
  units?: { id: string; name: string; categoryId: string }[];
  /** Categories with an indicator template this year. */
  templateCategoryIds?: string[];
  agreements?: {
    unitId: string;
    unitName: string;
    categoryId: string;
    state: string;
    leaves: { code: string; name: string; ruleType: string; periods: Period[]; wCents: number }[];
  }[];
  /** Unit heads' period submissions and extensions of the last assessed period. */
  lastPeriod?: { submittedUnitIds: string[]; extensions: { unitId: string; untilAt: string }[] };
  assignments?: { period: Period; unitId: string; code: string; raterId: string }[];
  /** Finalized sheets (rater, period); every other sheet of an assigned rater is open. */
  finalizedSheets?: { raterId: string; period: Period }[];
  raterNames?: Record<string, string>;
  /** Per unit: reported items, scores, surveys and files, from its partition. */
  unitFacts?: {
    unitId: string;
    items: { period: Period; code: string; status: string }[];
    verifications: { period: Period; code: string }[];
    ratings: { period: Period; code: string; raterId: string; cents: number | null }[];
    surveys: { period: Period; code: string }[];
    files: { period: Period; code: string }[];
  }[];
  pendingInspections?: { id: string; unitId: string }[];
  pendingProposals?: { id: string; unitId: string; kind: 'bonus' | 'penalty' | 'veto' }[];
  objections?: {
    id: string;
    unitId: string;
    unitName: string;
    leafName: string;
    state: 'open' | 'upheld' | 'rejected';
    decidedAt?: string;
  }[];
  drafts?: { version: number; computedAt: string; objectionIds: string[] }[];
}

const REPORTED = new Set(['submitted', 'resubmitted', 'accepted']);
/** Raters of one leaf further apart than this share of W (as in the scoring progress view). */
const SPREAD_PERCENT = 20;

const need = <T>(value: T | undefined, name: string): T => {
  if (value === undefined) throw new TypeError(`readiness: ${name} not loaded`);
  return value;
};

const names = (list: string[], max = 5) =>
  list.length <= max ? list.join('、') : `${list.slice(0, max).join('、')} 等 ${list.length} 个`;

const unitTargets = (unitIds: string[], unitName: (id: string) => string, page: string) =>
  [...new Set(unitIds)].slice(0, 20).map((id) => ({ label: unitName(id), href: page.replace(':u', id) }));

/** Builds the step's checks; `check` records a passing check as done, a failing one as an issue. */
const collector = () => {
  const blockers: ReadinessIssue[] = [];
  const warnings: ReadinessIssue[] = [];
  const done: string[] = [];
  return {
    blockers,
    warnings,
    done,
    check: (
      level: 'blocker' | 'warning',
      code: ReadinessCode,
      count: number,
      whenDone: string,
      problem: () => { message: string; targets: ReadinessTarget[] },
    ) => {
      if (count === 0) {
        done.push(whenDone);
        return;
      }
      (level === 'blocker' ? blockers : warnings).push({ code, count, ...problem() });
    },
  };
};

/** The last period any scored indicator is assessed in (Q4 for a usual year). */
export const lastAssessedPeriod = (agreements: NonNullable<ReadinessFacts['agreements']>): Period => {
  let last = 0;
  for (const a of agreements)
    for (const l of a.leaves) for (const p of l.periods) last = Math.max(last, PERIODS.indexOf(p));
  return PERIODS[last] ?? 'Q4';
};

const isScored = (state: string) => state === 'signed' || state === 'locked';

const checkStart = (f: ReadinessFacts, c: ReturnType<typeof collector>) => {
  const y = f.year.year;
  const templates = new Set(need(f.templateCategoryIds, 'templates'));
  const agreements = new Map(need(f.agreements, 'agreements').map((a) => [a.unitId, a]));
  c.check('blocker', 'NO_TEMPLATE', templates.size === 0 ? 1 : 0, '已有指标模板', () => ({
    message: '本年度还没有任何类别的指标模板，无法生成责任书',
    targets: [{ label: '指标模板', href: `/templates?year=${y}` }],
  }));
  const inScope = need(f.units, 'units').filter((u) => templates.has(u.categoryId));
  const unsigned = inScope.filter((u) => !isScored(agreements.get(u.id)?.state ?? 'missing'));
  const stateOf = (id: string) =>
    ({ draft: '草稿', issued: '已下达未签订' })[agreements.get(id)?.state ?? ''] ?? '未生成';
  c.check(
    'blocker',
    'AGREEMENTS_UNSIGNED',
    unsigned.length,
    `${inScope.length} 个单位的责任书均已签订`,
    () => ({
      message: `${unsigned.length} 个单位的目标责任书尚未签订（共 ${inScope.length} 个）：${names(
        unsigned.map((u) => `${u.name}（${stateOf(u.id)}）`),
      )}`,
      targets: unsigned
        .slice(0, 20)
        .map((u) => ({ label: u.name, href: `/agreements/${y}/${encodeURIComponent(u.id)}` })),
    }),
  );
};

const checkWindows = (
  f: ReadinessFacts,
  c: ReturnType<typeof collector>,
  unitName: (id: string) => string,
) => {
  const y = f.year.year;
  const agreements = need(f.agreements, 'agreements').filter((a) => isScored(a.state));
  const last = lastAssessedPeriod(agreements);
  const window = f.year.periods.find((w) => w.period === last);
  const closesAt = window ? new Date(window.closesAt) : null;
  const open = closesAt !== null && f.now < closesAt;
  c.check('blocker', 'WINDOW_OPEN', open ? 1 : 0, `${last} 上报窗口已截止`, () => ({
    message: `最后一个考核期 ${last} 的上报窗口尚未截止（截止于 ${closesAt ? shanghaiTime(closesAt) : '—'}）`,
    targets: [{ label: '季度上报窗口', href: '/year' }],
  }));
  const lastPeriod = need(f.lastPeriod, 'lastPeriod');
  const extended = lastPeriod.extensions.filter((e) => f.now < new Date(e.untilAt));
  c.check('blocker', 'EXTENSION_OPEN', extended.length, `${last} 没有仍在延期中的单位`, () => ({
    message: `${extended.length} 个单位的 ${last} 延期尚未结束：${names(extended.map((e) => unitName(e.unitId)))}`,
    targets: [{ label: '上报进度', href: `/progress?year=${y}&period=${last}` }],
  }));
  return { last, agreements };
};

const checkScoring = (f: ReadinessFacts, c: ReturnType<typeof collector>) => {
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
      returned.map((r) => `${unitName(r.unitId)} ${r.period} ${r.code}`),
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
      .map((p) => `${p} ${unscored.filter((u) => u.period === p).length} 项`)
      .join('，')}）`,
    targets: byPeriod(unscored).map((p) => ({
      label: `${p} 评分进度`,
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
        return `${raterName(rater ?? '')}（${period}）`;
      }),
    )}`,
    targets: byPeriod(sheets.map((s) => ({ period: s.split('|')[1] as Period }))).map((p) => ({
      label: `${p} 评分进度`,
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
    targets: [{ label: '加分、扣分与否决', href: `/proposals?year=${y}` }],
  }));
  c.check('blocker', 'PROPOSALS_PENDING', adjustments.length, '没有待审批的加分、扣分', () => ({
    message: `${adjustments.length} 项加分或扣分等待审批：${names(adjustments.map((a) => unitName(a.unitId)))}`,
    targets: [{ label: '加分、扣分与否决', href: `/proposals?year=${y}` }],
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
      missingSurveys.map((m) => `${unitName(m.unitId)}（${m.period} ${m.code} ${m.name}）`),
    )}`,
    targets: [{ label: '满意度测评', href: `/surveys?year=${y}` }],
  }));

  // Warnings: evidence missing on a reported item, raters far apart, a rater who gave full marks throughout.
  const noEvidence = [...facts.values()].flatMap((u) =>
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
  const spread = [...facts.values()].flatMap((u) => {
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
  for (const u of facts.values()) {
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
};

const checkPublication = (f: ReadinessFacts, c: ReturnType<typeof collector>) => {
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

/** What blocks and what warns before the year moves to `to` (the state after the current one). */
export const yearReadiness = (facts: ReadinessFacts, to: YearState): Readiness => {
  const c = collector();
  switch (to) {
    case 'in_progress':
      checkStart(facts, c);
      break;
    case 'scoring': {
      const unitNames = new Map((facts.units ?? []).map((u) => [u.id, u.name]));
      const { last, agreements } = checkWindows(facts, c, (id) => unitNames.get(id) ?? id);
      const submitted = new Set(need(facts.lastPeriod, 'lastPeriod').submittedUnitIds);
      const missing = agreements.filter((a) => !submitted.has(a.unitId));
      c.check('warning', 'NOT_SUBMITTED', missing.length, `各单位均已提交 ${last} 材料`, () => ({
        message: `${missing.length} 个单位未提交 ${last} 材料：${names(missing.map((a) => a.unitName))}`,
        targets: [{ label: '上报进度', href: `/progress?year=${facts.year.year}&period=${last}` }],
      }));
      break;
    }
    case 'publicity':
      checkScoring(facts, c);
      break;
    case 'published':
      checkPublication(facts, c);
      break;
    case 'setup':
      break;
  }
  return {
    year: facts.year.year,
    from: facts.year.state,
    to,
    blockers: c.blockers,
    warnings: c.warnings,
    done: c.done,
  };
};

export interface Acknowledgement {
  code: string;
  reason: string;
}

/** The warnings of `readiness` that `acks` does not acknowledge with a reason. */
export const unacknowledged = (readiness: Readiness, acks: readonly Acknowledgement[]) =>
  readiness.warnings.filter((w) => !acks.some((a) => a.code === w.code && a.reason.trim().length >= 4));
