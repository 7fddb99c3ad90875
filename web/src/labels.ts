/**
 * The Chinese labels the UI shows for roles and year states.
 *
 * Why copies and not imports: shared/auth/roles.ts and shared/schemas/year.ts build zod schemas at
 * module scope, and importing one label map from them pulls zod and @hono/zod-openapi into the
 * bundle (~450 kB minified) — too much for a township reporter's phone. The `satisfies` clauses
 * tie each copy to the shared types, so a new role or state fails the type check until it has a
 * label; the browser tests compare the labels shown with the shared maps.
 */
import type { Role } from '../../shared/auth/roles';
import type { PeriodWindow, YearState } from '../../shared/schemas/year';

export const ROLE_ORDER = [
  'admin',
  'leader',
  'rater',
  'inspector',
  'unit_head',
  'reporter',
] as const satisfies readonly Role[];

export const ROLE_LABELS = {
  admin: '考核办管理员',
  reporter: '单位填报员',
  unit_head: '单位负责人',
  rater: '考核组成员',
  inspector: '检查组成员',
  leader: '局领导',
} as const satisfies Record<Role, string>;

export const YEAR_STATE_ORDER = [
  'setup',
  'in_progress',
  'scoring',
  'publicity',
  'published',
] as const satisfies readonly YearState[];

export const YEAR_STATE_LABELS = {
  setup: '年初设置',
  in_progress: '考核进行中',
  scoring: '集中评分',
  publicity: '结果公示',
  published: '结果已发布',
} as const satisfies Record<YearState, string>;

/** The one forward move from each state (mirrors YEAR_TRANSITIONS; the API refuses any other). */
export const NEXT_YEAR_STATE = {
  setup: 'in_progress',
  in_progress: 'scoring',
  scoring: 'publicity',
  publicity: 'published',
  published: null,
} as const satisfies Record<YearState, YearState | null>;

export const PERIOD_LABELS = {
  Q1: '第一季度',
  Q2: '第二季度',
  Q3: '第三季度',
  Q4: '第四季度',
} as const satisfies Record<PeriodWindow['period'], string>;

/** Role labels of a user, in a stable order, joined for display. */
export const roleLabels = (roles: readonly Role[]): string =>
  ROLE_ORDER.filter((r) => roles.includes(r))
    .map((r) => ROLE_LABELS[r])
    .join('、');
