/**
 * Which signed revision of a unit's agreement is in force for each period. An amendment takes effect
 * from a period chosen when it is proposed; until the unit head signs the amended revision, the unit
 * keeps being scored (and keeps reporting) on its last signed revision. Pure: the agreement in,
 * contents out.
 */
import type { Agreement, AgreementDimension, InForceRevision } from '../../schemas/agreement';
import type { Period, PeriodWindow } from '../../schemas/year';

const PERIODS: readonly Period[] = ['Q1', 'Q2', 'Q3', 'Q4'];
const indexOf = (period: Period) => PERIODS.indexOf(period);

/** A signed revision in force from `from`, with its content. */
export interface RevisionInForce {
  revision: number;
  from: Period;
  dimensions: AgreementDimension[];
}

const isSigned = (agreement: Pick<Agreement, 'state'>) =>
  agreement.state === 'signed' || agreement.state === 'locked';

/**
 * The signed revisions in force, oldest first; the first one from Q1. Agreements signed before
 * amendments had an effective period carry no list: their signed revision is in force all year.
 */
export const revisionsInForce = (
  agreement: Pick<Agreement, 'state' | 'revision' | 'dimensions' | 'inForce'>,
): RevisionInForce[] => {
  const listed: InForceRevision[] =
    agreement.inForce ?? (isSigned(agreement) ? [{ revision: agreement.revision, from: 'Q1' }] : []);
  return listed.map((r) => ({
    revision: r.revision,
    from: r.from,
    // Only the current, signed revision is stored without its content.
    dimensions: r.dimensions ?? agreement.dimensions,
  }));
};

/** Whether the unit has a signed revision to be scored on (drafts and never-signed ones have none). */
export const isScored = (agreement: Pick<Agreement, 'state' | 'revision' | 'dimensions' | 'inForce'>) =>
  revisionsInForce(agreement).length > 0;

/** The revision in force in `period`, if any was signed. */
export const revisionInPeriod = (
  revisions: readonly RevisionInForce[],
  period: Period,
): RevisionInForce | undefined =>
  [...revisions].reverse().find((r) => indexOf(r.from) <= indexOf(period)) ?? revisions[0];

/** The content the unit reports and is scored on in `period`, or undefined before any signature. */
export const contentInPeriod = (
  agreement: Pick<Agreement, 'state' | 'revision' | 'dimensions' | 'inForce'>,
  period: Period,
): AgreementDimension[] | undefined => revisionInPeriod(revisionsInForce(agreement), period)?.dimensions;

/** Kept on an approval: every revision in force with its content, since the current one changes now. */
export const inForceBeforeAmendment = (agreement: Agreement): InForceRevision[] =>
  revisionsInForce(agreement).map((r) => ({ revision: r.revision, from: r.from, dimensions: r.dimensions }));

/**
 * The list after the head signs the current revision: revisions that took effect before its
 * effective period stay for their periods, the signed one covers the rest (its content is the
 * agreement's own, so it is not stored twice).
 */
export const inForceAfterSigning = (agreement: Agreement): InForceRevision[] => {
  const from = agreement.effectiveFrom ?? 'Q1';
  const earlier = (agreement.inForce ?? [])
    .filter((r) => r.revision < agreement.revision && indexOf(r.from) < indexOf(from))
    .map((r) => ({ ...r, dimensions: r.dimensions ?? agreement.dimensions }));
  return [...earlier, { revision: agreement.revision, from: earlier.length === 0 ? 'Q1' : from }];
};

/** The default effective period of an amendment: the first period whose window has not closed. */
export const nextOpenPeriod = (windows: readonly PeriodWindow[], now: Date): Period =>
  windows.find((w) => Date.parse(w.closesAt) > now.getTime())?.period ?? 'Q4';

/** Periods as the users name them. */
export const PERIOD_NAMES: Readonly<Record<Period, string>> = {
  Q1: '第一季度',
  Q2: '第二季度',
  Q3: '第三季度',
  Q4: '第四季度',
};
