/** The checks of 开始考核 and 进入集中评分: agreements signed, the last window and extensions closed. */
import { PERIOD_NAMES } from '../agreements/in-force';
import { shanghaiTime } from '../results/publicity';
import { type Checks, isScored, lastAssessedPeriod, names, need, type ReadinessFacts } from './readiness-kit';

/** 开始考核: a template exists and every unit of a category with one has signed its agreement. */
export const checkStart = (f: ReadinessFacts, c: Checks) => {
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

/** The last assessed period's window and every extension of it have closed. */
export const checkWindows = (f: ReadinessFacts, c: Checks, unitName: (id: string) => string) => {
  const y = f.year.year;
  const agreements = need(f.agreements, 'agreements').filter((a) => isScored(a.state));
  const last = lastAssessedPeriod(agreements);
  const window = f.year.periods.find((w) => w.period === last);
  const closesAt = window ? new Date(window.closesAt) : null;
  const open = closesAt !== null && f.now < closesAt;
  c.check('blocker', 'WINDOW_OPEN', open ? 1 : 0, `${PERIOD_NAMES[last]}上报窗口已截止`, () => ({
    message: `最后一个考核期（${PERIOD_NAMES[last]}）的上报窗口尚未截止（截止于 ${closesAt ? shanghaiTime(closesAt) : '—'}）`,
    targets: [{ label: '季度上报窗口', href: '/year' }],
  }));
  const lastPeriod = need(f.lastPeriod, 'lastPeriod');
  const extended = lastPeriod.extensions.filter((e) => f.now < new Date(e.untilAt));
  c.check('blocker', 'EXTENSION_OPEN', extended.length, `${PERIOD_NAMES[last]}没有仍在延期中的单位`, () => ({
    message: `${extended.length} 个单位的${PERIOD_NAMES[last]}延期尚未结束：${names(extended.map((e) => unitName(e.unitId)))}`,
    targets: [{ label: '上报进度', href: `/progress?year=${y}&period=${last}` }],
  }));
  return { last, agreements };
};

/** 进入集中评分: the last window closed; a unit that did not submit that period only warns. */
export const checkScoringStart = (facts: ReadinessFacts, c: Checks) => {
  const unitNames = new Map((facts.units ?? []).map((u) => [u.id, u.name]));
  const { last, agreements } = checkWindows(facts, c, (id) => unitNames.get(id) ?? id);
  const submitted = new Set(need(facts.lastPeriod, 'lastPeriod').submittedUnitIds);
  const missing = agreements.filter((a) => !submitted.has(a.unitId));
  c.check('warning', 'NOT_SUBMITTED', missing.length, `各单位均已提交${PERIOD_NAMES[last]}材料`, () => ({
    message: `${missing.length} 个单位未提交${PERIOD_NAMES[last]}材料：${names(missing.map((a) => a.unitName))}`,
    targets: [{ label: '上报进度', href: `/progress?year=${facts.year.year}&period=${last}` }],
  }));
};
