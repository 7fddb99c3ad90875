/**
 * What the unit head's submission of a period will do, decided once for the server (which refuses
 * blanks) and the confirmation dialog (which lists them before the button): the items it submits,
 * the blank ones that block it, and the ones without evidence (allowed, but worth a look).
 */
import type { IndicatorSheet, SubmissionItem } from '../../schemas/submission';
import { isEditable, nextStatus } from './status';
import { checkReportedValue } from './values';

export interface SubmitRow {
  indicator: Pick<IndicatorSheet, 'code' | 'name' | 'needsValue'>;
  item: Pick<SubmissionItem, 'status' | 'value'> | null;
  files?: readonly unknown[];
}

export interface SubmitCheck<R extends SubmitRow> {
  /** Items the submission moves (draft → submitted, returned → resubmitted). */
  toSubmit: R[];
  /** Indicators never saved, or saved without the value they need: each blocks the submission. */
  blanks: R[];
  /** Items to submit without any evidence file. */
  withoutEvidence: R[];
}

const isBlank = (row: SubmitRow) =>
  !row.item || (isEditable(row.item.status) && row.indicator.needsValue && row.item.value === null);

export const checkSubmission = <R extends SubmitRow>(rows: readonly R[]): SubmitCheck<R> => {
  const blanks = rows.filter(isBlank);
  const toSubmit = rows.filter((r) => !isBlank(r) && r.item && nextStatus(r.item.status, 'submit') !== null);
  return {
    toSubmit,
    blanks,
    withoutEvidence: toSubmit.filter((r) => r.files !== undefined && r.files.length === 0),
  };
};

/** `1.1 居民健康档案建档率、1.4 预防接种率`: each indicator once. */
export const indicatorList = (rows: readonly SubmitRow[]): string =>
  rows.map((r) => `${r.indicator.code} ${r.indicator.name}`).join('、');

/**
 * Items whose saved value does not fit the measure of the revision in force now: a draft saved just
 * before an amended revision was signed was checked against the previous one (see
 * shared/db/reporting-cache.ts). The submission refuses them as incomplete, naming each.
 */
export const misfitValues = <
  R extends {
    indicator: Pick<IndicatorSheet, 'code' | 'name' | 'measure'>;
    item: Pick<SubmissionItem, 'value'> | null;
  },
>(
  rows: readonly R[],
): { row: R; message: string }[] =>
  rows.flatMap((row) => {
    const value = row.item?.value;
    if (value === null || value === undefined) return [];
    const checked = checkReportedValue(value, row.indicator.measure);
    return checked.ok ? [] : [{ row, message: checked.message }];
  });
