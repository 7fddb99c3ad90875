/**
 * Quiet hours: no robot message between 22:00 and 07:30 Beijing time unless urgent, and the
 * committee's digest time. Beijing has no daylight saving, so UTC+8 is fixed arithmetic.
 */
const BEIJING_OFFSET_MS = 8 * 3600_000;
const QUIET_FROM_MIN = 22 * 60;
const QUIET_UNTIL_MIN = 7 * 60 + 30;
/** The committee's daily digest leaves at 08:30 Beijing time. */
export const DIGEST_AT_MIN = 8 * 60 + 30;

const beijingMinuteOfDay = (at: Date) => {
  const local = new Date(at.getTime() + BEIJING_OFFSET_MS);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
};

/** The next instant at `minuteOfDay` Beijing time at or after `at`. */
export const nextBeijingTime = (at: Date, minuteOfDay: number): Date => {
  const local = new Date(at.getTime() + BEIJING_OFFSET_MS);
  const midnight =
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - BEIJING_OFFSET_MS;
  const today = new Date(midnight + minuteOfDay * 60_000);
  return today.getTime() >= at.getTime() ? today : new Date(today.getTime() + 24 * 3600_000);
};

export const isQuietHour = (at: Date): boolean => {
  const m = beijingMinuteOfDay(at);
  return m >= QUIET_FROM_MIN || m < QUIET_UNTIL_MIN;
};

/** When a robot message planned at `at` may leave: now, or 07:30 Beijing time when it is quiet. */
export const robotSendAt = (at: Date, urgent: boolean): Date =>
  urgent || !isQuietHour(at) ? at : nextBeijingTime(at, QUIET_UNTIL_MIN);
