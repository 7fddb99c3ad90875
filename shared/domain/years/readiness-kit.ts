/**
 * What the readiness checks of a year's moves share (shared/domain/years/readiness.ts): the facts they
 * read, the shape of a blocker or warning, and the collector that records each check as done or not.
 */
import type { Period, Year, YearState } from '../../schemas/year';
import { PERIODS } from '../../schemas/year';
import type { OverclaimFacts } from './readiness-overclaim';

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
  'RATER_LENIENCY',
  'PUBLICITY_OPEN',
  'OBJECTIONS_OPEN',
  'OBJECTIONS_UNANSWERED',
  'SELF_OVERCLAIM',
] as const;
export type ReadinessCode = (typeof READINESS_CODES)[number];

/** The facts a readiness check reads; each step reads only the parts it needs (absent: not loaded). */
export interface ReadinessFacts {
  now: Date;
  year: Pick<Year, 'year' | 'state' | 'periods' | 'history' | 'publicityDays'> &
    Partial<Pick<Year, 'consistency'>>;
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
  /** Units overclaiming systematically in their self-assessment (`readiness-overclaim.ts`). */
  overclaims?: OverclaimFacts['overclaims'];
}

export const need = <T>(value: T | undefined, name: string): T => {
  if (value === undefined) throw new TypeError(`readiness: ${name} not loaded`);
  return value;
};

export const names = (list: string[], max = 5) =>
  list.length <= max ? list.join('、') : `${list.slice(0, max).join('、')} 等 ${list.length} 个`;

export const unitTargets = (unitIds: string[], unitName: (id: string) => string, page: string) =>
  [...new Set(unitIds)].slice(0, 20).map((id) => ({ label: unitName(id), href: page.replace(':u', id) }));

/** Builds the step's checks; `check` records a passing check as done, a failing one as an issue. */
export const collector = () => {
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

export const isScored = (state: string) => state === 'signed' || state === 'locked';

export type Checks = ReturnType<typeof collector>;
