/**
 * A rater's sheet of a period (评分表) as pure functions: finalizing it (the rater's scores of the
 * period are then fixed) and the admin's reopening, each with one audit entry per unit the sheet
 * covers. `writeSheet` in the assignment repository writes the result in one transaction.
 */
import { ConflictError, SheetFinalizedError, SheetIncompleteError } from '../../errors';
import type { Assignment, AuditEntry, RaterSheet } from '../../schemas/scoring';
import type { Actor } from '../actor';

/** A sheet change: the next sheet and the audit entries (without ids) written with it. */
export interface SheetChange {
  next: RaterSheet;
  entries: Omit<AuditEntry, 'id'>[];
}

/** One transaction holds the sheet and at most 99 more items; 90 units leaves room for checks. */
export const MAX_UNITS_PER_SHEET = 90;

const unitsOf = (assignments: readonly Assignment[]) => [...new Set(assignments.map((a) => a.unitId))];

const entriesFor = (
  sheet: RaterSheet,
  unitIds: readonly string[],
  kind: 'finalize' | 'reopen',
  actor: Actor,
  at: string,
  reason: string,
): Omit<AuditEntry, 'id'>[] => {
  const [from, to] =
    kind === 'finalize' ? (['open', 'finalized'] as const) : (['finalized', 'open'] as const);
  return unitIds.map((unitId) => ({
    year: sheet.year,
    unitId,
    period: sheet.period,
    code: null,
    kind,
    by: actor.userId,
    byName: actor.name,
    at,
    old: { raterId: sheet.raterId, state: from },
    new: { raterId: sheet.raterId, state: to },
    reason,
  }));
};

/** An assigned item the rater has not scored yet (a returned item waits for the unit and is not one). */
export interface UnscoredItem {
  unitId: string;
  unitName: string;
  code: string;
  name: string;
}

/**
 * The rater finalizes their sheet: refuses a finalized one (409 SHEET_FINALIZED), a period with
 * nothing assigned (409 NOTHING_TO_FINALIZE), one with items still unscored (409 SHEET_INCOMPLETE,
 * each listed) and more units than one transaction holds.
 */
export const finalizeSheet = (
  sheet: RaterSheet,
  assignments: readonly Assignment[],
  actor: Actor,
  at: Date,
  unscored: readonly UnscoredItem[] = [],
): SheetChange => {
  if (sheet.state === 'finalized') throw new SheetFinalizedError(sheet);
  const unitIds = unitsOf(assignments);
  if (unitIds.length === 0) throw new ConflictError('本期没有分派给您的评分任务', {}, 'NOTHING_TO_FINALIZE');
  if (unscored.length > 0)
    throw new SheetIncompleteError(
      unscored.map((u) => ({ path: `${u.unitId}/${u.code}`, message: `${u.unitName} ${u.code} ${u.name}` })),
    );
  if (unitIds.length > MAX_UNITS_PER_SHEET)
    throw new ConflictError('评分表涉及单位过多，请联系考核办', {}, 'TOO_MANY_UNITS');
  const when = at.toISOString();
  return {
    next: { ...sheet, state: 'finalized', finalizedAt: when, version: sheet.version + 1 },
    entries: entriesFor(sheet, unitIds, 'finalize', actor, when, ''),
  };
};

/** The admin reopens a finalized sheet with a reason (409 WRONG_STATE when it is open). */
export const reopenSheet = (
  sheet: RaterSheet,
  assignments: readonly Assignment[],
  reason: string,
  actor: Actor,
  at: Date,
): SheetChange => {
  if (sheet.state !== 'finalized')
    throw new ConflictError('该评分表尚未定稿，无需重新开放', {}, 'WRONG_STATE');
  const when = at.toISOString();
  return {
    next: {
      ...sheet,
      state: 'open',
      reopenedAt: when,
      reopenedBy: actor.userId,
      reopenReason: reason,
      version: sheet.version + 1,
    },
    entries: entriesFor(sheet, unitsOf(assignments), 'reopen', actor, when, reason),
  };
};
