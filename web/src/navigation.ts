/**
 * What each role sees in the navigation, in one table. A later page joins by adding its entry to
 * PAGES and its path to the roles' lists; the Shell, the route guard and the home cards read this.
 */
import type { Role } from '../../shared/auth/roles';
import { ROLE_ORDER } from './labels';

export interface PageEntry {
  path: string;
  label: string;
  /** Roles that may change things on the page; everyone else who sees it reads only. */
  editRoles: readonly Role[];
}

export const PAGES = {
  home: { path: '/', label: '工作台', editRoles: [] },
  units: { path: '/units', label: '单位管理', editRoles: ['admin'] },
  year: { path: '/year', label: '考核年度', editRoles: ['admin'] },
  agreements: { path: '/agreements', label: '目标责任书', editRoles: [] },
  submissions: { path: '/submissions', label: '季度上报', editRoles: [] },
  progress: { path: '/progress', label: '上报进度', editRoles: ['admin'] },
  scoring: { path: '/scoring', label: '考核评分', editRoles: [] },
  assignments: { path: '/assignments', label: '评分分派', editRoles: ['admin'] },
  inspections: { path: '/inspections', label: '检查记录', editRoles: [] },
  checklist: { path: '/checklist', label: '检查清单', editRoles: ['admin'] },
  proposals: { path: '/proposals', label: '加减分与否决', editRoles: ['admin', 'inspector', 'unit_head'] },
  surveys: { path: '/surveys', label: '满意度测评', editRoles: ['admin'] },
  results: { path: '/results', label: '考核结果', editRoles: [] },
  objections: { path: '/objections', label: '申诉处理', editRoles: ['admin'] },
  notifications: { path: '/notifications', label: '消息通知', editRoles: [] },
  reviews: { path: '/reviews', label: '自评与审核', editRoles: [] },
  messages: { path: '/messages', label: '消息发送', editRoles: ['admin'] },
} as const satisfies Record<string, PageEntry>;

export type PageId = keyof typeof PAGES;

/** The navigation of each role, in the order it is shown. */
export const NAV_BY_ROLE: Record<Role, readonly PageId[]> = {
  admin: [
    'home',
    'units',
    'year',
    'agreements',
    'submissions',
    'progress',
    'scoring',
    'assignments',
    'inspections',
    'checklist',
    'proposals',
    'surveys',
    'results',
    'objections',
    'notifications',
    'reviews',
    'messages',
  ],
  reporter: ['home', 'agreements', 'submissions', 'reviews', 'inspections', 'results', 'notifications'],
  unit_head: [
    'home',
    'agreements',
    'submissions',
    'reviews',
    'inspections',
    'proposals',
    'results',
    'notifications',
  ],
  rater: ['home', 'scoring', 'reviews', 'submissions', 'agreements', 'results'],
  inspector: ['home', 'inspections', 'checklist', 'proposals', 'agreements', 'results'],
  leader: [
    'home',
    'results',
    'objections',
    'progress',
    'submissions',
    'agreements',
    'surveys',
    'units',
    'year',
    'reviews',
  ],
};

/** The pages of a user holding several roles: each role's list in turn, without repeats. */
export const navFor = (roles: readonly Role[]): PageId[] => [
  ...new Set(ROLE_ORDER.filter((r) => roles.includes(r)).flatMap((r) => NAV_BY_ROLE[r])),
];

export const canSee = (roles: readonly Role[], page: PageId): boolean => navFor(roles).includes(page);

export const canEdit = (roles: readonly Role[], page: PageId): boolean =>
  (PAGES[page].editRoles as readonly Role[]).some((r) => roles.includes(r));
