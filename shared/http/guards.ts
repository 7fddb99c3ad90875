/**
 * Checks and parameters that more than one route module needs (quarter-end evidence, its files,
 * the committee's review; the spreadsheet uploads of checklists and surveys), so no route imports
 * another route. Who may read or write a unit is not
 * here: that is `shared/auth/visibility.ts`.
 */
import { z } from '@hono/zod-openapi';
import type { Db } from '../db/client';
import {
  getExtension,
  getReportingAgreement,
  type ReportingAgreement,
  type UnitPeriod,
} from '../db/submission-repo';
import { contentInPeriod, PERIOD_NAMES } from '../domain/agreements/in-force';
import { readSheetRows } from '../domain/inspections/sheet-rows';
import { indicatorsForPeriod } from '../domain/submissions/indicators';
import {
  formatBeijing,
  type WindowPurpose,
  type WindowTimes,
  windowAllows,
  windowState,
} from '../domain/submissions/window';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { AgreementDimension } from '../schemas/agreement';
import type { IndicatorSheet } from '../schemas/submission';
import { type Period, PeriodSchema, type Year } from '../schemas/year';
import { pathInteger } from './openapi';

export const PERIOD_LABELS: Record<Period, string> = {
  Q1: '第一季度',
  Q2: '第二季度',
  Q3: '第三季度',
  Q4: '第四季度',
};

export const UnitPeriodParams = z.object({
  year: pathInteger(2000, 2100),
  unitId: z.string().min(1).max(48),
  period: PeriodSchema,
});
export const ItemParams = UnitPeriodParams.extend({
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/, '指标编码格式不正确'),
});

export const periodWindow = (year: Year, period: Period): WindowTimes => {
  const window = year.periods.find((w) => w.period === period);
  if (!window) throw new NotFoundError(`${PERIOD_NAMES[period]}考核期`);
  return window;
};

/**
 * Refuses a change the unit's window does not allow (see `windowAllows`): a submission before it
 * opens, or any change after it closes (409 with the close time in Beijing time) unless the admin
 * extended it for this unit. Drafts may be prepared before the window opens.
 */
export const assertWindowOpen = async (
  db: Db,
  now: Date,
  p: UnitPeriod,
  year: Year,
  purpose: WindowPurpose = 'submit',
) => {
  const window = periodWindow(year, p.period);
  let state = windowState(window, now);
  if (state.kind === 'closed') state = windowState(window, now, await getExtension(db, p));
  if (windowAllows(state, purpose)) return;
  if (state.kind === 'not_open') {
    throw new ConflictError(
      `${PERIOD_LABELS[p.period]}材料上报尚未开始，${formatBeijing(state.opensAt)}（北京时间）开放`,
      { opensAt: state.opensAt },
      'WINDOW_NOT_OPEN',
    );
  }
  if (state.kind === 'closed') {
    throw new ConflictError(
      `${PERIOD_LABELS[p.period]}材料上报已于 ${formatBeijing(state.closesAt)}（北京时间）截止，不能再修改；如需补报，请联系考核办申请延期`,
      { closesAt: state.closesAt },
      'WINDOW_CLOSED',
    );
  }
};

/**
 * The content a unit reports against in `period`: the signed revision in force then. An amended
 * revision not yet signed changes nothing until the head signs it. `read` is how the agreement is
 * read: by default eventually consistent; the save path's warm copy; the submission's consistent read.
 */
export const signedAgreement = async (
  db: Db,
  year: number,
  unitId: string,
  period: Period,
  read: (
    db: Db,
    year: number,
    unitId: string,
  ) => Promise<ReportingAgreement | undefined> = getReportingAgreement,
): Promise<AgreementDimension[]> => {
  const agreement = await read(db, year, unitId);
  if (!agreement) throw new NotFoundError(`${year} 年度目标责任书`);
  const content = contentInPeriod(agreement, period);
  if (!content) {
    throw new ConflictError(
      `${year} 年度目标责任书尚未签订，签订后才能上报材料`,
      { state: agreement.state },
      'AGREEMENT_NOT_SIGNED',
    );
  }
  return content;
};

/** The indicator `code` of the unit's agreement, assessed in the period. */
export const indicatorOf = (
  dimensions: readonly AgreementDimension[],
  period: Period,
  code: string,
): IndicatorSheet => {
  // Only the leaf asked for is turned into its sheet row (a save needs one, not the period's forty).
  const only = dimensions.map((d) => ({ ...d, leaves: d.leaves.filter((l) => l.code === code) }));
  const indicator = indicatorsForPeriod(only, period)[0];
  if (!indicator) throw new NotFoundError(`本期指标 ${code}`);
  return indicator;
};

/** The bytes of a base64 upload, or a 400 naming the field. */
export const uploadBytes = (fileBase64: string) => {
  const bytes = new Uint8Array(Buffer.from(fileBase64, 'base64'));
  if (bytes.length === 0)
    throw new ValidationError('请选择要导入的文件', [{ path: 'body.fileBase64', message: '文件为空' }]);
  return bytes;
};

export const readUploadRows = async (fileBase64: string) => {
  const rows = await readSheetRows(uploadBytes(fileBase64));
  if (!rows)
    throw new ValidationError('无法读取文件，请上传 xlsx 或 csv 文件', [
      { path: 'body.fileBase64', message: '不是 xlsx 或 csv' },
    ]);
  return rows;
};
