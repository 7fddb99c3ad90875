/**
 * Submission windows, judged by the server's clock: a period is open from `opensAt` to `closesAt`;
 * an extension the admin granted a unit moves that unit's close to the end of its `until` day.
 * Times are shown to users in Beijing time (Asia/Shanghai, no daylight saving).
 */
export interface WindowTimes {
  opensAt: string;
  closesAt: string;
}

export interface ExtensionTimes {
  /** Last instant of the extension (ISO). */
  untilAt: string;
}

export type WindowState =
  | { kind: 'open'; closesAt: string; extended: boolean }
  | { kind: 'not_open'; opensAt: string }
  | { kind: 'closed'; closesAt: string };

/** Where the window stands at `now` for one unit, its extension included. */
export const windowState = (
  window: WindowTimes,
  now: Date,
  extension?: ExtensionTimes | null,
): WindowState => {
  const t = now.getTime();
  if (t < Date.parse(window.opensAt)) return { kind: 'not_open', opensAt: window.opensAt };
  if (t <= Date.parse(window.closesAt)) return { kind: 'open', closesAt: window.closesAt, extended: false };
  if (extension && t <= Date.parse(extension.untilAt)) {
    return { kind: 'open', closesAt: extension.untilAt, extended: true };
  }
  return {
    kind: 'closed',
    closesAt:
      extension && Date.parse(extension.untilAt) > Date.parse(window.closesAt)
        ? extension.untilAt
        : window.closesAt,
  };
};

/**
 * What a window allows: drafts (values, narratives, evidence files) may be prepared before it opens
 * and while it is open; the period submission only while it is open. Nothing changes after the close.
 */
export type WindowPurpose = 'draft' | 'submit';

export const windowAllows = (state: WindowState, purpose: WindowPurpose): boolean =>
  state.kind === 'open' || (purpose === 'draft' && state.kind === 'not_open');

/** The close that applies to a unit: its extension's end when later than the window's close. */
export const effectiveClose = (window: WindowTimes, extension?: ExtensionTimes | null): string =>
  extension && Date.parse(extension.untilAt) > Date.parse(window.closesAt)
    ? extension.untilAt
    : window.closesAt;

const BEIJING = 'Asia/Shanghai';
const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: BEIJING,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `2026年4月10日 18:00` in Beijing time. */
export const formatBeijing = (iso: string): string => dateTimeFormat.format(new Date(iso));

/** The calendar date `YYYY-MM-DD` of an instant in Beijing time (UTC+8 all year). */
export const beijingDate = (at: Date): string =>
  new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The last instant of a Beijing calendar day, as an ISO string with the +08:00 offset. */
export const endOfBeijingDay = (date: string): string => `${date}T23:59:59.999+08:00`;

/** Whole Beijing calendar days from `now` to `iso` (0 on the day itself, negative after). */
export const daysUntil = (iso: string, now: Date): number =>
  Math.round(
    (Date.parse(`${beijingDate(new Date(iso))}T00:00:00Z`) - Date.parse(`${beijingDate(now)}T00:00:00Z`)) /
      86_400_000,
  );
